package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.ClosureEntity;
import io.borderflow.checkpoint.repository.OperationsRepository;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.error.AlreadyExistsException;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The closures a border post plans for its checkpoint: scheduled with a client-chosen request id, so a retry gets
 * the closure it made and never a second one, and cancelled until they end. Each change is made under the
 * checkpoint's lock, in the caller's transaction.
 */
@ApplicationScoped
public class ClosureSchedule {
    /** The longest closure that can be scheduled. */
    static final Duration MAX_CLOSURE = Duration.ofDays(366);

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final OperationsRepository operations;
    private final CheckpointChanges changes;

    public ClosureSchedule(OperationsRepository operations, CheckpointChanges changes) {
        this.operations = operations;
        this.changes = changes;
    }

    /**
     * Under the lock of the caller's request id, then the checkpoint's, answers a retry as before or schedules anew.
     * The request id is the caller's own: another caller's use of it is another request.
     *
     * @param direction EXIT or ENTRY to close one direction only; null for both
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     * @throws InvalidArgumentException {@code INVALID_CLOSURE}
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} (in the Uni)
     * @throws AlreadyExistsException {@code REQUEST_ID_REUSED} (in the Uni)
     */
    Uni<ClosureEntity> schedule(
            String checkpointId,
            String requestId,
            OffsetDateTime start,
            OffsetDateTime end,
            String reason,
            String direction,
            Caller caller) {
        CheckpointChanges.requireOperator(checkpointId, caller);
        PlannedClosure planned = new PlannedClosure(
                checkpointId, requestId, start, end, reason, direction, caller, CheckpointChanges.now());
        CheckpointChanges.requireValid("INVALID_CLOSURE", planned.problems());
        return changes.details(checkpointId)
                .chain(() -> operations.lockClosureRequest(caller.subject(), requestId))
                .chain(() -> operations.lockCheckpoint(checkpointId))
                .chain(() -> operations.findClosureByRequest(caller.subject(), requestId))
                .chain(earlier -> earlier != null ? answerAgain(earlier, planned) : insert(planned));
    }

    /** A retry of the same request gets the closure it made; another closure under the same request id is refused. */
    private static Uni<ClosureEntity> answerAgain(ClosureEntity earlier, PlannedClosure planned) {
        if (!earlier.contentSha256.equals(planned.contentSha256())) {
            throw new AlreadyExistsException(
                    "REQUEST_ID_REUSED",
                    "request_id " + planned.requestId() + " was used for another closure",
                    Map.of("request_id", planned.requestId()));
        }
        return Uni.createFrom().item(earlier);
    }

    /** Stores the new closure, then announces and audits it. */
    private Uni<ClosureEntity> insert(PlannedClosure planned) {
        ClosureEntity closure = planned.toEntity();
        String detail = closure.startTime.toInstant() + " to " + closure.endTime.toInstant()
                + (closure.direction == null ? "" : ", " + closure.direction + " only") + ": " + closure.reason;
        AuditEntry entry = AuditEntry.of(planned.caller(), "closure.schedule", name(closure), true, detail);
        return changes.store(closure.checkpointId, operations.insert(closure), entry)
                .replaceWith(closure);
    }

    /**
     * Cancels a closure that has not ended; cancelling again answers as the first time did.
     *
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     * @throws NotFoundException {@code CLOSURE_NOT_FOUND} (in the Uni)
     * @throws FailedPreconditionException {@code CLOSURE_ENDED} (in the Uni)
     */
    Uni<ClosureEntity> cancel(String checkpointId, String closureId, Caller caller) {
        CheckpointChanges.requireOperator(checkpointId, caller);
        OffsetDateTime now = CheckpointChanges.now();
        return operations
                .lockCheckpoint(checkpointId)
                .chain(() -> operations.findClosure(closureId))
                .invoke(closure -> requireOfCheckpoint(closure, checkpointId, closureId))
                .chain(closure ->
                        closure.cancelTime != null ? Uni.createFrom().item(closure) : cancel(closure, now, caller));
    }

