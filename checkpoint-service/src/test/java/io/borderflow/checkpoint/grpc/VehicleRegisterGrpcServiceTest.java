package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrier;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrierToken;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.customsOfficer;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.operator;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.plate;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.registerVehicle;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.ts;
import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.checkpoint.v1.BookSlotRequest;
import io.borderflow.api.checkpoint.v1.Booking;
import io.borderflow.api.checkpoint.v1.CancelBookingRequest;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.DeregisterVehicleRequest;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.ListAuditRecordsRequest;
import io.borderflow.api.checkpoint.v1.ListSlotsRequest;
import io.borderflow.api.checkpoint.v1.ListVehiclesRequest;
import io.borderflow.api.checkpoint.v1.ListVehiclesResponse;
import io.borderflow.api.checkpoint.v1.RegisterVehicleRequest;
import io.borderflow.api.checkpoint.v1.SlotWindow;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.api.checkpoint.v1.Vehicle;
import io.borderflow.api.common.v1.AuditOutcome;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.GrpcAssertions.Failure;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Carriers' vehicle registers through gRPC: a carrier registers, lists and takes off its own vehicles; a plate is in
 * one register only, and a registration disputed at the border is released by a border operator or customs officer.
 * Every test uses carriers and plates of its own.
 */
@QuarkusTest
class VehicleRegisterGrpcServiceTest {

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    private CheckpointServiceBlockingStub as(CallCredentials credentials) {
        return checkpoints.withDeadlineAfter(20, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    private static RegisterVehicleRequest register(String carrierId, String plate) {
        return RegisterVehicleRequest.newBuilder()
                .setParent("carriers/" + carrierId)
                .setVehicle(Vehicle.newBuilder().setPlate(plate))
                .build();
    }

    private static DeregisterVehicleRequest deregister(String name, String reason) {
        return DeregisterVehicleRequest.newBuilder()
                .setName(name)
                .setReason(reason)
                .build();
    }

    private List<Vehicle> vehiclesOf(String carrierId) {
        return as(carrierToken(carrierId))
                .listVehicles(ListVehiclesRequest.newBuilder()
                        .setParent("carriers/" + carrierId)
                        .setPageSize(500)
                        .build())
                .getVehiclesList();
    }

    @Test
    void aCarrierRegistersListsAndDeregistersItsOwnVehiclesAndARetryChangesNothing() {
        String carrierId = carrier();
        String plate = plate();

        Vehicle registered = as(carrierToken(carrierId))
                .registerVehicle(register(carrierId, plate.substring(0, 3) + " " + plate.substring(3)))
                .getVehicle();

        assertThat(registered.getName()).isEqualTo("carriers/" + carrierId + "/vehicles/" + plate);
        assertThat(registered.getCarrierId()).isEqualTo(carrierId);
        assertThat(registered.getCreatedBy()).isEqualTo("fleet-" + carrierId);
        assertThat(registered.hasCreateTime()).isTrue();
        // the same plate written otherwise is the same vehicle: registering it again returns the registration
        assertThat(as(carrierToken(carrierId))
                        .registerVehicle(register(carrierId, plate.toLowerCase()))
                        .getVehicle())
                .isEqualTo(registered);
        assertThat(vehiclesOf(carrierId)).containsExactly(registered);

        Vehicle removed = as(carrierToken(carrierId))
                .deregisterVehicle(deregister(registered.getName(), ""))
                .getVehicle();
        assertThat(removed).isEqualTo(registered);
        assertThat(vehiclesOf(carrierId)).isEmpty();
        assertFails(
                () -> as(carrierToken(carrierId)).deregisterVehicle(deregister(registered.getName(), "")),
                Status.Code.NOT_FOUND,
                "VEHICLE_NOT_FOUND");
    }

    @Test
    void aRegisterIsListedAPageAtATime() {
        String carrierId = carrier();
        for (int i = 0; i < 5; i++) {
            registerVehicle(checkpoints, carrierId, plate());
        }
        // 5 vehicles in pages of 2: 2 + 2 + 1
        ListVehiclesRequest first = ListVehiclesRequest.newBuilder()
                .setParent("carriers/" + carrierId)
                .setPageSize(2)
                .build();
        ListVehiclesResponse page1 = as(carrierToken(carrierId)).listVehicles(first);
        ListVehiclesResponse page2 = as(carrierToken(carrierId))
                .listVehicles(
                        first.toBuilder().setPageToken(page1.getNextPageToken()).build());
        ListVehiclesResponse page3 = as(carrierToken(carrierId))
                .listVehicles(
                        first.toBuilder().setPageToken(page2.getNextPageToken()).build());

        assertThat(page1.getVehiclesCount()).isEqualTo(2);
        assertThat(page2.getVehiclesCount()).isEqualTo(2);
        assertThat(page3.getVehiclesCount()).isEqualTo(1);
        assertThat(page3.getNextPageToken()).isEmpty();
        assertThat(page1.getVehicles(1).getName())
                .isLessThan(page2.getVehicles(0).getName());
    }

    @Test
    void aPlateIsInOneRegisterOnlyAndTheRefusalDoesNotNameItsCarrier() {
        String owner = carrier();
        String other = carrier();
        String plate = plate();
        registerVehicle(checkpoints, owner, plate);

        Failure elsewhere = assertFails(
                () -> as(carrierToken(other)).registerVehicle(register(other, plate)),
                Status.Code.ALREADY_EXISTS,
                "VEHICLE_REGISTERED_ELSEWHERE");
        assertThat(elsewhere.description()).doesNotContain(owner);
        assertThat(elsewhere.errorInfo().getMetadataMap().values()).doesNotContain(owner);
        assertThat(vehiclesOf(other)).isEmpty();
        // nor can the other carrier read or take the owner's register
        assertFails(
                () -> as(carrierToken(other))
                        .listVehicles(ListVehiclesRequest.newBuilder()
                                .setParent("carriers/" + owner)
                                .build()),
                Status.Code.PERMISSION_DENIED,
                "CARRIER_NOT_IN_CLAIM");
        assertFails(
                () -> as(carrierToken(other))
                        .deregisterVehicle(deregister("carriers/" + owner + "/vehicles/" + plate, "mine")),
                Status.Code.PERMISSION_DENIED,
                "CARRIER_NOT_IN_CLAIM");
        assertFails(
                () -> as(carrierToken(other)).registerVehicle(register(owner, plate())),
                Status.Code.PERMISSION_DENIED,
                "CARRIER_NOT_IN_CLAIM");
        // the refusal is on the audit trail
        assertThat(as(TestTokens.as(Roles.AUDITOR))
                        .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                                .setSubject("fleet-" + other)
                                .setAction("vehicle.register")
                                .build())
                        .getAuditRecordsList())
                .anySatisfy(r -> {
                    assertThat(r.getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_REJECTED);
                    assertThat(r.getDetail()).startsWith("VEHICLE_REGISTERED_ELSEWHERE");
                });
    }

    @Test
    void aDisputedRegistrationIsReleasedByABorderOperatorOrCustomsOfficerWithAReason() {
        String squatter = carrier();
        String owner = carrier();
        String plate = plate();
        String name = "carriers/" + squatter + "/vehicles/" + plate;
        registerVehicle(checkpoints, squatter, plate);

        // without a reason: refused, nothing changed
        Failure noReason = assertFails(
                () -> as(operator("pogranichny")).deregisterVehicle(deregister(name, "")),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_VEHICLE");
        assertThat(noReason.badFields()).containsExactly("reason");
        assertThat(vehiclesOf(squatter)).hasSize(1);

        as(customsOfficer()).deregisterVehicle(deregister(name, "registration papers show carrier " + owner));

        assertThat(vehiclesOf(squatter)).isEmpty();
        assertThat(registerVehicle(checkpoints, owner, plate).getCarrierId()).isEqualTo(owner);
        assertThat(as(TestTokens.as(Roles.AUDITOR))
                        .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                                .setAction("vehicle.release")
                                .setPageSize(500)
                                .build())
                        .getAuditRecordsList())
                .filteredOn(r -> r.getResource().equals(name))
                .singleElement()
                .satisfies(r -> assertThat(r.getDetail()).contains("registration papers show"));
    }

    @Test
    void aCarrierCannotDeregisterAVehicleWhileABookingOfItWaitsForItsTruck() {
        String carrierId = carrier();
        String plate = plate();
        Vehicle vehicle = registerVehicle(checkpoints, carrierId, plate);
        Instant from = Instant.now().plus(Duration.ofHours(2));
        SlotWindow window = as(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .listSlots(ListSlotsRequest.newBuilder()
                        .setParent("checkpoints/pogranichny")
                        .setStartTime(ts(from))
                        .setEndTime(ts(from.plus(Duration.ofDays(7))))
                        .build())
                .getWindowsList()
                .stream()
                .filter(w -> w.getAvailableStandard() > 0)
                .findFirst()
                .orElseThrow();
        Booking booked = as(carrierToken(carrierId))
                .bookSlot(BookSlotRequest.newBuilder()
                        .setParent("checkpoints/pogranichny")
                        .setRequestId("req-" + UUID.randomUUID())
                        .setBooking(Booking.newBuilder()
                                .setWindowStartTime(window.getStartTime())
                                .setDirection(Direction.DIRECTION_EXIT)
                                .setTruck(Truck.newBuilder().setPlate(plate).setCarrierId(carrierId)))
                        .build())
                .getBooking();

        assertFails(
                () -> as(carrierToken(carrierId)).deregisterVehicle(deregister(vehicle.getName(), "")),
                Status.Code.FAILED_PRECONDITION,
                "VEHICLE_HAS_BOOKINGS");

        as(carrierToken(carrierId))
                .cancelBooking(CancelBookingRequest.newBuilder()
                        .setName(booked.getName())
                        .build());
        as(carrierToken(carrierId)).deregisterVehicle(deregister(vehicle.getName(), "sold"));
        assertThat(vehiclesOf(carrierId)).isEmpty();
    }

    @Test
    void malformedRequestsAreRefusedWithTheOffendingFields() {
        String carrierId = carrier();
        Failure badPlate = assertFails(
                () -> as(carrierToken(carrierId)).registerVehicle(register(carrierId, "!")),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_VEHICLE");
        assertThat(badPlate.badFields()).containsExactly("vehicle.plate");
        assertThat(assertFails(
                                () -> as(carrierToken(carrierId)).registerVehicle(register(carrierId, " - ")),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_VEHICLE")
                        .badFields())
                .containsExactly("vehicle.plate");
        assertThat(assertFails(
                                () -> as(carrierToken(carrierId))
                                        .registerVehicle(RegisterVehicleRequest.newBuilder()
                                                .setParent("carriers/" + carrierId)
                                                .build()),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_VEHICLE")
                        .badFields())
                .containsExactly("vehicle");
        assertThat(assertFails(
                                () -> as(carrierToken(carrierId)).registerVehicle(register("carriers/x", plate())),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_NAME")
                        .badFields())
                .containsExactly("parent");
        assertThat(assertFails(
                                () -> as(carrierToken(carrierId))
                                        .deregisterVehicle(deregister("carriers/" + carrierId + "/vehicles/!", "")),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_NAME")
                        .badFields())
                .containsExactly("name");
        assertThat(assertFails(
                                () -> as(carrierToken(carrierId))
                                        .deregisterVehicle(deregister(
                                                "carriers/" + carrierId + "/vehicles/" + plate(), "x".repeat(501))),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_VEHICLE")
                        .badFields())
                .containsExactly("reason");
        assertThat(vehiclesOf(carrierId)).isEmpty();
    }
}
