package io.borderflow.loadharness.drive;

import java.time.Duration;

/**
 * The intended send times of an open-loop phase: call {@code i} is due at {@code start + i / rate}, whether or not the
 * calls before it have answered. Latency is measured from these times, so a stall of the service (or of the driver)
 * shows in the latency of every call that should have been sent meanwhile, not only of the one that waited.
 *
 * @param startNanos {@link System#nanoTime()} of call 0
 * @param ratePerSecond calls per second, more than 0
 * @param duration how long calls are sent
 */
public record RateSchedule(long startNanos, double ratePerSecond, Duration duration) {
    public RateSchedule {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException(
                    "rate must be a positive number of calls per second, got " + ratePerSecond);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
    }

    /** How many calls the phase sends: every call due before the end of the duration. */
    public long calls() {
        return (long) Math.ceil(duration.toNanos() / 1e9 * ratePerSecond);
    }

    /** When call {@code i} is due, in {@link System#nanoTime()} terms. */
    public long intendedNanos(long i) {
        return startNanos + Math.round(i * 1e9 / ratePerSecond);
    }
}
