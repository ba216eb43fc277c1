package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.domain.vehicle.VehicleCheck;
import io.borderflow.checkpoint.domain.visit.EventCheck;
import io.borderflow.checkpoint.model.VehicleEntity;
import io.borderflow.checkpoint.repository.BookingRepository;
import io.borderflow.checkpoint.repository.VehicleRepository;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.AlreadyExistsException;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.paging.PageTokens;
import io.borderflow.support.security.Caller;
import io.borderflow.support.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Carriers' vehicle registers: a carrier registers the plates of its fleet and books windows only for them; a plate is
 * in at most one register. A register kept through the API rather than a claim of the carrier's token, because a
 * fleet changes daily and runs to hundreds of plates, which a token an identity provider issues cannot carry.
 *
 * <p>A plate registered by a carrier it does not belong to (a squatter) is released by a border operator or a customs
 * officer who sees the vehicle's papers ({@link #deregister}); the squatter's bookings stay, but an arrival of the real
 * owner's truck never joins them (see {@code TruckHistory}).
 *
 * <p>Registration and deregistration take the plate's lock; a booking keeps the registration it relies on under the
 * same lock, shared ({@link #requireBookable}), so a vehicle cannot leave a register while a booking of it is made.
 */
@ApplicationScoped
public class VehicleRegisterApplicationService {
    private final VehicleRepository vehicles;
    private final BookingRepository bookings;
    private final AuditTrail audit;

    public VehicleRegisterApplicationService(VehicleRepository vehicles, BookingRepository bookings, AuditTrail audit) {
        this.vehicles = vehicles;
        this.bookings = bookings;
        this.audit = audit;
    }

    /** One page of a register and the token of the next. */
    public record VehiclePage(List<VehicleEntity> vehicles, String nextPageToken) {}

    /**
     * Registers the plate to the carrier; registering it again returns the registration unchanged.
     *
     * @throws InvalidArgumentException {@code INVALID_VEHICLE}
     * @throws PermissionDeniedException {@code CARRIER_NOT_IN_CLAIM}
     * @throws AlreadyExistsException {@code VEHICLE_REGISTERED_ELSEWHERE}, without naming the carrier that holds it
     */
    @WithTransaction
    public Uni<VehicleEntity> register(String carrierId, String plate, Caller caller) {
        requireValid(VehicleCheck.registerProblems(plate));
        requireOwnCarrier(carrierId, caller);
        String plateKey = EventCheck.plateKey(plate);
        return vehicles.lockPlate(plateKey).chain(() -> vehicles.find(plateKey)).chain(found -> {
            if (found != null && found.carrierId.equals(carrierId)) {
                return Uni.createFrom().item(found);
            }
            if (found != null) {
                throw new AlreadyExistsException(
                        "VEHICLE_REGISTERED_ELSEWHERE",
                        "the vehicle " + plateKey + " is in another carrier's register; if it is yours, a border"
                                + " operator or customs officer who sees its papers can release that registration",
                        Map.of("plate", plateKey));
            }
            VehicleEntity vehicle = new VehicleEntity();
            vehicle.plateKey = plateKey;
            vehicle.plate = plate;
            vehicle.carrierId = carrierId;
            vehicle.createdBy = caller.subject();
            vehicle.createTime = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            return vehicles.insert(vehicle)
                    .call(() -> audit.append(
                            AuditEntry.of(caller, "vehicle.register", name(vehicle), true, "registered " + plate)))
                    .replaceWith(vehicle);
        });
    }

    /**
     * The carrier's register by plate, a page at a time.
     *
     * @throws PermissionDeniedException {@code CARRIER_NOT_IN_CLAIM}
     */
    @WithSession
    public Uni<VehiclePage> list(String carrierId, String pageToken, int pageSize, Caller caller) {
        requireOwnCarrier(carrierId, caller);
        String after = PageTokens.decode(pageToken, carrierId).orElse(null);
        return vehicles.list(carrierId, after, pageSize + 1).map(rows -> {
            if (rows.size() <= pageSize) {
                return new VehiclePage(rows, "");
            }
            List<VehicleEntity> page = rows.subList(0, pageSize);
            return new VehiclePage(page, PageTokens.encode(carrierId, page.get(pageSize - 1).plateKey));
        });
    }

    /**
     * Takes the plate off the carrier's register: the carrier itself while no booking of the vehicle waits for its
     * truck; a border operator or customs officer (a disputed registration) with a reason, whatever its bookings.
     *
     * @throws InvalidArgumentException {@code INVALID_VEHICLE}
     * @throws PermissionDeniedException {@code CARRIER_NOT_IN_CLAIM}
     * @throws NotFoundException {@code VEHICLE_NOT_FOUND}
     * @throws FailedPreconditionException {@code VEHICLE_HAS_BOOKINGS}
     */
    @WithTransaction
    public Uni<VehicleEntity> deregister(String carrierId, String plate, String reason, Caller caller) {
        boolean releases = caller.has(Roles.CUSTOMS_OFFICER) || caller.has(Roles.BORDER_OPERATOR);
        boolean own = caller.has(Roles.CARRIER) && carrierId.equals(caller.carrierId());
        boolean disputed = releases && !own;
        List<FieldViolation> problems = new ArrayList<>(VehicleCheck.deregisterProblems(reason, disputed));
        if (!VehicleCheck.validPlate(plate)) {
            problems.add(new FieldViolation("name", "carriers/{carrier_id}/vehicles/{plate}"));
        }
        requireValid(problems);
        if (!own && !releases) {
            throw notYourCarrier();
        }
        String plateKey = EventCheck.plateKey(plate);
        return vehicles.lockPlate(plateKey)
                .chain(() -> vehicles.find(plateKey))
                .invoke(found -> {
                    if (found == null || !found.carrierId.equals(carrierId)) {
                        throw new NotFoundException(
                                "VEHICLE_NOT_FOUND", "carriers/" + carrierId + "/vehicles/" + plateKey);
                    }
                })
                .call(found -> disputed ? Uni.createFrom().voidItem() : requireNoBookings(found))
                .call(vehicles::delete)
                .call(found -> audit.append(AuditEntry.of(
                        caller,
                        disputed ? "vehicle.release" : "vehicle.deregister",
                        name(found),
                        true,
                        (disputed ? "registration released" : "deregistered")
                                + (reason == null || reason.isBlank() ? "" : ": " + reason))));
    }

    /**
     * Keeps the vehicle's registration as it is until the caller's transaction ends, and requires it to be the
     * carrier's, for a caller held to the register: a carrier-only caller, not a border operator of the checkpoint
     * booking at its kiosk for a driver whose papers it sees. Needs a transaction.
     *
     * @throws PermissionDeniedException {@code VEHICLE_NOT_IN_CLAIM} (in the Uni), the same whether the plate is in
     *     no register or in another carrier's: the answer does not tell which
     */
    Uni<Void> requireBookable(String checkpointId, String carrierId, String plateKey, Caller caller) {
        if (caller.operates(checkpointId)) {
            return Uni.createFrom().voidItem();
        }
        return vehicles.lockPlateShared(plateKey)
                .chain(() -> vehicles.find(plateKey))
                .invoke(found -> {
                    if (found == null || !found.carrierId.equals(carrierId)) {
                        throw new PermissionDeniedException(
                                "VEHICLE_NOT_IN_CLAIM",
                                "the vehicle " + plateKey + " is not in the register of carrier " + carrierId
                                        + "; register it (RegisterVehicle) before booking it");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> requireNoBookings(VehicleEntity vehicle) {
        return bookings.activeOfVehicle(vehicle.carrierId, vehicle.plateKey)
                .invoke(active -> {
                    if (active > 0) {
                        throw new FailedPreconditionException(
                                "VEHICLE_HAS_BOOKINGS",
                                "the vehicle " + vehicle.plateKey + " has " + active
                                        + " booking(s) whose truck has not arrived; cancel them first",
                                Map.of("bookings", String.valueOf(active)));
                    }
                })
                .replaceWithVoid();
    }

    /** @throws PermissionDeniedException {@code CARRIER_NOT_IN_CLAIM} unless the caller is that carrier */
    private static void requireOwnCarrier(String carrierId, Caller caller) {
        if (!caller.has(Roles.CARRIER) || !carrierId.equals(caller.carrierId())) {
            throw notYourCarrier();
        }
    }

    private static PermissionDeniedException notYourCarrier() {
        return new PermissionDeniedException(
                "CARRIER_NOT_IN_CLAIM", "the caller may keep only the register of the carrier id of its token");
    }

    /** @throws InvalidArgumentException {@code INVALID_VEHICLE} with the field violations, when there are any */
    private static void requireValid(List<FieldViolation> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(
                    "INVALID_VEHICLE",
                    "the request has " + problems.size() + " problem(s); see the field violations",
                    Map.of(),
                    problems);
        }
    }

    /** The vehicle's resource name, {@code carriers/{carrier_id}/vehicles/{plate_key}}. */
    public static String name(VehicleEntity vehicle) {
        return "carriers/" + vehicle.carrierId + "/vehicles/" + vehicle.plateKey;
    }
}
