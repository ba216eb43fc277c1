package io.borderflow.routing.model.route;

import io.borderflow.support.calendar.OpeningCalendar;
import java.time.Instant;
import java.util.Objects;

/**
 * What routing knows of one checkpoint from checkpoint-service: its last status (trucks waiting, the clearance rate
 * while open, the arrival rate, when it was computed), its opening calendar (weekly hours and closures), and when the
 * status stream last confirmed it (a status or a heartbeat).
 *
 * @param p90OverMedian the spread of waits: observed 90th percentile over median (at least 1)
 * @param live whether the stream it came from is connected; false once checkpoint-service became unreachable
 */
public record BorderSnapshot(String checkpointId, Instant computedAt, double trucksWaiting,
        double clearancesPerOpenHour, double arrivalsPerHour, double p90OverMedian, OpeningCalendar calendar,
        Instant confirmedAt, boolean live) {

    public BorderSnapshot {
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(computedAt, "computedAt");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        if (!(trucksWaiting >= 0) || !(clearancesPerOpenHour >= 0) || !(arrivalsPerHour >= 0) || !(p90OverMedian >= 1)
                || Double.isInfinite(trucksWaiting + clearancesPerOpenHour + arrivalsPerHour + p90OverMedian)) {
            throw new IllegalArgumentException("counts and rates must be finite and not negative, spread at least 1");
        }
    }
}
