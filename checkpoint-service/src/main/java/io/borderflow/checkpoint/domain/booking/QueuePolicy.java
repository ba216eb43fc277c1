package io.borderflow.checkpoint.domain.booking;

import java.time.Duration;

/**
 * How a checkpoint's electronic queue hands out arrival windows.
 *
 * @param bookableShare share of a window's capacity offered for booking (the rest is left to trucks that arrive
 *        without a booking), from 0 to 1
 * @param priorityShare share of the bookable slots of a window reserved for priority classes, from 0 to 1
 * @param horizon how far ahead a window may be booked
 * @param maxReschedules how many times a booking may be moved to another window
 * @param noShowGrace how long after its window ends a booked truck that has not arrived is marked a no-show, which
 *        releases its slot
 */
public record QueuePolicy(
        double bookableShare, double priorityShare, Duration horizon, int maxReschedules, Duration noShowGrace) {
    /** Every window lasts one hour and starts on a whole hour of the checkpoint's local time. */
    public static final Duration WINDOW = Duration.ofHours(1);

    public QueuePolicy {
        if (!(bookableShare >= 0 && bookableShare <= 1) || !(priorityShare >= 0 && priorityShare <= 1)) {
            throw new IllegalArgumentException(
                    "shares are from 0 to 1: bookable " + bookableShare + ", priority " + priorityShare);
        }
        if (horizon.compareTo(WINDOW) < 0 || maxReschedules < 0 || noShowGrace.isNegative()) {
            throw new IllegalArgumentException("horizon at least one window, reschedules and grace not negative");
        }
    }
}
