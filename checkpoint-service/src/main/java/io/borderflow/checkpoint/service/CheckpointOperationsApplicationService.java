package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.CheckpointDetails;
import io.borderflow.checkpoint.model.CheckpointOperations;
import io.borderflow.checkpoint.model.ClosureEntity;
import io.borderflow.checkpoint.model.LaneGroupEntity;
import io.borderflow.checkpoint.model.LaneSettingEntity;
import io.borderflow.checkpoint.repository.OperationsRepository;
import io.borderflow.support.error.AlreadyExistsException;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What a border post changes about its checkpoint while it runs: lanes open, planned closures, the capacity to clear
 * a day, the bookings one carrier may hold ({@link BookingQuotaSettings}). Each change is checked against the checkpoint's reference data, stored with its audit record, and read by
 * status and forecasts on their next request.
 *
 * <p>Each write runs in a transaction of its own and is a short list of steps (check, lock, load, change, store,
 * audit): the settings of lanes and capacity in {@link LaneAndCapacitySettings}, closures in {@link ClosureSchedule};
 * the steps every change shares (the caller's claim, the reason, the checkpoint, the status feed and the audit trail)
 * in {@link CheckpointChanges}.
 */
@ApplicationScoped
public class CheckpointOperationsApplicationService {
    public static final Duration MAX_CLOSURE = ClosureSchedule.MAX_CLOSURE;

    private final OperationsRepository operations;
    private final CheckpointChanges changes;
    private final LaneAndCapacitySettings settings;
    private final ClosureSchedule closures;
    private final BookingQuotaSettings quotas;

    public CheckpointOperationsApplicationService(
            OperationsRepository operations,
            CheckpointChanges changes,
            LaneAndCapacitySettings settings,
            ClosureSchedule closures,
            BookingQuotaSettings quotas) {
        this.operations = operations;
        this.changes = changes;
        this.settings = settings;
        this.closures = closures;
        this.quotas = quotas;
    }

    /** A lane kind's setting as read: open now out of its maximum, and the last change (null when none). */
    public record LaneState(String kind, int open, int maximum, LaneSettingEntity lastChange) {}

    /** Vehicles a day now, and the reference figure it replaces. */
    public record CapacityState(int vehiclesPerDay, int referenceVehiclesPerDay) {}

    /** The bookings one carrier may hold at the checkpoint: in one window, and in one local day. */
    public record QuotaState(int bookingsPerWindow, int bookingsPerDay) {}

    /** Lane states for every kind the checkpoint has. @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} */
    @WithSession
    public Uni<List<LaneState>> lanes(String checkpointId) {
        return current(checkpointId).map(live -> lanes(live.details(), live.operations()));
    }

    /** Closures that have not ended. @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} */
    @WithSession
    public Uni<List<ClosureEntity>> closures(String checkpointId) {
        return current(checkpointId).map(live -> live.operations().closures());
    }

    /**
     * @throws InvalidArgumentException {@code INVALID_LANES}
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     */
    @WithTransaction
    public Uni<LaneState> setOpenLanes(String checkpointId, String kind, int open, String reason, Caller caller) {
        return settings.setOpenLanes(checkpointId, kind, open, reason, caller);
    }

    /**
     * @throws InvalidArgumentException {@code INVALID_CLOSURE}
     * @throws AlreadyExistsException {@code REQUEST_ID_REUSED}
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     */
    @WithTransaction
    public Uni<ClosureEntity> scheduleClosure(
            String checkpointId,
            String requestId,
            OffsetDateTime start,
            OffsetDateTime end,
            String reason,
            String direction,
            Caller caller) {
        return closures.schedule(checkpointId, requestId, start, end, reason, direction, caller);
    }

    /**
     * @throws NotFoundException {@code CLOSURE_NOT_FOUND}
     * @throws FailedPreconditionException {@code CLOSURE_ENDED}
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     */
    @WithTransaction
    public Uni<ClosureEntity> cancelClosure(String checkpointId, String closureId, Caller caller) {
        return closures.cancel(checkpointId, closureId, caller);
    }

    /** @throws InvalidArgumentException {@code INVALID_CAPACITY} */
    @WithTransaction
    public Uni<CapacityState> setNominalCapacity(
            String checkpointId, int vehiclesPerDay, String reason, Caller caller) {
        return settings.setNominalCapacity(checkpointId, vehiclesPerDay, reason, caller);
    }

    /**
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     * @throws InvalidArgumentException {@code INVALID_QUOTA}
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND}
     */
    @WithTransaction
    public Uni<QuotaState> setBookingQuota(
            String checkpointId, int bookingsPerWindow, int bookingsPerDay, String reason, Caller caller) {
        return quotas.set(checkpointId, bookingsPerWindow, bookingsPerDay, reason, caller)
                .map(quota -> new QuotaState(quota.perWindow(), quota.perDay()));
    }

    /** Lane states from the reference lanes and the settings. */
    static List<LaneState> lanes(CheckpointDetails details, CheckpointOperations current) {
        List<LaneState> states = new ArrayList<>();
        for (LaneGroupEntity group : details.lanes()) {
            if (!LaneGroupEntity.OWN.equals(group.side)) {
                continue;
            }
            LaneSettingEntity setting = current.lanes().stream()
                    .filter(s -> s.laneKind.equals(group.kind))
                    .findFirst()
                    .orElse(null);
            states.add(new LaneState(
                    group.kind,
                    setting == null ? group.count : Math.min(setting.openCount, group.count),
                    group.count,
                    setting));
        }
        return states;
    }

    /** The checkpoint's reference data with what its border post changed that still matters now. */
    private Uni<LiveCheckpoint> current(String checkpointId) {
        return changes.details(checkpointId)
                .chain(details -> operations
                        .current(checkpointId, CheckpointChanges.now())
                        .map(current -> new LiveCheckpoint(details, current)));
    }
}
