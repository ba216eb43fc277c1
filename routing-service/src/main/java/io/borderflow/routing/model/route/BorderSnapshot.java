package io.borderflow.routing.model.route;

import io.borderflow.support.calendar.OpeningCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What routing knows of one checkpoint it follows on checkpoint-service: its last status, once one has come
 * ({@code queue}), and its opening calendar, once one was fetched ({@code calendar}). Either may be missing, right
 * after routing-service started or while checkpoint-service does not answer; neither is then made up.
 */
public record BorderSnapshot(String checkpointId, Optional<QueueFigures> queue, Optional<KnownCalendar> calendar) {

    public BorderSnapshot {
        Objects.requireNonNull(checkpointId, "checkpointId");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(calendar, "calendar");
    }

    /**
     * How fresh the status is at {@code now}: live while its stream is connected and confirmed it within
     * {@code trustedFor}, stale after (with its age), unknown when none came.
     */
    public Freshness statusFreshness(Instant now, Duration trustedFor) {
        return queue.map(q -> Freshness.byAge(Duration.between(q.confirmedAt(), now), trustedFor, q.live()))
                .orElse(Freshness.unknown());
    }

    /**
     * How fresh the calendar is at {@code now}: live while its last refresh succeeded and is at most
     * {@code trustedFor} old, stale after (with its age), unknown when none was fetched.
     */
    public Freshness calendarFreshness(Instant now, Duration trustedFor) {
        return calendar.map(c -> Freshness.byAge(Duration.between(c.fetchedAt(), now), trustedFor, c.current()))
                .orElse(Freshness.unknown());
    }

    /**
     * The queue figures of the checkpoint's last status: trucks waiting, the clearance rate while open, the arrival
     * rate, when checkpoint-service computed them, and when the status stream last confirmed them (a status or a
     * heartbeat).
     *
     * @param p90OverMedian the spread of waits: observed 90th percentile over median (at least 1)
     * @param live whether the stream they came from is connected; false once checkpoint-service became unreachable
     * @param directions each direction's own figures (EXIT, ENTRY), as the status gives them; the counts above are
     *     both directions' together, for a status from before directions
     */
    public record QueueFigures(
            Instant computedAt,
            double trucksWaiting,
            double clearancesPerOpenHour,
            double arrivalsPerHour,
            double p90OverMedian,
            Instant confirmedAt,
            boolean live,
            Map<String, Flow> directions) {

        /** Figures with no direction of their own. */
        public QueueFigures(
                Instant computedAt,
                double trucksWaiting,
                double clearancesPerOpenHour,
                double arrivalsPerHour,
                double p90OverMedian,
                Instant confirmedAt,
                boolean live) {
            this(
                    computedAt,
                    trucksWaiting,
                    clearancesPerOpenHour,
                    arrivalsPerHour,
                    p90OverMedian,
                    confirmedAt,
                    live,
                    Map.of());
        }

        /** The figures a truck travelling in {@code direction} meets: its direction's, when the status gave them. */
        public QueueFigures towards(String direction) {
            Flow flow = directions.get(direction);
            return flow == null
                    ? this
                    : new QueueFigures(
                            computedAt,
                            flow.trucksWaiting(),
                            flow.clearancesPerOpenHour(),
                            flow.arrivalsPerHour(),
                            p90OverMedian,
                            confirmedAt,
                            live);
        }

        public QueueFigures {
            directions = Map.copyOf(directions);
            Objects.requireNonNull(computedAt, "computedAt");
            Objects.requireNonNull(confirmedAt, "confirmedAt");
            if (!(trucksWaiting >= 0)
                    || !(clearancesPerOpenHour >= 0)
                    || !(arrivalsPerHour >= 0)
                    || !(p90OverMedian >= 1)
                    || Double.isInfinite(trucksWaiting + clearancesPerOpenHour + arrivalsPerHour + p90OverMedian)) {
                throw new IllegalArgumentException(
                        "counts and rates must be finite and not negative, spread at least 1");
            }
        }
    }

    /** One direction's queue: trucks waiting, the clearance rate while open, the arrival rate. */
    public record Flow(double trucksWaiting, double clearancesPerOpenHour, double arrivalsPerHour) {}

    /**
     * The checkpoint's weekly hours and standing closures as last fetched.
     *
     * @param calendar with every standing closure, of either direction
     * @param directions per direction (EXIT, ENTRY), with the closures of both directions and of its own
     * @param current whether the latest attempt to refresh it succeeded (false: it stands for want of a newer one)
     */
    public record KnownCalendar(
            OpeningCalendar calendar, Map<String, OpeningCalendar> directions, Instant fetchedAt, boolean current) {

        public KnownCalendar {
            Objects.requireNonNull(calendar, "calendar");
            Objects.requireNonNull(fetchedAt, "fetchedAt");
            directions = Map.copyOf(directions);
        }

        /** One calendar for both directions. */
        public KnownCalendar(OpeningCalendar calendar, Instant fetchedAt, boolean current) {
            this(calendar, Map.of(), fetchedAt, current);
        }

        /** The calendar a truck travelling in {@code direction} meets. */
        public OpeningCalendar calendar(String direction) {
            return directions.getOrDefault(direction, calendar);
        }
    }
}
