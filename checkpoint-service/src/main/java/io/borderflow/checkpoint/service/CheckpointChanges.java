package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.CheckpointDetails;
import io.borderflow.checkpoint.repository.CheckpointRepository;
import io.borderflow.checkpoint.repository.StatusChangeFeed;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The steps every change a border post makes to its checkpoint shares: the caller must operate the checkpoint, give a
 * reason, and name one that exists; the change stored is announced on the status feed (so every replica recomputes
 * the status) and audited, in the caller's transaction.
 */
@ApplicationScoped
public class CheckpointChanges {
    private final CheckpointRepository checkpoints;
    private final AuditTrail audit;
    private final StatusChangeFeed feed;

    public CheckpointChanges(CheckpointRepository checkpoints, AuditTrail audit, StatusChangeFeed feed) {
        this.checkpoints = checkpoints;
        this.audit = audit;
        this.feed = feed;
    }

    /** Needs a session. @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} (in the Uni) */
    Uni<CheckpointDetails> details(String checkpointId) {
        return checkpoints
                .findDetails(checkpointId)
                .map(found -> found.orElseThrow(
                        () -> new NotFoundException("CHECKPOINT_NOT_FOUND", "checkpoints/" + checkpointId)));
    }

    /** Writes the change, announces it on the status feed, then appends its audit record. */
    Uni<Void> store(String checkpointId, Uni<Void> write, AuditEntry entry) {
        return write.call(() -> feed.announce(checkpointId)).call(() -> audit.append(entry));
    }

    /** @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM} unless the caller operates the checkpoint */
    static void requireOperator(String checkpointId, Caller caller) {
        if (!caller.operates(checkpointId)) {
            throw new PermissionDeniedException(
                    "CHECKPOINT_NOT_IN_CLAIM", "the caller may not operate checkpoints/" + checkpointId);
        }
    }

    /** Adds a violation of {@code field} unless the reason is given, in at most 500 characters. */
    static void checkReason(List<FieldViolation> problems, String field, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            problems.add(new FieldViolation(field, "required, up to 500 characters"));
        }
    }

    /** @throws InvalidArgumentException with {@code reason} and the field violations, when there are any */
    static void requireValid(String reason, List<FieldViolation> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(
                    reason,
                    "the request has " + problems.size() + " problem(s); see the field violations",
                    Map.of(),
                    problems);
        }
    }

    /** Now, in UTC, to the microsecond PostgreSQL keeps. */
    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
