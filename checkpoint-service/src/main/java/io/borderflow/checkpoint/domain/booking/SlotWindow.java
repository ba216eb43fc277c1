package io.borderflow.checkpoint.domain.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One arrival window of an electronic queue and what it offers.
 *
 * @param capacity slots that may be booked in the window, by any class
 * @param standardCapacity slots that standard bookings may use (the rest is reserved for priority classes)
 * @param openTime how long within the window the checkpoint is open
 * @param closedReason why no slot is offered: the closure's reason, or outside opening hours; empty when open
 */
public record SlotWindow(
        Instant start,
        Instant end,
        int capacity,
        int standardCapacity,
        Duration openTime,
        Optional<String> closedReason) {

    /** Slots left for a booking of {@code priorityClass}, given the bookings that hold slots in the window. */
    public int available(PriorityClass priorityClass, int booked, int bookedStandard) {
        int left = capacity - booked;
        if (!priorityClass.priority()) {
            left = Math.min(left, standardCapacity - bookedStandard);
        }
        return Math.max(0, left);
    }
}
