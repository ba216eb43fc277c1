package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.domain.booking.BookingCheck;
import io.borderflow.checkpoint.domain.booking.PriorityClass;
import io.borderflow.checkpoint.domain.booking.SlotWindow;
import io.borderflow.checkpoint.domain.visit.EventCheck;
import io.borderflow.checkpoint.model.BookingEntity;
import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.borderflow.checkpoint.repository.BookingRepository.Booked;
import io.borderflow.checkpoint.repository.VisitRepository;
import io.borderflow.checkpoint.service.ElectronicQueueApplicationService.BookingRequest;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.security.Caller;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A booking being made: the request as asked for, who asks and when, the id the booking will have and the BOOKED event
 * that starts its truck's visit. What it derives from the request (class, plate key, fingerprint, the stored row) is
 * read only once {@link #problems()} has found nothing wrong.
 */
record BookingDraft(
        String checkpointId,
        String bookingId,
        BookingRequest request,
        CrossingEventData booked,
        Caller caller,
        OffsetDateTime now) {

    static BookingDraft of(String checkpointId, BookingRequest request, Caller caller, OffsetDateTime now) {
        String bookingId = UUID.randomUUID().toString();
        CrossingEventData booked = BookingEvents.booked(bookingId, checkpointId, request, now.toInstant());
        return new BookingDraft(checkpointId, bookingId, request, booked, caller, now);
    }

    /** Every problem of the request on its own ({@link BookingCheck#problems}). */
    List<FieldViolation> problems() {
        return BookingCheck.problems(
                request.requestId(), booked, request.priorityClass(), request.windowStart(), now.toInstant());
    }

    /** The class asked for, STANDARD when none is. */
    PriorityClass priority() {
        return request.priorityClass() == null
                ? PriorityClass.STANDARD
                : PriorityClass.valueOf(request.priorityClass());
    }

    String plateKey() {
        return EventCheck.plateKey(request.plate());
    }

    /** What a retry under the same request id must ask again: checkpoint, window, truck, direction, declaration, class. */
    String contentSha256() {
        return ReferenceFile.sha256(String.join(
                "|",
                checkpointId,
                request.windowStart().toString(),
                plateKey(),
                request.carrierId(),
                request.direction(),
                String.valueOf(request.declarationId()),
                priority().name()));
    }

    /** The booking to store for the truck's {@code visit} in {@code window}, and the visit linked to it. */
    Booked toBooked(TruckVisitEntity visit, SlotWindow window) {
        BookingEntity booking = new BookingEntity();
        booking.id = bookingId;
        booking.checkpointId = checkpointId;
        booking.requester = caller.subject();
        booking.requestId = request.requestId();
        booking.contentSha256 = contentSha256();
        booking.visitId = visit.id;
        booking.plateKey = plateKey();
        booking.carrierId = request.carrierId();
        booking.priorityClass = priority().name();
        booking.windowStart = window.start().atOffset(ZoneOffset.UTC);
        booking.windowEnd = window.end().atOffset(ZoneOffset.UTC);
        booking.createdBy = caller.subject();
        booking.createTime = now;
        booking.updateTime = now;
        visit.bookingId = bookingId;
        visit.bookedWindowStart = booking.windowStart;
        return new Booked(booking, visit);
    }

    /**
     * The truck may be booked only when its latest visit for the booking's carrier ({@code latest}, at most one) is
     * not open. Another carrier's visit of the plate is not looked at: a squatter's booking neither blocks the
     * vehicle's owner nor gets named to it.
     *
     * @throws FailedPreconditionException {@code TRUCK_ALREADY_BOOKED}, {@code TRUCK_IN_QUEUE}
     */
    void requireTruckFree(List<TruckVisitEntity> latest) {
        if (latest.isEmpty() || !VisitRepository.OPEN.contains(latest.get(0).state)) {
            return;
        }
        TruckVisitEntity visit = latest.get(0);
        if ("BOOKED".equals(visit.state)) {
            throw new FailedPreconditionException(
                    "TRUCK_ALREADY_BOOKED",
                    "the truck already has a booking at checkpoints/" + visit.checkpointId
                            + "; cancel or reschedule it",
                    visit.bookingId == null
                            ? Map.of()
                            : Map.of("booking", "checkpoints/" + visit.checkpointId + "/bookings/" + visit.bookingId));
        }
        throw new FailedPreconditionException(
                "TRUCK_IN_QUEUE",
                "the truck is already in the queue at checkpoints/" + visit.checkpointId + " (" + visit.state + ")");
    }

    /** The audit trail's detail of the booking made in {@code window}. */
    String auditDetail(SlotWindow window) {
        return priority() + " booking of " + plateKey() + " for " + window.start() + " to " + window.end();
    }
}