    /** Marks the closure cancelled, then announces and audits it. */
    private Uni<ClosureEntity> cancel(ClosureEntity closure, OffsetDateTime now, Caller caller) {
        requireNotEnded(closure, now);
        closure.cancelTime = now;
        closure.cancelledBy = caller.subject();
        AuditEntry entry = AuditEntry.of(caller, "closure.cancel", name(closure), true, "cancelled: " + closure.reason);
        return changes.store(closure.checkpointId, operations.flush(), entry).replaceWith(closure);
    }

    /** @throws NotFoundException {@code CLOSURE_NOT_FOUND} unless the closure exists at this checkpoint */
    private static void requireOfCheckpoint(ClosureEntity closure, String checkpointId, String closureId) {
        if (closure == null || !closure.checkpointId.equals(checkpointId)) {
            throw new NotFoundException("CLOSURE_NOT_FOUND", "checkpoints/" + checkpointId + "/closures/" + closureId);
        }
    }

    /** @throws FailedPreconditionException {@code CLOSURE_ENDED} once the closure's end has passed */
    private static void requireNotEnded(ClosureEntity closure, OffsetDateTime now) {
        if (!closure.endTime.isAfter(now)) {
            throw new FailedPreconditionException(
                    "CLOSURE_ENDED", name(closure) + " ended at " + closure.endTime.toInstant());
        }
    }

    static String name(ClosureEntity closure) {
        return "checkpoints/" + closure.checkpointId + "/closures/" + closure.id;
    }

    /** A closure as the border post asks for it, at {@code now}. */
    private record PlannedClosure(
            String checkpointId,
            String requestId,
            OffsetDateTime start,
            OffsetDateTime end,
            String reason,
            String direction,
            Caller caller,
            OffsetDateTime now) {

        /** Every problem of the request as field violations. */
        List<FieldViolation> problems() {
            List<FieldViolation> problems = new ArrayList<>();
            if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
                problems.add(new FieldViolation("request_id", "8 to 64 letters, digits, '-' or '_'"));
            }
            if (start == null) {
                problems.add(new FieldViolation("closure.start_time", "required"));
            }
            if (end == null) {
                problems.add(new FieldViolation("closure.end_time", "required"));
            } else if (!end.isAfter(now)) {
                problems.add(new FieldViolation(
                        "closure.end_time", "in the past: a closure that has ended cannot be scheduled"));
            }
            if (start != null
                    && end != null
                    && (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_CLOSURE) > 0)) {
                problems.add(new FieldViolation("closure.end_time", "after start_time, at most 366 days later"));
            }
            CheckpointChanges.checkReason(problems, "closure.reason", reason);
            if (direction != null && !direction.equals("EXIT") && !direction.equals("ENTRY")) {
                problems.add(new FieldViolation(
                        "closure.direction", "DIRECTION_EXIT, DIRECTION_ENTRY, or unset for both directions"));
            }
            return problems;
        }

        /**
         * What a retry must repeat to get the same closure: the checkpoint, the times, the reason and the direction
         * (left out when both, so that closures stored before directions keep their hash).
         */
        String contentSha256() {
            return ReferenceFile.sha256(checkpointId + "|" + start.toInstant() + "|" + end.toInstant() + "|" + reason
                    + (direction == null ? "" : "|" + direction));
        }

        ClosureEntity toEntity() {
            ClosureEntity closure = new ClosureEntity();
            closure.id = UUID.randomUUID().toString();
            closure.checkpointId = checkpointId;
            closure.requester = caller.subject();
            closure.requestId = requestId;
            closure.contentSha256 = contentSha256();
            closure.startTime = start.truncatedTo(ChronoUnit.MICROS);
            closure.endTime = end.truncatedTo(ChronoUnit.MICROS);
            closure.reason = reason;
            closure.direction = direction;
            closure.createdBy = caller.subject();
            closure.createTime = now;
            return closure;
        }
    }
}
