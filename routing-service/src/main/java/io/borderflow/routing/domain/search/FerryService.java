package io.borderflow.routing.domain.search;

import java.time.Duration;
import java.util.Objects;

/**
 * A ferry leg in one direction (from {@code fromPlace}): its tariff per metre of vehicle length (how the Caspian
 * operator prices trucks), when it sails, and the typical extra wait for a place on board before the truck can take a
 * sailing (median and 90th percentile; on the Caspian this is counted in days).
 */
public record FerryService(String legId, String fromPlace, double tariffPerMetre, FerrySchedule schedule,
        Duration boardingWaitMedian, Duration boardingWaitP90) {

    public FerryService {
        Objects.requireNonNull(legId, "legId");
        Objects.requireNonNull(fromPlace, "fromPlace");
        Objects.requireNonNull(schedule, "schedule");
        if (!(tariffPerMetre >= 0) || Double.isInfinite(tariffPerMetre)) {
            throw new IllegalArgumentException("ferry " + legId + ": tariff must not be negative");
        }
        if (boardingWaitMedian.isNegative() || boardingWaitP90.compareTo(boardingWaitMedian) < 0) {
            throw new IllegalArgumentException("ferry " + legId + ": boarding waits must satisfy 0 <= median <= p90");
        }
    }
}
