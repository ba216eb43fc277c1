package io.borderflow.support.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** An interval [start, end) during which a checkpoint is open. */
public record OpenPeriod(Instant start, Instant end) {

    public OpenPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an open period must end after it starts: " + start + " .. " + end);
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
