package io.borderflow.checkpoint.model;

import java.time.Instant;

/**
 * An arrival window with its slots: in all, held by bookings, and left for a standard and for a priority booking;
 * {@code closedReason} null when it is open.
 */
public record SlotWindowView(
        Instant start,
        Instant end,
        int capacity,
        int booked,
        int availableStandard,
        int availablePriority,
        String closedReason) {}
