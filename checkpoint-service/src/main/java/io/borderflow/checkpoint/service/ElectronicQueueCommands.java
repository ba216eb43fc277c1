package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.BookingView;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Where bookings come in: each change runs in its own transaction ({@link ElectronicQueueApplicationService}); a
 * refused one is recorded in the audit trail in another; a new booking with a declaration has its decision asked for
 * at once, so the truck is filed under its channel before it arrives.
 */
@ApplicationScoped
public class ElectronicQueueCommands {
    private final ElectronicQueueApplicationService queue;
    private final DecisionSettlement settlement;
    private final AuditTrail audit;
    private final StatusCache statuses;

    public ElectronicQueueCommands(
            ElectronicQueueApplicationService queue,
            DecisionSettlement settlement,
            AuditTrail audit,
            StatusCache statuses) {
        this.queue = queue;
        this.settlement = settlement;
        this.audit = audit;
        this.statuses = statuses;
    }

    public Uni<BookingView> book(
            String checkpointId, ElectronicQueueApplicationService.BookingRequest request, Caller caller) {
        return audit.recordingRefusals(
                        queue.book(checkpointId, request, caller),
                        caller,
                        "booking.create",
                        "checkpoints/" + checkpointId + "/bookings")
                .invoke(booked -> settlement.settleSoon(booked.visit()))
                .invoke(() -> statuses.changed(checkpointId));
    }

    public Uni<BookingView> cancel(String checkpointId, String bookingId, String reason, Caller caller) {
        return audit.recordingRefusals(
                        queue.cancel(checkpointId, bookingId, reason, caller),
                        caller,
                        "booking.cancel",
                        "checkpoints/" + checkpointId + "/bookings/" + bookingId)
                .invoke(() -> statuses.changed(checkpointId));
    }

    public Uni<BookingView> reschedule(String checkpointId, String bookingId, Instant windowStart, Caller caller) {
        return audit.recordingRefusals(
                        queue.reschedule(checkpointId, bookingId, windowStart, caller),
                        caller,
                        "booking.reschedule",
                        "checkpoints/" + checkpointId + "/bookings/" + bookingId)
                .invoke(() -> statuses.changed(checkpointId));
    }
}
