package io.borderflow.support.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A weekly opening window in the checkpoint's local time: on each of {@code days} the checkpoint opens at
 * {@code opens} and closes at {@code closes}. A closing time earlier than the opening time means it closes after
 * midnight, on the next day (a Friday 22:00-06:00 window ends on Saturday at 06:00); equal times mean a full 24 hours.
 */
public record OpeningHours(Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {

    public OpeningHours {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("opening hours need at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** Monday to Friday. */
    public static OpeningHours weekdays(LocalTime opens, LocalTime closes) {
        return new OpeningHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), opens, closes);
    }

    /** Every day of the week. */
    public static OpeningHours daily(LocalTime opens, LocalTime closes) {
        return new OpeningHours(EnumSet.allOf(DayOfWeek.class), opens, closes);
    }

    /** How long the window lasts on a day without a daylight-saving change: 24 hours when opens equals closes. */
    public Duration length() {
        Duration between = Duration.between(opens, closes);
        return between.isNegative() || between.isZero() ? between.plusDays(1) : between;
    }

    /** True when the window ends on the day after it opens. */
    public boolean closesNextDay() {
        return !closes.isAfter(opens);
    }
}
