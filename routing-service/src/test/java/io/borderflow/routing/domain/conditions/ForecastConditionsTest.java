package io.borderflow.routing.domain.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.borderflow.routing.domain.search.CrossingOutlook;
import io.borderflow.routing.model.route.BorderDataCoverage;
import io.borderflow.routing.model.route.BorderSnapshot;
import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.InspectionChannel;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.calendar.OpeningHours;
import io.borderflow.support.calendar.ScheduledClosure;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForecastConditionsTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    /** Monday 2026-11-23 10:00 in Almaty. */
    private static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");

    private static final Duration TRUSTED = Duration.ofSeconds(30);
    private static final Duration CALENDAR_TRUSTED = Duration.ofMinutes(10);
    /** Monday to Friday, 09:00 to 18:00 in Almaty (Kalzhat's hours). */
    private static final OpeningCalendar WEEKDAYS = OpeningCalendar.weekly(
            ALMATY,
            List.of(new OpeningHours(
                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0))),
            List.of());

    private static BorderSnapshot zhaisan(
            double waiting,
            double perHour,
            double arrivals,
            OpeningCalendar calendar,
            Instant confirmed,
            boolean live) {
        return new BorderSnapshot(
                "zhaisan",
                Optional.of(queue(waiting, perHour, arrivals, confirmed, live)),
                Optional.of(new BorderSnapshot.KnownCalendar(calendar, NOW, true)));
    }

    private static BorderSnapshot.QueueFigures queue(
            double waiting, double perHour, double arrivals, Instant confirmed, boolean live) {
        return new BorderSnapshot.QueueFigures(NOW, waiting, perHour, arrivals, 1.5, confirmed, live);
    }

    private static OpeningCalendar alwaysOpen(ScheduledClosure... closures) {
        return OpeningCalendar.alwaysOpen(ALMATY, List.of(closures));
    }

    private static ForecastConditions conditions(BorderSnapshot snapshot) {
        return new ForecastConditions(Map.of(snapshot.checkpointId(), snapshot), NOW, TRUSTED, CALENDAR_TRUSTED);
    }

    @Test
    void aTruckArrivingNowWaitsForTheQueueAheadAtTheClearanceRate() {
        // 2,500 trucks at 12.5 an hour: 200 hours
        CrossingOutlook now = conditions(zhaisan(2500, 12.5, 12.5, alwaysOpen(), NOW, true))
                .outlook("zhaisan", NOW, InspectionChannel.YELLOW);
        assertThat(now.waitMedian()).isEqualTo(Duration.ofHours(200));
        assertThat(now.waitP90()).isEqualTo(Duration.ofHours(300));
        assertThat(now.opensAt()).isEmpty();
        assertThat(now.freshness()).isEqualTo(Freshness.live(Duration.ZERO));
    }

    @Test
    void aTruckArrivingLaterFindsTheQueueDrainedAndMoreCarriersComingBackAsItShortens() {
        // clears 12.5 an hour, 2.5 arrive at a queue of 2,500: undamped it would shrink by 10 an hour to 2,020 two
        // days on. Damped (QueueForecast, tolerance 87 h, s = 12.5 * 87 = 1,087.5 trucks), more join as it shortens:
        // u = 0.2 + 0.8 * exp(-12.5 * 48 / s), Q = 2,500 + s * ln(u) = 2,049
        ForecastConditions conditions = conditions(zhaisan(2500, 12.5, 2.5, alwaysOpen(), NOW, true));
        double s = 12.5 * 87;
        double twoDaysOn = 2500 + s * Math.log(0.2 + 0.8 * Math.exp(-12.5 * 48 / s));
        CrossingOutlook later = conditions.outlook("zhaisan", NOW.plus(Duration.ofDays(2)), InspectionChannel.GREEN);
        assertThat(later.waitMedian().toMillis() / 3_600_000.0).isCloseTo(twoDaysOn / 12.5, within(1e-6));
        assertThat(twoDaysOn).isBetween(2040.0, 2060.0);
        // a month on, the queue holds where the carriers' demand meets the clearances: 2,500 + s * ln(0.2) = 750,
        // not gone as the linear forecast had it
        assertThat(conditions
                                .outlook("zhaisan", NOW.plus(Duration.ofDays(30)), InspectionChannel.GREEN)
                                .waitMedian()
                                .toMinutes()
                        / 60.0)
                .isCloseTo((2500 + s * Math.log(0.2)) / 12.5, within(0.1));
    }

    @Test
    void arrivingLaterNeverMeansStartingEarlier() {
        ForecastConditions conditions = conditions(zhaisan(300, 10, 8, WEEKDAYS, NOW, true));
        Instant previousStart = Instant.MIN;
        for (Instant arrival = NOW;
                arrival.isBefore(NOW.plus(Duration.ofDays(10)));
                arrival = arrival.plus(Duration.ofMinutes(37))) {
            CrossingOutlook outlook = conditions.outlook("zhaisan", arrival, InspectionChannel.RED);
            Instant start = outlook.opensAt().orElse(arrival).plus(outlook.waitMedian());
            assertThat(start).as("arrival %s", arrival).isAfterOrEqualTo(previousStart);
            previousStart = start;
        }
    }

    @Test
    void aTruckArrivingDuringAClosureWaitsForTheOpeningFirst() {
        Instant reopens = NOW.plus(Duration.ofDays(2));
        ForecastConditions conditions = conditions(zhaisan(
                0,
                12.5,
                0,
                alwaysOpen(new ScheduledClosure(NOW.plus(Duration.ofDays(1)), reopens, "Independence Day")),
                NOW,
                true));
        CrossingOutlook closed = conditions.outlook("zhaisan", NOW.plus(Duration.ofHours(30)), InspectionChannel.GREEN);
        assertThat(closed.opensAt()).contains(reopens);
        assertThat(closed.waitMedian()).isZero();
        assertThat(conditions
                        .outlook("zhaisan", NOW.plus(Duration.ofHours(6)), InspectionChannel.GREEN)
                        .opensAt())
                .isEmpty();
    }

    @Test
    void withoutLanesTheCrossingDoesNotOpenWithinTheHorizon() {
        assertThat(conditions(zhaisan(10, 0, 1, alwaysOpen(), NOW, true))
                        .outlook("zhaisan", NOW, InspectionChannel.GREEN)
                        .closedIndefinitely())
                .isTrue();
    }

    @Test
    void aStatusNotConfirmedRecentlyOrFromALostStreamIsStaleAndAnUnknownCheckpointNominal() {
        Instant minuteAgo = NOW.minus(Duration.ofMinutes(1));
        assertThat(conditions(zhaisan(0, 12.5, 0, alwaysOpen(), minuteAgo, true))
                        .outlook("zhaisan", NOW, InspectionChannel.GREEN)
                        .freshness())
                .isEqualTo(Freshness.stale(Duration.ofMinutes(1)));
        assertThat(conditions(zhaisan(0, 12.5, 0, alwaysOpen(), NOW, false))
                        .outlook("zhaisan", NOW, InspectionChannel.GREEN)
                        .freshness())
                .isEqualTo(Freshness.stale(Duration.ZERO));
        CrossingOutlook unknown =
                conditions(zhaisan(0, 12.5, 0, alwaysOpen(), NOW, true)).outlook("syrym", NOW, InspectionChannel.GREEN);
        assertThat(unknown.freshness()).isEqualTo(Freshness.nominal());
        assertThat(unknown.waitMedian()).isZero();
    }

    @Test
    void aStatusWithoutACalendarKeepsItsWaitButTheOpeningHoursAreUnknownNotLive() {
        // Kalzhat's status came, its calendar never did: 40 trucks at 10 an hour is 4 hours, whenever the truck comes
        BorderSnapshot kalzhat =
                new BorderSnapshot("kalzhat", Optional.of(queue(40, 10, 0, NOW, true)), Optional.empty());
        Instant saturdayEvening = Instant.parse("2026-11-28T14:29:00Z");
        CrossingOutlook outlook = conditions(kalzhat).outlook("kalzhat", saturdayEvening, InspectionChannel.GREEN);

        assertThat(outlook.freshness()).isEqualTo(Freshness.live(Duration.ZERO));
        assertThat(outlook.calendarFreshness()).isEqualTo(Freshness.unknown());
        assertThat(outlook.opensAt()).as("assumed open, and said so").isEmpty();
    }

    @Test
    void aCalendarWithoutAStatusStillClosesTheCrossingAndTheWaitIsUnknown() {
        // Kalzhat's calendar came, no status yet: a truck at 19:29 on a Monday waits for Tuesday 09:00, no queue
        // assumed
        BorderSnapshot kalzhat = new BorderSnapshot(
                "kalzhat",
                Optional.empty(),
                Optional.of(new BorderSnapshot.KnownCalendar(WEEKDAYS, NOW.minus(Duration.ofMinutes(3)), true)));
        Instant mondayEvening = Instant.parse("2026-11-23T14:29:00Z");
        CrossingOutlook outlook = conditions(kalzhat).outlook("kalzhat", mondayEvening, InspectionChannel.GREEN);

        assertThat(outlook.opensAt()).contains(Instant.parse("2026-11-24T04:00:00Z"));
        assertThat(outlook.waitMedian()).isZero();
        assertThat(outlook.freshness()).isEqualTo(Freshness.unknown());
        assertThat(outlook.calendarFreshness()).isEqualTo(Freshness.live(Duration.ofMinutes(3)));
    }

    @Test
    void aCalendarWhoseRefreshFailedOrThatIsOldIsStaleWithItsAge() {
        BorderSnapshot failedRefresh = new BorderSnapshot(
                "kalzhat",
                Optional.of(queue(0, 10, 0, NOW, true)),
                Optional.of(new BorderSnapshot.KnownCalendar(WEEKDAYS, NOW.minus(Duration.ofMinutes(6)), false)));
        BorderSnapshot old = new BorderSnapshot(
                "kalzhat",
                Optional.of(queue(0, 10, 0, NOW, true)),
                Optional.of(new BorderSnapshot.KnownCalendar(WEEKDAYS, NOW.minus(Duration.ofMinutes(11)), true)));

        assertThat(conditions(failedRefresh)
                        .outlook("kalzhat", NOW, InspectionChannel.GREEN)
                        .calendarFreshness())
                .isEqualTo(Freshness.stale(Duration.ofMinutes(6)));
        assertThat(conditions(old)
                        .outlook("kalzhat", NOW, InspectionChannel.GREEN)
                        .calendarFreshness())
                .isEqualTo(Freshness.stale(Duration.ofMinutes(11)));
    }

    @Test
    void theCoverageCountsEachCheckpointOnceForItsStatusAndOnceForItsCalendar() {
        BorderSnapshot live = zhaisan(0, 12.5, 0, alwaysOpen(), NOW, true);
        BorderSnapshot staleStatusNoCalendar = new BorderSnapshot(
                "syrym", Optional.of(queue(0, 10, 0, NOW.minus(Duration.ofMinutes(2)), true)), Optional.empty());
        BorderSnapshot nothing = new BorderSnapshot("kalzhat", Optional.empty(), Optional.empty());
        ForecastConditions conditions = new ForecastConditions(
                Map.of("zhaisan", live, "syrym", staleStatusNoCalendar, "kalzhat", nothing),
                NOW,
                TRUSTED,
                CALENDAR_TRUSTED);

        assertThat(conditions.coverage()).isEqualTo(new BorderDataCoverage(3, 1, 1, 1, 1, 0, 2));
        assertThat(conditions.coverage().allLive()).isFalse();
    }

    @Test
    void aSpreadOfExactlyOneKeepsTheNinetiethPercentileAtTheMedianToTheNanosecond() {
        // every recent truck waited as long (observed p90 = median, spread 1): 7 trucks at 3 an hour is 2 h 20 min,
        // 8,400 s, reached as a number of nanoseconds that is no whole millisecond; p90 must not be rounded below it
        BorderSnapshot even = new BorderSnapshot(
                "zhaisan",
                Optional.of(new BorderSnapshot.QueueFigures(NOW, 7, 3, 0, 1.0, NOW, true)),
                Optional.of(new BorderSnapshot.KnownCalendar(alwaysOpen(), NOW, true)));
        Instant arrival = NOW.plusNanos(333_333);

        CrossingOutlook outlook = conditions(even).outlook("zhaisan", arrival, InspectionChannel.GREEN);

        assertThat(outlook.waitP90()).isEqualTo(outlook.waitMedian());
        assertThat(outlook.waitMedian()).isBetween(Duration.ofMinutes(139), Duration.ofMinutes(141));
    }

    @Test
    void aTruckEnteringKazakhstanDoesNotWaitBehindTheTrucksLeavingIt() {
        // the status gives each direction: 2,500 trucks leave at 12.5 an hour, 10 enter at 12.5 an hour
        BorderSnapshot zhaisan = new BorderSnapshot(
                "zhaisan",
                Optional.of(new BorderSnapshot.QueueFigures(
                        NOW,
                        2510,
                        25,
                        25,
                        1.5,
                        NOW,
                        true,
                        Map.of(
                                "EXIT", new BorderSnapshot.Flow(2500, 12.5, 12.5),
                                "ENTRY", new BorderSnapshot.Flow(10, 12.5, 12.5)))),
                Optional.of(new BorderSnapshot.KnownCalendar(alwaysOpen(), NOW, true)));

        ForecastConditions conditions = conditions(zhaisan);

        assertThat(conditions
                        .outlook("zhaisan", "EXIT", NOW, InspectionChannel.GREEN)
                        .waitMedian())
                .isEqualTo(Duration.ofHours(200));
        assertThat(conditions
                        .outlook("zhaisan", "ENTRY", NOW, InspectionChannel.GREEN)
                        .waitMedian())
                .isEqualTo(Duration.ofMinutes(48));
        // both pooled, for a caller that does not say (2,510 at 25 an hour)
        assertThat(conditions.outlook("zhaisan", NOW, InspectionChannel.GREEN).waitMedian())
                .isEqualTo(Duration.ofMinutes(2510 * 60 / 25));
    }

    @Test
    void aClosureOfOneDirectionHoldsOnlyTheTrucksTravellingThatWay() {
        ScheduledClosure holiday =
                new ScheduledClosure(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7)), "PRC National Day");
        BorderSnapshot nurZholy = new BorderSnapshot(
                "nur-zholy",
                Optional.of(queue(0, 30, 0, NOW, true)),
                Optional.of(new BorderSnapshot.KnownCalendar(
                        alwaysOpen(holiday), Map.of("EXIT", alwaysOpen(holiday), "ENTRY", alwaysOpen()), NOW, true)));

        ForecastConditions conditions = conditions(nurZholy);

        assertThat(conditions
                        .outlook("nur-zholy", "EXIT", NOW, InspectionChannel.GREEN)
                        .opensAt())
                .contains(NOW.plus(Duration.ofDays(7)));
        assertThat(conditions
                        .outlook("nur-zholy", "ENTRY", NOW, InspectionChannel.GREEN)
                        .opensAt())
                .isEmpty();
    }
}
