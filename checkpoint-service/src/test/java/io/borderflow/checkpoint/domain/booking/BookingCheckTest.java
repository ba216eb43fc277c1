package io.borderflow.checkpoint.domain.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.checkpoint.domain.visit.EventCheck;
import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.calendar.OpeningHours;
import io.borderflow.support.error.FieldViolation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BookingCheckTest {
    /** Monday 2026-11-23, 10:00 in Almaty (UTC+5). */
    private static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");
    /** Tuesday 11:00 in Almaty: a whole hour, within opening hours and the horizon. */
    private static final Instant TUESDAY_11 = Instant.parse("2026-11-24T06:00:00Z");

    private static final QueuePolicy POLICY = new QueuePolicy(0.8, 0.2, Duration.ofDays(14), 2, Duration.ofHours(1));
    /** 09:00-18:00 on weekdays in Almaty, 40 trucks a day: 4.4 an hour. */
    private static final SlotPlanner WEEKDAYS = new SlotPlanner(
            OpeningCalendar.weekly(
                    ZoneId.of("Asia/Almaty"),
                    List.of(new OpeningHours(
                            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                            LocalTime.of(9, 0),
                            LocalTime.of(18, 0))),
                    List.of()),
            40 / 9.0,
            POLICY);

    /** The BOOKED event a booking of this truck starts its visit with, as the service builds it. */
    private static CrossingEventData booked(String direction, String plate, String carrierId, String declarationId) {
        return new CrossingEventData(
                "bk-0b7e6c1e-booked",
                "maikapchagai",
                "BOOKED",
                NOW,
                direction,
                plate,
                carrierId,
                declarationId,
                null,
                null,
                null);
    }

    private static CrossingEventData aTruck() {
        return booked("EXIT", "123 ABC 02", "kaz-trans-01", null);
    }

    private static List<String> fields(List<FieldViolation> problems) {
        return problems.stream().map(FieldViolation::field).toList();
    }

    @Test
    void aWellFormedBookingHasNoProblem() {
        assertThat(BookingCheck.problems("req-00000001", aTruck(), null, TUESDAY_11, NOW))
                .isEmpty();
        assertThat(BookingCheck.problems("req-00000001", aTruck(), "AEO", TUESDAY_11, NOW))
                .isEmpty();
        assertThat(BookingCheck.windowProblems(WEEKDAYS, TUESDAY_11, NOW)).isEmpty();
    }

    @Test
    void everyProblemOfTheRequestIsNamedWithItsPathInBookSlotRequest() {
        CrossingEventData bad = booked(null, "!", "carrier with spaces", "nope");
        assertThat(fields(BookingCheck.problems("x", bad, EventCheck.UNRECOGNIZED, null, NOW)))
                .containsExactly(
                        "request_id",
                        "booking.direction",
                        "booking.truck.plate",
                        "booking.truck.carrier_id",
                        "booking.declaration",
                        "booking.priority_class",
                        "booking.window_start_time");
    }

    @Test
    void theTruckIsCheckedAsItsBookedEventWouldBeUnderBookingInsteadOfEvent() {
        CrossingEventData bad = booked("UNRECOGNIZED", "-- --", "kaz-trans-01", null);
        List<FieldViolation> asEvent = EventCheck.problems(bad, NOW);
        assertThat(BookingCheck.problems("req-00000001", bad, null, TUESDAY_11, NOW))
                .containsExactly(
                        new FieldViolation("booking.direction", asEvent.get(0).description()),
                        new FieldViolation("booking.truck.plate", asEvent.get(1).description()));
        assertThat(asEvent).extracting(FieldViolation::field).containsExactly("event.direction", "event.truck.plate");
    }

    @Test
    void aRequestIdHasEightToSixtyFourLettersDigitsHyphensOrUnderscores() {
        assertThat(BookingCheck.problems("req_0001", aTruck(), null, TUESDAY_11, NOW))
                .isEmpty();
        assertThat(BookingCheck.problems("a".repeat(64), aTruck(), null, TUESDAY_11, NOW))
                .isEmpty();
        for (String bad : new String[] {null, "req-001", "a".repeat(65), "req 0001", "req.0001"}) {
            assertThat(BookingCheck.problems(bad, aTruck(), null, TUESDAY_11, NOW))
                    .containsExactly(new FieldViolation("request_id", "8 to 64 letters, digits, '-' or '_'"));
        }
    }

    @Test
    void aPriorityClassThisVersionOfTheContractDoesNotDefineIsRefusedAndNoneMeansStandard() {
        assertThat(BookingCheck.problems("req-00000001", aTruck(), EventCheck.UNRECOGNIZED, TUESDAY_11, NOW))
                .containsExactly(new FieldViolation("booking.priority_class", "one of the PriorityClass values"));
    }

    @Test
    void aBookingMustAskForAWindow() {
        assertThat(BookingCheck.problems("req-00000001", aTruck(), null, null, NOW))
                .containsExactly(new FieldViolation("booking.window_start_time", "required"));
    }

    @Test
    void theWindowIsJudgedAgainstTheCheckpointsCalendarOnceItIsKnown() {
        // 10:30 is not a whole hour; Saturday noon is outside the weekday opening hours; 15 days ahead is past the
        // 14-day horizon; Monday 09:00 ended at 10:00, now
        Instant saturdayNoon = Instant.parse("2026-11-28T07:00:00Z");
        for (Instant bad : List.of(
                NOW.plus(Duration.ofMinutes(30)),
                saturdayNoon,
                TUESDAY_11.plus(Duration.ofDays(14)),
                NOW.minus(Duration.ofHours(1)))) {
            assertThat(fields(BookingCheck.windowProblems(WEEKDAYS, bad, NOW)))
                    .containsExactly("booking.window_start_time");
            assertThat(BookingCheck.windowProblems(WEEKDAYS, bad, NOW))
                    .extracting(FieldViolation::description)
                    .isEqualTo(WEEKDAYS.startProblems(bad, NOW, "w").stream()
                            .map(FieldViolation::description)
                            .toList());
        }
    }

    @Test
    void aRescheduleMustAskForAWindowItMayBookAndReportsItAtTheTopLevel() {
        assertThat(BookingCheck.rescheduleProblems(null))
                .containsExactly(new FieldViolation("window_start_time", "required"));
        assertThat(BookingCheck.rescheduleProblems(TUESDAY_11)).isEmpty();
        assertThat(BookingCheck.rescheduleWindowProblems(WEEKDAYS, TUESDAY_11, NOW))
                .isEmpty();
        assertThat(fields(BookingCheck.rescheduleWindowProblems(WEEKDAYS, NOW.plus(Duration.ofMinutes(30)), NOW)))
                .containsExactly("window_start_time");
    }

    @Test
    void aCancellationGivesNoReasonOrOneOfAtMostFiveHundredCharacters() {
        assertThat(BookingCheck.cancelProblems(null)).isEmpty();
        assertThat(BookingCheck.cancelProblems("x".repeat(500))).isEmpty();
        assertThat(BookingCheck.cancelProblems("x".repeat(501)))
                .containsExactly(new FieldViolation("reason", "up to 500 characters"));
    }
}
