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
 * When a ferry sails. The Caspian ferries keep no timetable (they sail when loaded), so the reference data models them
 * as a regular {@link Interval}; {@link Weekly} is for a line with fixed days.
 */
public sealed interface FerrySchedule permits FerrySchedule.Interval, FerrySchedule.Weekly {

    /** The first sailing at or after {@code notBefore}; never earlier for a later argument (FIFO). */
    Instant nextSailing(Instant notBefore);

    /** A sailing every {@code every}, one of them at {@code anchor} (which may lie in the past or the future). */
    record Interval(Instant anchor, Duration every) implements FerrySchedule {

        public Interval {
            Objects.requireNonNull(anchor, "anchor");
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("ferries sail at a positive interval");
            }
        }

        @Override
        public Instant nextSailing(Instant notBefore) {
            long period = every.toMillis();
            long since = notBefore.toEpochMilli() - anchor.toEpochMilli();
            long periods = Math.floorDiv(since + period - 1, period);
            return anchor.plusMillis(periods * period);
        }
    }

    /** Sailings on the given days at {@code time} in {@code zone}. */
    record Weekly(Set<DayOfWeek> days, LocalTime time, ZoneId zone) implements FerrySchedule {

        public Weekly {
            if (days == null || days.isEmpty()) {
                throw new IllegalArgumentException("a weekly ferry sails on at least one day");
            }
            days = Collections.unmodifiableSet(EnumSet.copyOf(days));
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(zone, "zone");
        }

        @Override
        public Instant nextSailing(Instant notBefore) {
            ZonedDateTime day = notBefore.atZone(zone).with(time);
            for (int i = 0; i <= 7; i++, day = day.plusDays(1).with(time)) {
                if (days.contains(day.getDayOfWeek()) && !day.toInstant().isBefore(notBefore)) {
                    return day.toInstant();
                }
            }
            throw new IllegalStateException("no sailing within a week");
        }
    }
}
