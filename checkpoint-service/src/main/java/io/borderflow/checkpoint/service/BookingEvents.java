package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.checkpoint.repository.BookingRepository.Booked;
import io.borderflow.checkpoint.service.ElectronicQueueApplicationService.BookingRequest;
import java.time.Instant;

/**
 * The crossing events the electronic queue records on a booking's visit: BOOKED when the booking is made, CANCELLED or
 * NO_SHOW when it ends without the truck. Their ids derive from the booking's, so each is recorded once however often
 * the change is retried.
 */
final class BookingEvents {
    private BookingEvents() {}

    /** The event that starts the truck's visit with the booking {@code bookingId}, as asked for. */
    static CrossingEventData booked(String bookingId, String checkpointId, BookingRequest request, Instant at) {
        return new CrossingEventData(
                eventId(bookingId, "booked"),
                checkpointId,
                "BOOKED",
                at,
                request.direction(),
                request.plate(),
                request.carrierId(),
                request.declarationId(),
                null,
                null,
                null);
    }

    /** The event that ends the visit of a booking cancelled at {@code at}. */
    static CrossingEventData cancelled(Booked found, Instant at, String why) {
        return ending(found, "CANCELLED", "cancelled", at, why);
    }

    /** The event that ends the visit of a booking whose truck had not arrived by {@code due}. */
    static CrossingEventData noShow(Booked found, Instant due, String why) {
        return ending(found, "NO_SHOW", "no-show", due, why);
    }

    private static CrossingEventData ending(Booked found, String type, String what, Instant at, String why) {
        return new CrossingEventData(
                eventId(found.booking().id, what),
                found.booking().checkpointId,
                type,
                at,
                found.visit().direction,
                found.visit().plate,
                found.visit().carrierId,
                null,
                null,
                null,
                why);
    }

    private static String eventId(String bookingId, String what) {
        return "bk-" + bookingId + "-" + what;
    }
}
