package io.borderflow.support.calendar;

import java.time.Instant;
import java.util.Objects;

/**
 * A planned closure (a national holiday on either side, repairs) over the half-open interval [start, end), whatever
 * the opening hours say; {@code reason} is shown to users, e.g. "PRC National Day holiday".
 */
public record ScheduledClosure(Instant start, Instant end, String reason) {

    public ScheduledClosure {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a closure must end after it starts: " + start + " .. " + end);
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a closure needs a reason");
        }
    }

    public boolean covers(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
