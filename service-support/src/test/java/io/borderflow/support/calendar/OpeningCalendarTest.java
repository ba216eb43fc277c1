package io.borderflow.support.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpeningCalendarTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    // Week of Monday 13 October 2025.
    private static final OpeningCalendar WEEKDAYS = OpeningCalendar.weekly(
            ALMATY, List.of(OpeningHours.weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))), List.of());

    @Test
    void alwaysOpenIsOpenAtAnyTime() {
        OpeningCalendar calendar = OpeningCalendar.alwaysOpen(ALMATY, List.of());
        Instant sundayNight = at(2025, 10, 19, 3, 0);

        assertThat(calendar.isOpen(sundayNight)).isTrue();
        assertThat(calendar.nextOpening(sundayNight)).contains(sundayNight);
        assertThat(calendar.openTime(sundayNight, sundayNight.plus(Duration.ofHours(10))))
                .isEqualTo(Duration.ofHours(10));
        assertThat(calendar.weeklyOpenHours()).isEqualTo(168);
        assertThat(calendar.openHoursPerOpenDay()).isEqualTo(24);
    }

    @Test
    void weeklyWindowsAreHalfOpen() {
        assertThat(WEEKDAYS.isOpen(at(2025, 10, 15, 9, 0))).isTrue();
        assertThat(WEEKDAYS.isOpen(at(2025, 10, 15, 17, 59))).isTrue();
        assertThat(WEEKDAYS.closedReason(at(2025, 10, 15, 18, 0))).contains(OpeningCalendar.OUTSIDE_OPENING_HOURS);
        assertThat(WEEKDAYS.closedReason(at(2025, 10, 15, 8, 59))).contains(OpeningCalendar.OUTSIDE_OPENING_HOURS);
        assertThat(WEEKDAYS.closedReason(at(2025, 10, 18, 12, 0))).contains(OpeningCalendar.OUTSIDE_OPENING_HOURS);
    }

    @Test
    void weekdayHoursAddUpToFortyFiveAWeek() {
        // 5 days * 9 hours.
        assertThat(WEEKDAYS.openTime(at(2025, 10, 13, 0, 0), at(2025, 10, 20, 0, 0)))
                .isEqualTo(Duration.ofHours(45));
        assertThat(WEEKDAYS.weeklyOpenHours()).isCloseTo(45, within(1e-9));
        assertThat(WEEKDAYS.openHoursPerOpenDay()).isCloseTo(9, within(1e-9));
        // Wednesday 12:00 to Thursday 10:00: 6 hours on Wednesday, 1 on Thursday.
        assertThat(WEEKDAYS.openTime(at(2025, 10, 15, 12, 0), at(2025, 10, 16, 10, 0)))
                .isEqualTo(Duration.ofHours(7));
    }

    @Test
    void nextOpeningAfterFridayClosingIsMondayMorning() {
        assertThat(WEEKDAYS.nextOpening(at(2025, 10, 17, 18, 30))).contains(at(2025, 10, 20, 9, 0));
        assertThat(WEEKDAYS.nextOpening(at(2025, 10, 15, 10, 0))).contains(at(2025, 10, 15, 10, 0));
    }

    @Test
    void aWindowClosingAfterMidnightBelongsToTheDayItOpens() {
        // Fridays only, 22:00 to 06:00 on Saturday.
        OpeningCalendar nights = OpeningCalendar.weekly(
                ALMATY,
                List.of(new OpeningHours(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0))),
                List.of());

        assertThat(nights.isOpen(at(2025, 10, 17, 23, 0))).isTrue();
        assertThat(nights.isOpen(at(2025, 10, 18, 3, 0))).isTrue();
        assertThat(nights.isOpen(at(2025, 10, 18, 6, 0))).isFalse();
        assertThat(nights.isOpen(at(2025, 10, 17, 21, 59))).isFalse();
        assertThat(nights.isOpen(at(2025, 10, 16, 23, 0))).isFalse(); // Thursday night
        assertThat(nights.isOpen(at(2025, 10, 18, 23, 0))).isFalse(); // Saturday night
        assertThat(nights.nextOpening(at(2025, 10, 18, 7, 0))).contains(at(2025, 10, 24, 22, 0));
        // Over one week: the single 8-hour night, also when the range starts inside it.
        assertThat(nights.openTime(at(2025, 10, 13, 0, 0), at(2025, 10, 20, 0, 0)))
                .isEqualTo(Duration.ofHours(8));
        assertThat(nights.openTime(at(2025, 10, 18, 2, 0), at(2025, 10, 18, 12, 0)))
                .isEqualTo(Duration.ofHours(4));
        assertThat(nights.weeklyOpenHours()).isCloseTo(8, within(1e-9));
    }

    @Test
    void windowsThatTouchMergeIntoOnePeriod() {
        OpeningCalendar dayAndNight = OpeningCalendar.weekly(
                ALMATY,
                List.of(
                        OpeningHours.daily(LocalTime.of(8, 0), LocalTime.of(20, 0)),
                        OpeningHours.daily(LocalTime.of(20, 0), LocalTime.of(8, 0))),
                List.of());

        assertThat(dayAndNight.openPeriods(at(2025, 10, 13, 0, 0), at(2025, 10, 16, 0, 0)))
                .containsExactly(new OpenPeriod(at(2025, 10, 13, 0, 0), at(2025, 10, 16, 0, 0)));
    }

    @Test
    void aClosureSpanningDaysOverridesTheHoursAndGivesItsReason() {
        // Golden Week: 1 October 00:00 to 8 October 00:00 on a round-the-clock crossing.
        OpeningCalendar calendar = OpeningCalendar.alwaysOpen(
                ALMATY,
                List.of(new ScheduledClosure(at(2025, 10, 1, 0, 0), at(2025, 10, 8, 0, 0), "PRC National Day")));

        assertThat(calendar.closedReason(at(2025, 10, 3, 12, 0))).contains("PRC National Day");
        assertThat(calendar.isOpen(at(2025, 9, 30, 23, 59))).isTrue();
        assertThat(calendar.isOpen(at(2025, 10, 8, 0, 0))).isTrue();
        assertThat(calendar.nextOpening(at(2025, 10, 3, 12, 0))).contains(at(2025, 10, 8, 0, 0));
        // 30 September 12:00 to 8 October 12:00: 12 hours before the closure, 12 after.
        assertThat(calendar.openTime(at(2025, 9, 30, 12, 0), at(2025, 10, 8, 12, 0)))
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aClosureEndingInsideAWindowReopensAtItsEnd() {
        // Repairs from Tuesday 14:00 to Wednesday 12:00 on weekday hours 09-18.
        OpeningCalendar calendar = WEEKDAYS.withClosure(
                new ScheduledClosure(at(2025, 10, 14, 14, 0), at(2025, 10, 15, 12, 0), "road repairs"));

        assertThat(calendar.closedReason(at(2025, 10, 14, 15, 0))).contains("road repairs");
        assertThat(calendar.closedReason(at(2025, 10, 14, 22, 0))).contains("road repairs");
        assertThat(calendar.nextOpening(at(2025, 10, 14, 15, 0))).contains(at(2025, 10, 15, 12, 0));
        assertThat(calendar.openPeriods(at(2025, 10, 14, 0, 0), at(2025, 10, 16, 0, 0)))
                .containsExactly(
                        new OpenPeriod(at(2025, 10, 14, 9, 0), at(2025, 10, 14, 14, 0)),
                        new OpenPeriod(at(2025, 10, 15, 12, 0), at(2025, 10, 15, 18, 0)));
    }

    @Test
    void openTimeIsReachedOnlyWhileOpen() {
        // From Friday 17:00, 3 hours of open time: 1 on Friday, 2 on Monday from 09:00.
        assertThat(WEEKDAYS.whenOpenTimeReaches(at(2025, 10, 17, 17, 0), Duration.ofHours(3)))
                .contains(at(2025, 10, 20, 11, 0));
        // Work ending exactly at closing time: the next truck starts at the next opening, not at closing.
        assertThat(WEEKDAYS.whenOpenTimeReaches(at(2025, 10, 17, 9, 0), Duration.ofHours(9)))
                .contains(at(2025, 10, 20, 9, 0));
        // No work ahead, closed now: the next opening.
        assertThat(WEEKDAYS.whenOpenTimeReaches(at(2025, 10, 18, 12, 0), Duration.ZERO))
                .contains(at(2025, 10, 20, 9, 0));
    }

    @Test
    void aCalendarThatNeverOpensHasNoNextOpening() {
        OpeningCalendar never = OpeningCalendar.weekly(ALMATY, List.of(), List.of());
        OpeningCalendar closedForTwoYears = OpeningCalendar.alwaysOpen(
                ALMATY, List.of(new ScheduledClosure(at(2025, 1, 1, 0, 0), at(2027, 1, 1, 0, 0), "rebuilding")));

        assertThat(never.nextOpening(at(2025, 10, 15, 12, 0))).isEmpty();
        assertThat(never.closedReason(at(2025, 10, 15, 12, 0))).contains(OpeningCalendar.OUTSIDE_OPENING_HOURS);
        assertThat(never.openHoursPerOpenDay()).isZero();
        assertThat(closedForTwoYears.nextOpening(at(2025, 10, 15, 12, 0))).isEmpty();
        assertThat(closedForTwoYears.whenOpenTimeReaches(at(2025, 10, 15, 12, 0), Duration.ofHours(1)))
                .isEmpty();
    }

    @Test
    void windowsFollowLocalTimeAcrossADaylightSavingChange() {
        // Berlin springs forward at 02:00 on 30 March 2025: the 01:00-05:00 window lasts 3 hours that day.
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        OpeningCalendar early = OpeningCalendar.weekly(
                berlin, List.of(OpeningHours.daily(LocalTime.of(1, 0), LocalTime.of(5, 0))), List.of());
        Instant start = LocalDateTime.of(2025, 3, 30, 0, 0).atZone(berlin).toInstant();

        assertThat(early.openTime(start, start.plus(Duration.ofHours(12)))).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void alwaysOpenTakesNoHours() {
        assertThatThrownBy(() -> new OpeningCalendar(
                        ALMATY, true, List.of(OpeningHours.daily(LocalTime.of(9, 0), LocalTime.of(18, 0))), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScheduledClosure(at(2025, 10, 2, 0, 0), at(2025, 10, 1, 0, 0), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(ALMATY).toInstant();
    }
}
