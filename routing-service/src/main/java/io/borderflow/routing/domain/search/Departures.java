package io.borderflow.routing.domain.search;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When a ferry sails or a train leaves. The Caspian ferries keep no timetable (they sail when loaded), so the reference
 * data models them as a regular {@link Interval}, as it does the daily container trains; {@link Weekly} is for a line
 * with fixed days; {@link WhenReady} for a through train that goes on as soon as its load is handled.
 */
public sealed interface Departures permits Departures.Interval, Departures.Weekly, Departures.WhenReady {

    /** The first departure at or after {@code notBefore}; never earlier for a later argument (FIFO). */
    Instant next(Instant notBefore);

    /** No timetable to wait for: the departure is the moment the load is ready. */
    record WhenReady() implements Departures {

        @Override
        public Instant next(Instant notBefore) {
            return notBefore;
        }
    }

    /** A departure every {@code every}, one of them at {@code anchor} (which may lie in the past or the future). */
    record Interval(Instant anchor, Duration every) implements Departures {

        public Interval {
            Objects.requireNonNull(anchor, "anchor");
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("departures come at a positive interval");
            }
        }

        @Override
        public Instant next(Instant notBefore) {
            long period = every.toMillis();
            long since = notBefore.toEpochMilli() - anchor.toEpochMilli();
            long periods = Math.floorDiv(since + period - 1, period);
            return anchor.plusMillis(periods * period);
        }
    }

    /** Departures on the given days at {@code time} in {@code zone}. */
    record Weekly(Set<DayOfWeek> days, LocalTime time, ZoneId zone) implements Departures {

        public Weekly {
            if (days == null || days.isEmpty()) {
                throw new IllegalArgumentException("a weekly service leaves on at least one day");
            }
            days = Collections.unmodifiableSet(EnumSet.copyOf(days));
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Instant next(Instant notBefore) {
            ZonedDateTime day = notBefore.atZone(zone).with(time);
            for (int i = 0; i <= 7; i++, day = day.plusDays(1).with(time)) {
                if (days.contains(day.getDayOfWeek()) && !day.toInstant().isBefore(notBefore)) {
                    return day.toInstant();
                }
            }
            throw new IllegalStateException("no departure within a week");
        }
    }
}
