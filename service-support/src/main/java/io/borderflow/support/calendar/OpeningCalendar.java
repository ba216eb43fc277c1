package io.borderflow.support.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When a checkpoint clears trucks: round the clock or in weekly windows of local time ({@link OpeningHours}), minus
 * scheduled closures. Windows are evaluated per local date in {@code zone}, so they hold across midnight and across
 * daylight-saving changes; closures are absolute instants. Searches ahead ({@link #nextOpening},
 * {@link #whenOpenTimeReaches}) look at most {@link #HORIZON} ahead and step one week at a time.
 */
public record OpeningCalendar(
        ZoneId zone, boolean alwaysOpen, List<OpeningHours> weeklyHours, List<ScheduledClosure> closures) {

    /** The reason given when a checkpoint is closed because of its opening hours (not a closure). */
    public static final String OUTSIDE_OPENING_HOURS = "outside opening hours";
    /** How far ahead searches look: what does not happen within it (an opening, a queue clearing) is taken as never. */
    public static final Duration HORIZON = Duration.ofDays(366);

    private static final Duration STEP = Duration.ofDays(7);

    public OpeningCalendar {
        Objects.requireNonNull(zone, "zone");
        weeklyHours = List.copyOf(weeklyHours);
        if (alwaysOpen && !weeklyHours.isEmpty()) {
            throw new IllegalArgumentException("an always-open calendar has no weekly hours");
        }
        List<ScheduledClosure> sorted = new ArrayList<>(closures);
        sorted.sort(Comparator.comparing(ScheduledClosure::start));
        closures = List.copyOf(sorted);
    }

    /** Open round the clock except during {@code closures}. */
    public static OpeningCalendar alwaysOpen(ZoneId zone, List<ScheduledClosure> closures) {
        return new OpeningCalendar(zone, true, List.of(), closures);
    }

    /** Open in {@code hours} (local time of {@code zone}) except during {@code closures}; unlisted days are closed. */
    public static OpeningCalendar weekly(ZoneId zone, List<OpeningHours> hours, List<ScheduledClosure> closures) {
        return new OpeningCalendar(zone, false, hours, closures);
    }

    /** This calendar with one more closure. */
    public OpeningCalendar withClosure(ScheduledClosure closure) {
        List<ScheduledClosure> more = new ArrayList<>(closures);
        more.add(closure);
        return new OpeningCalendar(zone, alwaysOpen, weeklyHours, more);
    }

    public boolean isOpen(Instant instant) {
        return closedReason(instant).isEmpty();
    }

    /**
     * Why the checkpoint is closed at {@code instant}: the reason of the closure covering it (the earliest-starting
     * one if several do), else {@link #OUTSIDE_OPENING_HOURS}; empty when it is open.
     */
    public Optional<String> closedReason(Instant instant) {
        for (ScheduledClosure closure : closures) {
            if (closure.covers(instant)) {
                return Optional.of(closure.reason());
            }
        }
        return alwaysOpen || !hourPeriods(instant, instant.plusNanos(1)).isEmpty()
                ? Optional.empty()
                : Optional.of(OUTSIDE_OPENING_HOURS);
    }

    /** {@code from} itself when open then, else the next instant it opens; empty when not within {@link #HORIZON}. */
    public Optional<Instant> nextOpening(Instant from) {
        Iterator<OpenPeriod> periods = openPeriodsFrom(from);
        return periods.hasNext() ? Optional.of(periods.next().start()) : Optional.empty();
    }

    /** The open periods within [from, to), in order, clipped to it; adjacent windows are merged into one period. */
    public List<OpenPeriod> openPeriods(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return List.of();
        }
        return withoutClosures(hourPeriods(from, to));
    }

    /** How long the checkpoint is open within [from, to). */
    public Duration openTime(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        for (OpenPeriod period : openPeriods(from, to)) {
            total = total.plus(period.length());
        }
        return total;
    }

    /**
     * The first instant, from {@code from} on, at which the checkpoint is open and has been open for
     * {@code openTime} since {@code from}: when a truck behind {@code openTime} of work starts its control. Work that
     * ends exactly at a closing time moves the start to the next opening. Empty when not within {@link #HORIZON}.
     */
    public Optional<Instant> whenOpenTimeReaches(Instant from, Duration openTime) {
        if (openTime.isNegative()) {
            throw new IllegalArgumentException("open time must not be negative: " + openTime);
        }
        long remaining = openTime.toNanos();
        for (Iterator<OpenPeriod> periods = openPeriodsFrom(from); periods.hasNext(); ) {
            OpenPeriod period = periods.next();
            long length = period.length().toNanos();
            if (remaining < length) {
                return Optional.of(period.start().plusNanos(remaining));
            }
            remaining -= length;
        }
        return Optional.empty();
    }

    /** Hours open in a week by the weekly hours (closures not counted): 168 when always open, 45 for Mon-Fri 09-18. */
    public double weeklyOpenHours() {
        if (alwaysOpen) {
            return 7 * 24;
        }
        // 2001-01-01 is a Monday, in a week without daylight-saving changes in either hemisphere.
        Instant monday = LocalDate.of(2001, 1, 1).atStartOfDay(zone).toInstant();
        Instant nextMonday = LocalDate.of(2001, 1, 8).atStartOfDay(zone).toInstant();
        double hours = 0;
        for (OpenPeriod period : hourPeriods(monday, nextMonday)) {
            hours += Hours.of(period.length());
        }
        return hours;
    }

    /**
     * Average hours open on a day the checkpoint opens at all (24 when always open, 9 for Mon-Fri 09-18, 0 when it
     * never opens): the day a nominal capacity in vehicles per day refers to.
     */
    public double openHoursPerOpenDay() {
        if (alwaysOpen) {
            return 24;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        weeklyHours.forEach(hours -> days.addAll(hours.days()));
        return days.isEmpty() ? 0 : weeklyOpenHours() / days.size();
    }

    /** The end of the last closure, from which the calendar repeats week after week; empty without closures. */
    public Optional<Instant> lastClosureEnd() {
        return closures.stream().map(ScheduledClosure::end).max(Comparator.naturalOrder());
    }

    /** Open periods from {@code from} up to {@link #HORIZON} ahead, computed a week at a time as they are consumed. */
    public Iterator<OpenPeriod> openPeriodsFrom(Instant from) {
        Instant limit = from.plus(HORIZON);
        return new Iterator<>() {
            private Instant computedUntil = from;
            private Iterator<OpenPeriod> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && computedUntil.isBefore(limit)) {
                    Instant stepEnd = earlier(computedUntil.plus(STEP), limit);
                    current = openPeriods(computedUntil, stepEnd).iterator();
                    computedUntil = stepEnd;
                }
                return current.hasNext();
            }

            @Override
            public OpenPeriod next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The periods within [from, to) that the opening hours alone allow, merged where they touch or overlap. */
    private List<OpenPeriod> hourPeriods(Instant from, Instant to) {
        if (alwaysOpen) {
            return List.of(new OpenPeriod(from, to));
        }
        List<OpenPeriod> raw = new ArrayList<>();
        LocalDate lastDay = to.atZone(zone).toLocalDate();
        // Start a day early: a window opened the evening before may still be open after midnight.
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
                !day.isAfter(lastDay);
                day = day.plusDays(1)) {
            for (OpeningHours hours : weeklyHours) {
                if (!hours.days().contains(day.getDayOfWeek())) {
                    continue;
                }
                Instant opens = day.atTime(hours.opens()).atZone(zone).toInstant();
                LocalDate closingDay = hours.closesNextDay() ? day.plusDays(1) : day;
                Instant closes = closingDay.atTime(hours.closes()).atZone(zone).toInstant();
                Instant start = later(opens, from);
                Instant end = earlier(closes, to);
                if (end.isAfter(start)) {
                    raw.add(new OpenPeriod(start, end));
                }
            }
        }
        raw.sort(Comparator.comparing(OpenPeriod::start));
        List<OpenPeriod> merged = new ArrayList<>();
        for (OpenPeriod period : raw) {
            int last = merged.size() - 1;
            if (last >= 0 && !period.start().isAfter(merged.get(last).end())) {
                OpenPeriod previous = merged.get(last);
                merged.set(last, new OpenPeriod(previous.start(), later(previous.end(), period.end())));
            } else {
                merged.add(period);
            }
        }
        return merged;
    }

    private List<OpenPeriod> withoutClosures(List<OpenPeriod> periods) {
        if (closures.isEmpty()) {
            return periods;
        }
        List<OpenPeriod> result = new ArrayList<>();
        for (OpenPeriod period : periods) {
            Instant cursor = period.start();
            for (ScheduledClosure closure : closures) {
                if (!closure.start().isBefore(period.end()) || !cursor.isBefore(period.end())) {
                    break;
                }
                if (!closure.end().isAfter(cursor)) {
                    continue;
                }
                if (closure.start().isAfter(cursor)) {
                    result.add(new OpenPeriod(cursor, closure.start()));
                }
                cursor = later(cursor, closure.end());
            }
            if (cursor.isBefore(period.end())) {
                result.add(new OpenPeriod(cursor, period.end()));
            }
        }
        return result;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
