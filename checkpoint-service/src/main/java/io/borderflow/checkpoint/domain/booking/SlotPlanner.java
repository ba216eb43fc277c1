package io.borderflow.checkpoint.domain.booking;

import io.borderflow.support.calendar.Hours;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.error.FieldViolation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The arrival windows of one checkpoint's electronic queue. A window offers the trucks the checkpoint clears while it
 * is open within it, times the bookable share: the nominal capacity per open hour, scaled by the lanes open, so that
 * closing lanes or scheduling a closure takes slots away at once. A window partly closed offers the open part's share;
 * a window wholly closed offers none.
 */
public final class SlotPlanner {
    /** Rounding slack, so that 12.5 trucks an hour times 0.8 gives 10 slots and not 9. */
    private static final double EPSILON = 1e-9;

    private final OpeningCalendar calendar;
    private final double trucksPerOpenHour;
    private final QueuePolicy policy;

    public SlotPlanner(OpeningCalendar calendar, double trucksPerOpenHour, QueuePolicy policy) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (!(trucksPerOpenHour >= 0) || Double.isInfinite(trucksPerOpenHour)) {
            throw new IllegalArgumentException(
                    "trucks per open hour must be finite and not negative: " + trucksPerOpenHour);
        }
        this.trucksPerOpenHour = trucksPerOpenHour;
    }

    /**
     * Trucks a checkpoint clears per open hour: its vehicles per open day over the hours of an open day, times the
     * share of its lanes that are open (0 when it never opens or has no lanes).
     */
    public static double trucksPerOpenHour(double vehiclesPerDay, OpeningCalendar calendar, int openLanes, int lanes) {
        double hours = calendar.openHoursPerOpenDay();
        if (hours <= 0 || lanes <= 0) {
            return 0;
        }
        return vehiclesPerDay / hours * Math.min(openLanes, lanes) / lanes;
    }

    public QueuePolicy policy() {
        return policy;
    }

    /** The start of the window holding {@code instant}: the whole hour of local time at or before it. */
    /**
     * The local day of the checkpoint the window starting at {@code windowStart} falls in, as [start, end) (23 or 25
     * hours long across a change of clocks): what a carrier's daily booking quota counts.
     */
    public Instant[] dayOf(Instant windowStart) {
        ZonedDateTime start = windowStart.atZone(calendar.zone()).toLocalDate().atStartOfDay(calendar.zone());
        return new Instant[] {start.toInstant(), start.plusDays(1).toInstant()};
    }

    public Instant windowStartOf(Instant instant) {
        return instant.atZone(calendar.zone()).truncatedTo(ChronoUnit.HOURS).toInstant();
    }

    /** The window starting at {@code start}, which must be a window start ({@link #windowStartOf}). */
    public SlotWindow window(Instant start) {
        if (!windowStartOf(start).equals(start)) {
            throw new IllegalArgumentException("not the start of a window: " + start);
        }
        Instant end = start.plus(QueuePolicy.WINDOW);
        Duration open = calendar.openTime(start, end);
        int capacity = (int) Math.floor(trucksPerOpenHour * Hours.of(open) * policy.bookableShare() + EPSILON);
        int standard = (int) Math.floor(capacity * (1 - policy.priorityShare()) + EPSILON);
        Optional<String> closed = open.isZero() ? calendar.closedReason(start) : Optional.empty();
        return new SlotWindow(start, end, capacity, standard, open, closed);
    }

    /** The windows that overlap [from, to), in order. */
    public List<SlotWindow> windows(Instant from, Instant to) {
        List<SlotWindow> windows = new ArrayList<>();
        for (Instant start = windowStartOf(from); start.isBefore(to); start = start.plus(QueuePolicy.WINDOW)) {
            windows.add(window(start));
        }
        return windows;
    }

    /**
     * What is wrong with booking the window starting at {@code start} at {@code now}, one violation each on
     * {@code field}: not a whole local hour, ended already, beyond the horizon, outside the opening hours. A window
     * closed by a scheduled closure is not a problem of the request (see {@link SlotWindow#closedReason()}).
     */
    public List<FieldViolation> startProblems(Instant start, Instant now, String field) {
        List<FieldViolation> problems = new ArrayList<>();
        if (!windowStartOf(start).equals(start)) {
            ZonedDateTime example = windowStartOf(start).atZone(calendar.zone());
            problems.add(new FieldViolation(
                    field,
                    "a window starts on a whole hour of the checkpoint's local time (" + calendar.zone() + "), e.g. "
                            + example.toOffsetDateTime()));
            return problems;
        }
        Instant end = start.plus(QueuePolicy.WINDOW);
        if (!end.isAfter(now)) {
            problems.add(new FieldViolation(field, "in the past: the window ended at " + end));
        } else if (start.isAfter(now.plus(policy.horizon()))) {
            problems.add(new FieldViolation(field, "at most " + policy.horizon().toDays() + " days ahead"));
        } else if (calendar.openTime(start, end).isZero()
                && OpeningCalendar.OUTSIDE_OPENING_HOURS.equals(
                        calendar.closedReason(start).orElse(""))) {
            problems.add(new FieldViolation(
                    field,
                    "outside the checkpoint's opening hours"
                            + calendar.nextOpening(start)
                                    .map(t -> "; it next opens at "
                                            + t.atZone(calendar.zone()).toOffsetDateTime())
                                    .orElse("")));
        }
        return problems;
    }
}
