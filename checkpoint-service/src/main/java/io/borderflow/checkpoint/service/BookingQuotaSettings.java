package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.config.CheckpointConfig;
import io.borderflow.checkpoint.domain.booking.BookingQuota;
import io.borderflow.checkpoint.model.BookingQuotaEntity;
import io.borderflow.checkpoint.repository.OperationsRepository;
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
 * The bookings one carrier may hold at each checkpoint ({@link BookingQuota}): as its border post set them, else the
 * service's defaults ({@code borderflow.checkpoint.queue.carrier-bookings-per-*}). Set under the checkpoint's lock, in
 * the caller's transaction; read by the electronic queue under the carrier's lock.
 */
@ApplicationScoped
public class BookingQuotaSettings {
    private final OperationsRepository operations;
    private final CheckpointChanges changes;
    private final BookingQuota defaults;

    public BookingQuotaSettings(OperationsRepository operations, CheckpointChanges changes, CheckpointConfig config) {
        this.operations = operations;
        this.changes = changes;
        this.defaults = new BookingQuota(
                config.queue().carrierBookingsPerWindow(), config.queue().carrierBookingsPerDay());
    }

    /** The checkpoint's quota now. Needs a session. */
    Uni<BookingQuota> current(String checkpointId) {
        return operations
                .findBookingQuota(checkpointId)
                .map(row -> row == null ? defaults : new BookingQuota(row.bookingsPerWindow, row.bookingsPerDay));
    }

    /**
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     * @throws InvalidArgumentException {@code INVALID_QUOTA}
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} (in the Uni)
     */
    Uni<BookingQuota> set(String checkpointId, int perWindow, int perDay, String reason, Caller caller) {
        CheckpointChanges.requireOperator(checkpointId, caller);
        List<FieldViolation> problems = new ArrayList<>(BookingQuota.problems(perWindow, perDay));
        CheckpointChanges.checkReason(problems, "reason", reason);
        CheckpointChanges.requireValid("INVALID_QUOTA", problems);
        BookingQuota quota = new BookingQuota(perWindow, perDay);
        return changes.details(checkpointId)
                .call(() -> operations.lockCheckpoint(checkpointId))
                .chain(() -> operations.findBookingQuota(checkpointId))
                .chain(row -> {
                    boolean created = row == null;
                    BookingQuotaEntity stored = created ? new BookingQuotaEntity() : row;
                    stored.checkpointId = checkpointId;
                    stored.bookingsPerWindow = perWindow;
                    stored.bookingsPerDay = perDay;
                    stored.reason = reason;
                    stored.updatedBy = caller.subject();
                    stored.updateTime = CheckpointChanges.now();
                    String detail = perWindow + " a window, " + perDay + " a day per carrier: " + reason;
                    return changes.store(
                            checkpointId,
                            operations.insertOrFlush(stored, created),
                            AuditEntry.of(caller, "booking-quota.set", "checkpoints/" + checkpointId, true, detail));
                })
                .replaceWith(quota);
    }
}
