package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.ClosureEntity;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * Where a border post's changes to its checkpoint come in: each runs in its own transaction
 * ({@link CheckpointOperationsApplicationService}), and a refused one is recorded in the audit trail in another.
 */
@ApplicationScoped
public class CheckpointOperationsCommands {
    private final CheckpointOperationsApplicationService operations;
    private final AuditTrail audit;
    private final StatusCache statuses;

    public CheckpointOperationsCommands(
            CheckpointOperationsApplicationService operations, AuditTrail audit, StatusCache statuses) {
        this.operations = operations;
        this.audit = audit;
        this.statuses = statuses;
    }

    public Uni<CheckpointOperationsApplicationService.LaneState> setOpenLanes(
            String checkpointId, String kind, int open, String reason, Caller caller) {
        return audit.recordingRefusals(
                        operations.setOpenLanes(checkpointId, kind, open, reason, caller),
                        caller,
                        "lanes.set",
                        "checkpoints/" + checkpointId + "/lanes/" + kind)
                .invoke(() -> statuses.changed(checkpointId));
    }

    public Uni<ClosureEntity> scheduleClosure(
            String checkpointId,
            String requestId,
            OffsetDateTime start,
            OffsetDateTime end,
            String reason,
            String direction,
            Caller caller) {
        return audit.recordingRefusals(
                        operations.scheduleClosure(checkpointId, requestId, start, end, reason, direction, caller),
                        caller,
                        "closure.schedule",
                        "checkpoints/" + checkpointId + "/closures")
                .invoke(() -> statuses.changed(checkpointId));
    }

    public Uni<ClosureEntity> cancelClosure(String checkpointId, String closureId, Caller caller) {
        return audit.recordingRefusals(
                        operations.cancelClosure(checkpointId, closureId, caller),
                        caller,
                        "closure.cancel",
                        "checkpoints/" + checkpointId + "/closures/" + closureId)
                .invoke(() -> statuses.changed(checkpointId));
    }

    public Uni<CheckpointOperationsApplicationService.CapacityState> setNominalCapacity(
            String checkpointId, int vehiclesPerDay, String reason, Caller caller) {
        return audit.recordingRefusals(
                        operations.setNominalCapacity(checkpointId, vehiclesPerDay, reason, caller),
                        caller,
                        "capacity.set",
                        "checkpoints/" + checkpointId)
                .invoke(() -> statuses.changed(checkpointId));
    }

    public Uni<CheckpointOperationsApplicationService.QuotaState> setBookingQuota(
            String checkpointId, int bookingsPerWindow, int bookingsPerDay, String reason, Caller caller) {
        return audit.recordingRefusals(
                operations.setBookingQuota(checkpointId, bookingsPerWindow, bookingsPerDay, reason, caller),
                caller,
                "booking-quota.set",
                "checkpoints/" + checkpointId);
    }
}
