package io.borderflow.support.queueing;

import io.borderflow.support.calendar.Hours;
import io.borderflow.support.calendar.OpenPeriod;
import io.borderflow.support.calendar.OpeningCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;

/**
 * The deterministic fluid model of a queue that is served only while the checkpoint is open: work is removed at
 * {@code capacityPerOpenHour} during open periods and, in forecasts, added at a constant rate around the clock. Work is
 * in any unit used consistently (trucks, or lane-hours of handling); rates are that unit per hour. The model steps
 * from one open period to the next, never minute by minute.
 */
public record FluidQueue(OpeningCalendar calendar, double capacityPerOpenHour) {

    public FluidQueue {
        Objects.requireNonNull(calendar, "calendar");
        if (!(capacityPerOpenHour >= 0) || Double.isInfinite(capacityPerOpenHour)) {
            throw new IllegalArgumentException("capacity must be finite and not negative: " + capacityPerOpenHour);
        }
    }

    /**
     * When the work ahead of a truck arriving at {@code from} is done and its own control starts: the first open
     * instant at which the open time since {@code from} times the capacity reaches {@code workAhead}. A truck arriving
     * during a closure waits for the reopening plus the work ahead. Empty without capacity or beyond
     * {@link OpeningCalendar#HORIZON}.
     */
    public Optional<Instant> whenServed(Instant from, double workAhead) {
        if (!(workAhead >= 0) || Double.isInfinite(workAhead)) {
            throw new IllegalArgumentException("work ahead must be finite and not negative: " + workAhead);
        }
        if (capacityPerOpenHour == 0) {
            return Optional.empty();
        }
        return calendar.whenOpenTimeReaches(from, Hours.toDuration(workAhead / capacityPerOpenHour));
    }

    /**
     * When a backlog of {@code backlog} at {@code from} is first worked off while work keeps arriving at
     * {@code arrivalsPerHour} around the clock, closed or not: the first instant at which
     * backlog + arrivals * elapsed - capacity * open time reaches zero. {@code from} when there is no backlog. Empty
     * when it does not happen: no capacity, arrivals at or above the capacity averaged over a week once the last
     * closure is over (then every week ends with at least as much queued as the week before), or beyond
     * {@link OpeningCalendar#HORIZON}.
     */
    public Optional<Instant> whenCleared(Instant from, double backlog, double arrivalsPerHour) {
        if (!(arrivalsPerHour >= 0) || Double.isInfinite(arrivalsPerHour) || Double.isNaN(backlog)) {
            throw new IllegalArgumentException("arrivals must be finite and not negative: " + arrivalsPerHour);
        }
        if (backlog <= 0) {
            return Optional.of(from);
        }
        if (capacityPerOpenHour == 0) {
            return Optional.empty();
        }
        Instant repeatsFrom = calendar.lastClosureEnd().filter(from::isBefore).orElse(from);
        Instant firstRepeatedWeekEnd = repeatsFrom.plus(Duration.ofDays(7));
        boolean growsWeekOnWeek = arrivalsPerHour * 7 * 24
                >= capacityPerOpenHour * Hours.of(calendar.openTime(repeatsFrom, firstRepeatedWeekEnd));
        double drainWhileOpen = capacityPerOpenHour - arrivalsPerHour;
        double servedOpenHours = 0;
        for (Iterator<OpenPeriod> periods = calendar.openPeriodsFrom(from); periods.hasNext(); ) {
            OpenPeriod period = periods.next();
            if (growsWeekOnWeek && !period.start().isBefore(firstRepeatedWeekEnd)) {
                return Optional.empty();
            }
            double queued = backlog
                    + arrivalsPerHour * Hours.between(from, period.start())
                    - capacityPerOpenHour * servedOpenHours;
            double length = Hours.of(period.length());
            if (drainWhileOpen > 0 && queued <= drainWhileOpen * length) {
                return Optional.of(period.start().plus(Hours.toDuration(Math.max(0, queued) / drainWhileOpen)));
            }
            servedOpenHours += length;
        }
        return Optional.empty();
    }
}
