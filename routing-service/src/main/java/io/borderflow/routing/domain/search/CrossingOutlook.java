package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.Freshness;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a truck of one queue channel arriving at a crossing at a given instant should expect.
 * <ul>
 * <li>{@code opensAt}: set when the crossing is closed at the arrival (holiday closure, outside opening hours): the
 * truck waits until then. Empty when it is open.</li>
 * <li>{@code waitMedian}, {@code waitP90}: the queue wait, median and 90th percentile, from the moment the truck can
 * join an open queue (the arrival, or {@code opensAt}) to the start of its control; CBP's definition of wait time. An
 * implementation that folds a closure into the wait leaves {@code opensAt} empty; the route then cannot tell how much
 * of the wait was for the opening.</li>
 * <li>{@code closedIndefinitely}: the crossing will not open within the data's horizon; the search does not pass.</li>
 * <li>{@code freshness}: where the wait comes from and how old it is.</li>
 * <li>{@code calendarFreshness}: where the opening hours and closures behind {@code opensAt} come from; the factories
 * take the wait's until {@link #withCalendar} says otherwise.</li>
 * </ul>
 */
public record CrossingOutlook(
        Duration waitMedian,
        Duration waitP90,
        Optional<Instant> opensAt,
        boolean closedIndefinitely,
        Freshness freshness,
        Freshness calendarFreshness) {

    public CrossingOutlook {
        Objects.requireNonNull(waitMedian, "waitMedian");
        Objects.requireNonNull(waitP90, "waitP90");
        Objects.requireNonNull(opensAt, "opensAt");
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(calendarFreshness, "calendarFreshness");
        if (waitMedian.isNegative() || waitP90.compareTo(waitMedian) < 0) {
            throw new IllegalArgumentException("waits must satisfy 0 <= median <= p90");
        }
    }

    public static CrossingOutlook open(Duration waitMedian, Duration waitP90, Freshness freshness) {
        return new CrossingOutlook(waitMedian, waitP90, Optional.empty(), false, freshness, freshness);
    }

    public static CrossingOutlook closedUntil(
            Instant opensAt, Duration waitMedian, Duration waitP90, Freshness freshness) {
        return new CrossingOutlook(waitMedian, waitP90, Optional.of(opensAt), false, freshness, freshness);
    }

    public static CrossingOutlook closedIndefinitely(Freshness freshness) {
        return new CrossingOutlook(Duration.ZERO, Duration.ZERO, Optional.empty(), true, freshness, freshness);
    }

    /** The same outlook, its opening hours and closures from a source of this freshness. */
    public CrossingOutlook withCalendar(Freshness calendar) {
        return new CrossingOutlook(waitMedian, waitP90, opensAt, closedIndefinitely, freshness, calendar);
    }
}
