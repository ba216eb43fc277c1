package io.borderflow.routing.domain.conditions;

import io.borderflow.routing.domain.search.CrossingConditions;
import io.borderflow.routing.domain.search.CrossingOutlook;
import io.borderflow.routing.model.route.BorderDataCoverage;
import io.borderflow.routing.model.route.BorderSnapshot;
import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.InspectionChannel;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.queueing.QueueForecast;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Border conditions at a future arrival, forecast from each checkpoint's last status with the shared forecast
 * ({@link QueueForecast}, in {@code service-support}): the trucks waiting when the status was computed carried to the
 * truck's join (its arrival, or the opening when the crossing is closed then), clearances at the observed rate while
 * open and arrivals damped by the wait (carriers divert and give up as the queue grows), so a backlog holds rather
 * than growing linearly; its wait is the open time that queue takes to clear. A truck joining later never starts its
 * control earlier (the queue drains no faster than time passes), as the search requires.
 * <p>
 * Freshness, of the wait and of the calendar apart: LIVE while the source confirmed the figure recently (the status
 * stream connected and a status or heartbeat within {@code statusTrustedFor}; the calendar's last refresh succeeded,
 * within {@code calendarTrustedFor}), STALE otherwise (the last figure stands, for want of better, with its age).
 * What never came is UNKNOWN, and the forecast says what it assumed in its place: no status, no queue (the calendar
 * still applies); no calendar, open around the clock with no closure (the status still applies). A checkpoint routing
 * does not follow at all is NOMINAL: open, no queue.
 */
public final class ForecastConditions implements CrossingConditions {
    private static final OpeningCalendar ASSUMED_OPEN = OpeningCalendar.alwaysOpen(ZoneOffset.UTC, List.of());

    private final Map<String, BorderSnapshot> snapshots;
    private final Instant now;
    private final Duration statusTrustedFor;
    private final Duration calendarTrustedFor;

    public ForecastConditions(
            Map<String, BorderSnapshot> snapshots,
            Instant now,
            Duration statusTrustedFor,
            Duration calendarTrustedFor) {
        this.snapshots = Map.copyOf(snapshots);
        this.now = now;
        this.statusTrustedFor = statusTrustedFor;
        this.calendarTrustedFor = calendarTrustedFor;
    }

    /** Both directions' queue together, with every closure: for a caller that does not say which way it crosses. */
    @Override
    public CrossingOutlook outlook(String checkpointId, Instant arrival, InspectionChannel queueChannel) {
        return outlook(checkpointId, null, arrival, queueChannel);
    }

    /** The queue and the calendar of the direction travelled (both directions' when {@code direction} is null). */
    @Override
    public CrossingOutlook outlook(
            String checkpointId, String direction, Instant arrival, InspectionChannel queueChannel) {
        BorderSnapshot snapshot = snapshots.get(checkpointId);
        if (snapshot == null) {
            return CrossingOutlook.open(Duration.ZERO, Duration.ZERO, Freshness.nominal());
        }
        OpeningCalendar calendar = snapshot.calendar()
                .map(known -> direction == null ? known.calendar() : known.calendar(direction))
                .orElse(ASSUMED_OPEN);
        Freshness calendarFreshness = calendarFreshness(snapshot);
        Optional<Instant> opens = calendar.isOpen(arrival) ? Optional.of(arrival) : calendar.nextOpening(arrival);
        if (snapshot.queue().isEmpty()) {
            return opens.map(join -> outlook(arrival, join, Duration.ZERO, Duration.ZERO, Freshness.unknown()))
                    .orElseGet(() -> CrossingOutlook.closedIndefinitely(Freshness.unknown()))
                    .withCalendar(calendarFreshness);
        }
        BorderSnapshot.QueueFigures queue = direction == null
                ? snapshot.queue().get()
                : snapshot.queue().get().towards(direction);
        Freshness freshness = statusFreshness(snapshot);
        if (opens.isEmpty() || queue.clearancesPerOpenHour() <= 0) {
            return CrossingOutlook.closedIndefinitely(freshness).withCalendar(calendarFreshness);
        }
        Instant join = opens.get();
        Optional<Instant> served = QueueForecast.damped(
                        calendar,
                        queue.clearancesPerOpenHour(),
                        queue.arrivalsPerHour(),
                        queue.trucksWaiting(),
                        queue.computedAt())
                .servedAt(join);
        if (served.isEmpty()) {
            return CrossingOutlook.closedIndefinitely(freshness).withCalendar(calendarFreshness);
        }
        Duration median = Duration.between(join, served.get());
        // in nanoseconds, and never below the median: a spread of exactly 1 (every recent truck waited as long) once
        // gave a p90 cut to whole milliseconds, below a median that had nanoseconds, and the search failed
        Duration spread = Duration.ofNanos(Math.round(median.toNanos() * queue.p90OverMedian()));
        Duration p90 = spread.compareTo(median) < 0 ? median : spread;
        return outlook(arrival, join, median, p90, freshness).withCalendar(calendarFreshness);
    }

    /** How many checkpoints have a live, a stale or no status and calendar, by the rules the outlooks follow. */
    public BorderDataCoverage coverage() {
        return BorderDataCoverage.of(snapshots.values(), now, statusTrustedFor, calendarTrustedFor);
    }

    private Freshness statusFreshness(BorderSnapshot snapshot) {
        return snapshot.statusFreshness(now, statusTrustedFor);
    }

    private Freshness calendarFreshness(BorderSnapshot snapshot) {
        return snapshot.calendarFreshness(now, calendarTrustedFor);
    }

    private static CrossingOutlook outlook(
            Instant arrival, Instant join, Duration median, Duration p90, Freshness freshness) {
        return join.equals(arrival)
                ? CrossingOutlook.open(median, p90, freshness)
                : CrossingOutlook.closedUntil(join, median, p90, freshness);
    }
}
