package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.CapacitySettingEntity;
import io.borderflow.checkpoint.model.CheckpointDetails;
import io.borderflow.checkpoint.model.LaneGroupEntity;
import io.borderflow.checkpoint.model.LaneSettingEntity;
import io.borderflow.checkpoint.repository.OperationsRepository;
import io.borderflow.checkpoint.service.CheckpointOperationsApplicationService.CapacityState;
import io.borderflow.checkpoint.service.CheckpointOperationsApplicationService.LaneState;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings a border post keeps of its checkpoint, one row each, made anew or overwritten: how many lanes of a kind
 * are open (at most the reference count of its own side), and the vehicles a day it means to clear (in place of the
 * reference figure). Each is set under the checkpoint's lock, in the caller's transaction.
 */
@ApplicationScoped
public class LaneAndCapacitySettings {
    private final OperationsRepository operations;
    private final CheckpointChanges changes;

    public LaneAndCapacitySettings(OperationsRepository operations, CheckpointChanges changes) {
        this.operations = operations;
        this.changes = changes;
    }

    /**
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     * @throws InvalidArgumentException {@code INVALID_LANES}
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} (in the Uni)
     */
    Uni<LaneState> setOpenLanes(String checkpointId, String kind, int open, String reason, Caller caller) {
        OpenLanes change = new OpenLanes(checkpointId, kind, open, reason, caller);
        CheckpointChanges.requireOperator(checkpointId, caller);
        CheckpointChanges.requireValid("INVALID_LANES", change.reasonProblems());
        return changes.details(checkpointId)
                .map(details -> maximum(details, kind))
                .invoke(maximum -> CheckpointChanges.requireValid("INVALID_LANES", change.countProblems(maximum)))
                .call(() -> operations.lockCheckpoint(checkpointId))
                .chain(maximum -> operations
                        .findLaneSetting(checkpointId, kind)
                        .chain(setting -> store(change, setting, maximum)));
    }

    /** Creates the kind's setting or overwrites it, then announces and audits the change. */
    private Uni<LaneState> store(OpenLanes change, LaneSettingEntity setting, int maximum) {
        boolean created = setting == null;
        LaneSettingEntity row = change.applyTo(created ? new LaneSettingEntity() : setting);
        return changes.store(change.checkpointId(), operations.insertOrFlush(row, created), change.audited(maximum))
                .replaceWith(new LaneState(change.kind(), change.open(), maximum, row));
    }

    /**
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     * @throws InvalidArgumentException {@code INVALID_CAPACITY}
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} (in the Uni)
     */
    Uni<CapacityState> setNominalCapacity(String checkpointId, int vehiclesPerDay, String reason, Caller caller) {
        NominalCapacity change = new NominalCapacity(checkpointId, vehiclesPerDay, reason, caller);
        CheckpointChanges.requireOperator(checkpointId, caller);
        CheckpointChanges.requireValid("INVALID_CAPACITY", change.problems());
        return changes.details(checkpointId)
                .call(() -> operations.lockCheckpoint(checkpointId))
                .chain(details -> operations
                        .findCapacity(checkpointId)
                        .chain(setting -> store(change, setting, details.checkpoint().capacityPerDay)));
    }

    /** Creates the checkpoint's capacity setting or overwrites it, then announces and audits the change. */
    private Uni<CapacityState> store(NominalCapacity change, CapacitySettingEntity setting, int reference) {
        boolean created = setting == null;
        CapacitySettingEntity row = change.applyTo(created ? new CapacitySettingEntity() : setting);
        return changes.store(change.checkpointId(), operations.insertOrFlush(row, created), change.audited(reference))
                .replaceWith(new CapacityState(change.vehiclesPerDay(), reference));
    }

    /** Lanes of the kind on the checkpoint's own side, by its reference data; 0 when it has none. */
    private static int maximum(CheckpointDetails details, String kind) {
        return details.lanes().stream()
                .filter(g -> LaneGroupEntity.OWN.equals(g.side) && g.kind.equals(kind))
                .mapToInt(g -> g.count)
                .sum();
    }

    /** How many lanes of a kind the border post opens, and why. */
    private record OpenLanes(String checkpointId, String kind, int open, String reason, Caller caller) {

        List<FieldViolation> reasonProblems() {
            List<FieldViolation> problems = new ArrayList<>();
            CheckpointChanges.checkReason(problems, "reason", reason);
            return problems;
        }

        /** A kind the checkpoint has no lanes of, or a count from 0 to its lanes of the kind. */
        List<FieldViolation> countProblems(int maximum) {
            if (maximum == 0) {
                return List.of(
                        new FieldViolation("kind", "checkpoints/" + checkpointId + " has no lanes of this kind"));
            }
            if (open < 0 || open > maximum) {
                return List.of(new FieldViolation("open", "from 0 to " + maximum));
            }
            return List.of();
        }

        LaneSettingEntity applyTo(LaneSettingEntity row) {
            row.id = checkpointId + "/" + kind;
            row.checkpointId = checkpointId;
            row.laneKind = kind;
            row.openCount = open;
            row.reason = reason;
            row.updatedBy = caller.subject();
            row.updateTime = CheckpointChanges.now();
            return row;
        }

        AuditEntry audited(int maximum) {
            String resource = "checkpoints/" + checkpointId + "/lanes/" + kind;
            return AuditEntry.of(caller, "lanes.set", resource, true, open + " of " + maximum + " open: " + reason);
        }
    }

    /** The vehicles a day the border post means to clear, and why. */
    private record NominalCapacity(String checkpointId, int vehiclesPerDay, String reason, Caller caller) {

        List<FieldViolation> problems() {
            List<FieldViolation> problems = new ArrayList<>();
            if (vehiclesPerDay < 1 || vehiclesPerDay > 100_000) {
                problems.add(new FieldViolation("vehicles_per_day", "from 1 to 100,000"));
            }
            CheckpointChanges.checkReason(problems, "reason", reason);
            return problems;
        }

        CapacitySettingEntity applyTo(CapacitySettingEntity row) {
            row.checkpointId = checkpointId;
            row.vehiclesPerDay = vehiclesPerDay;
            row.reason = reason;
            row.updatedBy = caller.subject();
            row.updateTime = CheckpointChanges.now();
            return row;
        }

        AuditEntry audited(int reference) {
            String detail = vehiclesPerDay + " vehicles a day (reference " + reference + "): " + reason;
            return AuditEntry.of(caller, "capacity.set", "checkpoints/" + checkpointId, true, detail);
        }
    }
}
