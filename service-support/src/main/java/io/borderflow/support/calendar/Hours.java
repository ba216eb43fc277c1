package io.borderflow.support.calendar;

import java.time.Duration;
import java.time.Instant;

/** Conversions between fractional hours, the unit of every rate in this package, and java.time values. */
public final class Hours {
    private static final double NANOS_PER_HOUR = 3_600_000_000_000d;

    private Hours() {}

    public static double of(Duration duration) {
        return duration.getSeconds() / 3600d + duration.getNano() / NANOS_PER_HOUR;
    }

    public static double between(Instant from, Instant to) {
        return of(Duration.between(from, to));
    }

    /** @throws IllegalArgumentException for a negative, infinite or NaN number of hours */
    public static Duration toDuration(double hours) {
        if (!(hours >= 0) || Double.isInfinite(hours)) {
            throw new IllegalArgumentException("not a number of hours: " + hours);
        }
        return Duration.ofNanos(Math.round(hours * NANOS_PER_HOUR));
    }
}
