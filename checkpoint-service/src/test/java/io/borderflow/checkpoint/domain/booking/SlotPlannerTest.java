package io.borderflow.checkpoint.domain.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.calendar.OpeningHours;
import io.borderflow.support.calendar.ScheduledClosure;
import io.borderflow.support.error.FieldViolation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlotPlannerTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final QueuePolicy POLICY = new QueuePolicy(0.8, 0.2, Duration.ofDays(14), 2, Duration.ofHours(1));
    /** Monday 2026-11-23, 10:00 in Almaty (UTC+5). */
    private static final Instant MONDAY_10 = Instant.parse("2026-11-23T05:00:00Z");

    private static OpeningCalendar alwaysOpen(ScheduledClosure... closures) {
        return OpeningCalendar.alwaysOpen(ALMATY, List.of(closures));
    }

    private static OpeningCalendar weekdays9to18() {
        return OpeningCalendar.weekly(
                ALMATY,
                List.of(new OpeningHours(
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0))),
                List.of());
    }

    @Test
    void aRoundTheClockCrossingOffersItsHourlyCapacityTimesTheBookableShare() {
        // Zhaisan: 300 trucks a day, all 8 lanes open: 12.5 an hour, 10 bookable, 8 of them for standard bookings
        double perHour = SlotPlanner.trucksPerOpenHour(300, alwaysOpen(), 8, 8);
        assertThat(perHour).isEqualTo(12.5);
        SlotWindow window = new SlotPlanner(alwaysOpen(), perHour, POLICY).window(MONDAY_10);
        assertThat(window.capacity()).isEqualTo(10);
        assertThat(window.standardCapacity()).isEqualTo(8);
        assertThat(window.end()).isEqualTo(MONDAY_10.plus(Duration.ofHours(1)));
        assertThat(window.closedReason()).isEmpty();
    }

    @Test
    void closingLanesTakesSlotsAway() {
        assertThat(SlotPlanner.trucksPerOpenHour(300, alwaysOpen(), 4, 8)).isEqualTo(6.25);
        assertThat(SlotPlanner.trucksPerOpenHour(300, alwaysOpen(), 0, 8)).isZero();
        assertThat(new SlotPlanner(alwaysOpen(), 6.25, POLICY).window(MONDAY_10).capacity())
                .isEqualTo(5);
    }

    @Test
    void aCrossingOpenNineHoursADaySpreadsItsDailyCapacityOverThoseHours() {
        // 40 trucks on a 9-hour day: 4.44 an hour, 3 bookable, 2 standard
        double perHour = SlotPlanner.trucksPerOpenHour(40, weekdays9to18(), 2, 2);
        assertThat(perHour).isCloseTo(40 / 9.0, org.assertj.core.data.Offset.offset(1e-9));
        SlotWindow window = new SlotPlanner(weekdays9to18(), perHour, POLICY).window(MONDAY_10);
        assertThat(window.capacity()).isEqualTo(3);
        assertThat(window.standardCapacity()).isEqualTo(2);
    }

    @Test
    void aWindowPartlyClosedOffersTheOpenPartsShareAndAWhollyClosedOneNone() {
        ScheduledClosure half = new ScheduledClosure(
                MONDAY_10.plus(Duration.ofMinutes(30)), MONDAY_10.plus(Duration.ofHours(3)), "repairs");
        SlotPlanner planner = new SlotPlanner(alwaysOpen(half), 12.5, POLICY);
        SlotWindow partly = planner.window(MONDAY_10);
        assertThat(partly.openTime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(partly.capacity()).isEqualTo(5);
        assertThat(partly.closedReason()).isEmpty();
        SlotWindow closed = planner.window(MONDAY_10.plus(Duration.ofHours(1)));
        assertThat(closed.capacity()).isZero();
        assertThat(closed.closedReason()).contains("repairs");
        assertThat(planner.window(MONDAY_10.plus(Duration.ofHours(3))).capacity())
                .isEqualTo(10);
    }

    @Test
    void outsideOpeningHoursAWindowHasNoSlotAndCannotBeAskedFor() {
        SlotPlanner planner = new SlotPlanner(weekdays9to18(), 4.44, POLICY);
        Instant saturdayNoon = Instant.parse("2026-11-28T07:00:00Z");
        assertThat(planner.window(saturdayNoon).capacity()).isZero();
        assertThat(planner.window(saturdayNoon).closedReason()).contains(OpeningCalendar.OUTSIDE_OPENING_HOURS);
        List<FieldViolation> problems = planner.startProblems(saturdayNoon, MONDAY_10, "w");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("w");
            assertThat(p.description())
                    .contains("outside the checkpoint's opening hours")
                    .contains("2026-11-30T09:00+05:00");
        });
        // a closure is no problem of the request: the window exists, it is closed
        ScheduledClosure holiday = new ScheduledClosure(MONDAY_10, MONDAY_10.plus(Duration.ofDays(1)), "holiday");
        assertThat(new SlotPlanner(alwaysOpen(holiday), 12.5, POLICY).startProblems(MONDAY_10, MONDAY_10, "w"))
                .isEmpty();
    }

    @Test
    void aWindowStartsOnAWholeLocalHourHasNotEndedAndLiesWithinTheHorizon() {
        SlotPlanner planner = new SlotPlanner(alwaysOpen(), 12.5, POLICY);
        assertThat(planner.startProblems(MONDAY_10.plus(Duration.ofMinutes(15)), MONDAY_10, "w"))
                .singleElement()
                .extracting(FieldViolation::description)
                .asString()
                .contains("whole hour")
                .contains("2026-11-23T10:00+05:00");
        // the window running now may still be booked; one that ended may not
        assertThat(planner.startProblems(MONDAY_10, MONDAY_10.plus(Duration.ofMinutes(59)), "w"))
                .isEmpty();
        assertThat(planner.startProblems(MONDAY_10, MONDAY_10.plus(Duration.ofMinutes(60)), "w"))
                .singleElement()
                .extracting(FieldViolation::description)
                .asString()
                .startsWith("in the past");
        assertThat(planner.startProblems(MONDAY_10.plus(Duration.ofDays(14)), MONDAY_10, "w"))
                .isEmpty();
        assertThat(planner.startProblems(MONDAY_10.plus(Duration.ofDays(14)).plus(Duration.ofHours(1)), MONDAY_10, "w"))
                .singleElement()
                .extracting(FieldViolation::description)
                .asString()
                .contains("14 days ahead");
    }

    @Test
    void windowsFollowLocalHoursInAZoneWithAHalfHourOffset() {
        OpeningCalendar india = OpeningCalendar.alwaysOpen(ZoneId.of("Asia/Kolkata"), List.of());
        SlotPlanner planner = new SlotPlanner(india, 10, POLICY);
        Instant start = planner.windowStartOf(Instant.parse("2026-11-23T05:10:00Z"));
        assertThat(start).isEqualTo(Instant.parse("2026-11-23T04:30:00Z"));
        assertThat(planner.windows(start, start.plus(Duration.ofHours(3))))
                .extracting(SlotWindow::start)
                .containsExactly(start, start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(2)));
        assertThatThrownBy(() -> planner.window(Instant.parse("2026-11-23T05:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void priorityClassesMayUseTheReservedShareStandardBookingsMayNot() {
        SlotWindow window = new SlotWindow(
                MONDAY_10, MONDAY_10.plus(Duration.ofHours(1)), 10, 8, Duration.ofHours(1), Optional.empty());
        assertThat(window.available(PriorityClass.STANDARD, 0, 0)).isEqualTo(8);
        assertThat(window.available(PriorityClass.AEO, 0, 0)).isEqualTo(10);
        // 8 standard bookings: the standard share is gone, the reserve is left for priority classes
        assertThat(window.available(PriorityClass.STANDARD, 8, 8)).isZero();
        assertThat(window.available(PriorityClass.PERISHABLE, 8, 8)).isEqualTo(2);
        // priority bookings may also take standard slots, which leaves fewer for standard bookings
        assertThat(window.available(PriorityClass.STANDARD, 6, 0)).isEqualTo(4);
        assertThat(window.available(PriorityClass.HUMANITARIAN, 10, 8)).isZero();
    }

    @Test
    void bookingStatesFollowTheVisit() {
        assertThat(BookingState.of("BOOKED", false)).isEqualTo(BookingState.BOOKED);
        assertThat(BookingState.of("WAITING", true)).isEqualTo(BookingState.ARRIVED);
        assertThat(BookingState.of("CANCELLED", true)).isEqualTo(BookingState.ARRIVED);
        assertThat(BookingState.of("CANCELLED", false)).isEqualTo(BookingState.CANCELLED);
        assertThat(BookingState.of("NO_SHOW", false)).isEqualTo(BookingState.NO_SHOW);
        assertThat(BookingState.NO_SHOW.holdsSlot()).isFalse();
        assertThat(BookingState.ARRIVED.holdsSlot()).isTrue();
    }

    @Test
    void sharesOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> new QueuePolicy(1.2, 0.2, Duration.ofDays(1), 2, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueuePolicy(0.8, Double.NaN, Duration.ofDays(1), 2, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
