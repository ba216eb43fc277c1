package io.borderflow.routing.domain.conditions;

import io.borderflow.routing.model.route.Channel;
import io.borderflow.routing.domain.search.CrossingConditions;
import io.borderflow.routing.domain.search.CrossingOutlook;
import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.BorderSnapshot;
import io.borderflow.support.calendar.FluidQueue;
import io.borderflow.support.calendar.Hours;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Border conditions at a future arrival, forecast from each checkpoint's last status with the fluid model its own
 * status uses: the trucks waiting when the status was computed, plus arrivals at the observed rate around the clock,
 * minus clearances at the observed rate while open, give the queue a truck finds when it joins (at its arrival, or
 * at the opening when the crossing is closed then); its wait is the open time that queue takes to clear
 * ({@link FluidQueue#whenServed}). A truck joining later never starts its control earlier (the queue drains no faster
 * than time passes), as the search requires. A checkpoint without a status is NOMINAL: open, no queue.
 * <p>
 * Freshness: LIVE while the status stream is connected and confirmed the checkpoint within {@code trustedFor}, STALE
 * otherwise (the last status stands, for want of better); the age is the time since the last confirmation.
 */
public final class ForecastConditions implements CrossingConditions {
    private final Map<String, BorderSnapshot> snapshots;
    private final Instant now;
    private final Duration trustedFor;

    public ForecastConditions(Map<String, BorderSnapshot> snapshots, Instant now, Duration trustedFor) {
        this.snapshots = Map.copyOf(snapshots);
        this.now = now;
        this.trustedFor = trustedFor;
    }

    @Override
    public CrossingOutlook outlook(String checkpointId, Instant arrival, Channel queueChannel) {
        BorderSnapshot snapshot = snapshots.get(checkpointId);
        if (snapshot == null) {
            return CrossingOutlook.open(Duration.ZERO, Duration.ZERO, Freshness.nominal());
        }
        Duration age = now.isAfter(snapshot.confirmedAt()) ? Duration.between(snapshot.confirmedAt(), now) : Duration.ZERO;
        Freshness freshness = snapshot.live() && age.compareTo(trustedFor) <= 0 ? Freshness.live(age)
                : Freshness.stale(age);
        Optional<Instant> opens = snapshot.calendar().isOpen(arrival) ? Optional.of(arrival)
                : snapshot.calendar().nextOpening(arrival);
        if (opens.isEmpty() || snapshot.clearancesPerOpenHour() <= 0) {
            return CrossingOutlook.closedIndefinitely(freshness);
        }
        Instant join = opens.get();
        Instant from = snapshot.computedAt().isBefore(join) ? snapshot.computedAt() : join;
        double ahead = Math.max(0, snapshot.trucksWaiting()
                + snapshot.arrivalsPerHour() * Hours.between(from, join)
                - snapshot.clearancesPerOpenHour() * Hours.of(snapshot.calendar().openTime(from, join)));
        Optional<Instant> served = new FluidQueue(snapshot.calendar(), snapshot.clearancesPerOpenHour())
                .whenServed(join, ahead);
        if (served.isEmpty()) {
            return CrossingOutlook.closedIndefinitely(freshness);
        }
        Duration median = Duration.between(join, served.get());
        Duration p90 = Duration.ofMillis(Math.round(median.toMillis() * snapshot.p90OverMedian()));
        return join.equals(arrival) ? CrossingOutlook.open(median, p90, freshness)
                : CrossingOutlook.closedUntil(join, median, p90, freshness);
    }
}
