package io.borderflow.checkpoint.domain.estimation;

import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.GREEN;
import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.RED;
import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.UNKNOWN;
import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.calendar.OpeningHours;
import io.borderflow.support.calendar.ScheduledClosure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class WaitEstimatorTest {
    private static final WaitEstimator ESTIMATOR = WaitEstimator.standard();
    private static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    private static final OpeningCalendar ALWAYS = OpeningCalendar.alwaysOpen(ZONE, List.of());
    private static final OpeningCalendar WEEKDAYS = OpeningCalendar.weekly(
            ZONE, List.of(OpeningHours.weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))), List.of());
    private static final Instant NOW = at(2025, 10, 15, 10, 0); // a Wednesday

    @Test
    void zhaisanIsCappedAtItsNominalCapacityAndItsBacklogNeverClearsAbove() {
        // 8 lanes of 30-minute trucks would clear 16 an hour (384 a day); the Russian side's 2 lanes hold the crossing
        // to 300 a day = 12.5 an hour. 3,000 ahead / 12.5 = 240 hours = 10 days. Arrivals 320 a day exceed 300.
        HandlingTimes thirty = uniform(30);
        CrossingCapacity zhaisan =
                CrossingCapacity.of(ALWAYS, LaneKind.REGULAR, 8, thirty).withNominalVehiclesPerDay(300);
        QueueSnapshot queue = QueueSnapshot.of(NOW, Map.of(UNKNOWN, 3000), 320 / 24.0, ChannelMix.only(UNKNOWN));

        WaitEstimate estimate = ESTIMATOR.estimate(zhaisan, queue);

        assertThat(estimate.channel(GREEN).waitTime()).contains(Duration.ofDays(10));
        assertThat(estimate.channel(GREEN).method()).isEqualTo(EstimationMethod.FLUID);
        assertThat(estimate.channel(GREEN).basis()).isEqualTo(EstimateBasis.MODELLED);
        assertThat(estimate.laneQueue(LaneKind.REGULAR).clearancesPerOpenHour()).isCloseTo(12.5, within(1e-9));
        assertThat(estimate.laneQueue(LaneKind.REGULAR).utilisation()).isCloseTo(320 / 300.0, within(1e-9));
        assertThat(estimate.backlogClearsAt()).isEmpty();
    }

    @Test
    void belowCapacityTheBacklogClearsAtTheNetRate() {
        // Same crossing, 240 arriving a day: drains 300 - 240 = 60 a day, 3,000 in 50 days.
        CrossingCapacity zhaisan =
                CrossingCapacity.of(ALWAYS, LaneKind.REGULAR, 8, uniform(30)).withNominalVehiclesPerDay(300);
        QueueSnapshot queue = QueueSnapshot.of(NOW, Map.of(UNKNOWN, 3000), 240 / 24.0, ChannelMix.only(UNKNOWN));

        assertThat(ESTIMATOR.estimate(zhaisan, queue).backlogClearsAt()).contains(NOW.plus(Duration.ofDays(50)));
    }

    @Test
    void aRedTruckAheadWeighsMoreThanAGreenOne() {
        // 2 lanes; GREEN 6 minutes, RED 60. Ahead: 100 GREEN (10 lane-hours) and 10 RED (10 lane-hours): 20 lane-hours
        // over 2 lanes = 10 hours. The same 110 trucks all GREEN would take 11 / 2 = 5.5 hours.
        HandlingTimes times = HandlingTimes.of(
                Duration.ofMinutes(6), Duration.ofMinutes(6), Duration.ofMinutes(30), Duration.ofMinutes(60));
        CrossingCapacity crossing = CrossingCapacity.of(ALWAYS, LaneKind.REGULAR, 2, times);
        ChannelMix mix = new ChannelMix(Map.of(GREEN, 0.9, RED, 0.1));

        WaitEstimate mixed = ESTIMATOR.estimate(crossing, QueueSnapshot.of(NOW, Map.of(GREEN, 100, RED, 10), 9, mix));
        WaitEstimate green = ESTIMATOR.estimate(crossing, QueueSnapshot.of(NOW, Map.of(GREEN, 110), 9, mix));

        assertThat(mixed.channel(RED).waitTime()).contains(Duration.ofHours(10));
        assertThat(green.channel(RED).waitTime()).contains(Duration.ofMinutes(330));
        // The mix sets the clearance rate: 0.9 * 6 + 0.1 * 60 = 11.4 minutes, 2 lanes: 120 / 11.4 = 10.53 an hour.
        assertThat(mixed.laneQueue(LaneKind.REGULAR).clearancesPerOpenHour()).isCloseTo(120 / 11.4, within(1e-9));
        // Cleared: the wait plus the truck's own handling.
        assertThat(mixed.channel(RED).timeUntilCleared()).contains(Duration.ofHours(11));
        assertThat(mixed.channel(GREEN).timeUntilCleared()).contains(Duration.ofMinutes(606));
    }

    @Test
    void enoughObservedClearancesSetTheRate() {
        // 2 lanes of 10-minute GREEN trucks: modelled 12 an hour. Observed: 100 cleared in the last 10 hours with
        // trucks waiting throughout: 10 an hour. 200 ahead: 20 hours observed, 200 / 12 = 16 h 40 min modelled.
        CrossingCapacity crossing = CrossingCapacity.of(ALWAYS, LaneKind.REGULAR, 2, uniform(10));
        QueueSnapshot queue = QueueSnapshot.of(NOW, Map.of(GREEN, 200), 11, ChannelMix.only(GREEN));
        Instant tenHoursAgo = NOW.minus(Duration.ofHours(10));

        WaitEstimate observed = ESTIMATOR.estimate(
                crossing,
                queue.withRecentClearances(
                        List.of(new ClearanceObservation(LaneKind.REGULAR, tenHoursAgo, NOW, 100, true))));
        WaitEstimate tooFew = ESTIMATOR.estimate(
                crossing,
                queue.withRecentClearances(
                        List.of(new ClearanceObservation(LaneKind.REGULAR, tenHoursAgo, NOW, 15, true))));
        WaitEstimate idleLanes = ESTIMATOR.estimate(
                crossing,
                queue.withRecentClearances(
                        List.of(new ClearanceObservation(LaneKind.REGULAR, tenHoursAgo, NOW, 100, false))));

        assertThat(observed.channel(GREEN).waitTime()).contains(Duration.ofHours(20));
        assertThat(observed.channel(GREEN).basis()).isEqualTo(EstimateBasis.OBSERVED);
        assertThat(observed.backlogBasis()).isEqualTo(EstimateBasis.OBSERVED);
        assertThat(tooFew.channel(GREEN).waitTime()).contains(Duration.ofMinutes(1000));
        assertThat(tooFew.channel(GREEN).basis()).isEqualTo(EstimateBasis.MODELLED);
        assertThat(idleLanes.channel(GREEN).basis()).isEqualTo(EstimateBasis.MODELLED);
    }

    @Test
    void anObservedRateCountsOpenHoursOnlyAndIsNotCapped() {
        // Weekdays 09-18; observed Wednesday 06:00-12:00 = 3 open hours, 60 cleared: 20 an hour, above the nominal
        // 9 a day (1 an open hour), which caps only modelled rates.
        CrossingCapacity crossing =
                CrossingCapacity.of(WEEKDAYS, LaneKind.REGULAR, 2, uniform(10)).withNominalVehiclesPerDay(9);
        QueueSnapshot queue = QueueSnapshot.of(
                        NOW.plus(Duration.ofHours(2)), Map.of(GREEN, 10), 1, ChannelMix.only(GREEN))
                .withRecentClearances(List.of(new ClearanceObservation(
                        LaneKind.REGULAR, at(2025, 10, 15, 6, 0), at(2025, 10, 15, 12, 0), 60, true)));

        assertThat(ESTIMATOR
                        .estimate(crossing, queue)
                        .laneQueue(LaneKind.REGULAR)
                        .clearancesPerOpenHour())
                .isCloseTo(20, within(1e-9));
    }

    @Test
    void underCapacityWithAShortQueueErlangCGivesTheWait() {
        // 4 lanes of 10 minutes (6 an hour), 16.8 arriving an hour: utilisation 0.7 and Wq = 0.059535 h
        // (see ErlangCTest: P(wait) 0.428654 / (24 - 16.8)).
        CrossingCapacity crossing = CrossingCapacity.of(ALWAYS, LaneKind.REGULAR, 4, uniform(10));

        WaitEstimate empty =
                ESTIMATOR.estimate(crossing, QueueSnapshot.of(NOW, Map.of(), 16.8, ChannelMix.only(GREEN)));

        assertThat(empty.channel(GREEN).method()).isEqualTo(EstimationMethod.ERLANG_C);
        assertThat(hours(empty.channel(GREEN).waitTime().orElseThrow())).isCloseTo(0.059535, within(1e-6));
        assertThat(empty.backlogClearsAt()).contains(NOW);
    }

    @Test
    void underCapacityWithALongQueueTheFluidWaitIsUsed() {
        // Same crossing, 40 trucks ahead: 40 * 10 minutes / 4 lanes = 100 minutes, far above Erlang C's 3.6.
        CrossingCapacity crossing = CrossingCapacity.of(ALWAYS, LaneKind.REGULAR, 4, uniform(10));

        WaitEstimate queued =
                ESTIMATOR.estimate(crossing, QueueSnapshot.of(NOW, Map.of(GREEN, 40), 16.8, ChannelMix.only(GREEN)));

        assertThat(queued.channel(GREEN).method()).isEqualTo(EstimationMethod.FLUID);
        assertThat(queued.channel(GREEN).waitTime()).contains(Duration.ofMinutes(100));
        // 40 trucks drained at 24 - 16.8 = 7.2 an hour: 5 h 33 min 20 s.
        assertThat(queued.backlogClearsAt()).contains(NOW.plus(Duration.ofSeconds(40 * 3600 / 72 * 10)));
    }

    @Test
    void nearSaturationOnlyTheFluidModelIsUsed() {
        // 22 arriving against 24 an hour: utilisation 0.917 >= 0.9. Nobody ahead: no wait, even though Erlang C
        // would say 0.4 hours.
        CrossingCapacity crossing = CrossingCapacity.of(ALWAYS, LaneKind.REGULAR, 4, uniform(10));

        WaitEstimate busy = ESTIMATOR.estimate(crossing, QueueSnapshot.of(NOW, Map.of(), 22, ChannelMix.only(GREEN)));

        assertThat(busy.channel(GREEN).method()).isEqualTo(EstimationMethod.FLUID);
        assertThat(busy.channel(GREEN).waitTime()).contains(Duration.ZERO);
    }

    @Test
    void theSpreadOfAChannelMixLengthensTheErlangCWait() {
        // 2 lanes; half GREEN 6 minutes, half YELLOW 30: mean 18 minutes (mu = 3.33 an hour a lane); 4 arriving an
        // hour: rho = 0.6. M/M/2: P(wait) = 2 * 0.36 / 1.6 = 0.45, Wq = 0.45 / (6.667 - 4) = 0.16875 h.
        // Allen-Cunneen: E[t^2] / E[t]^2 with exponential channels = (0.5 * 36 + 0.5 * 900) / 324 = 1.4444;
        // 0.16875 * 1.4444 = 0.24375 h.
        HandlingTimes times = HandlingTimes.of(
                Duration.ofMinutes(6), Duration.ofMinutes(6), Duration.ofMinutes(30), Duration.ofMinutes(30));
        CrossingCapacity crossing = CrossingCapacity.of(ALWAYS, LaneKind.REGULAR, 2, times);
        ChannelMix mix = new ChannelMix(Map.of(GREEN, 0.5, YELLOW, 0.5));

        WaitEstimate estimate = ESTIMATOR.estimate(crossing, QueueSnapshot.of(NOW, Map.of(), 4, mix));

        assertThat(hours(estimate.channel(YELLOW).waitTime().orElseThrow())).isCloseTo(0.24375, within(1e-6));
    }

    @Test
    void closedNowTheWaitRunsToTheOpening() {
        // Saturday noon, nobody ahead, no arrivals: control starts Monday 09:00, 45 hours on.
        CrossingCapacity crossing = CrossingCapacity.of(WEEKDAYS, LaneKind.REGULAR, 4, uniform(10));
        Instant saturdayNoon = at(2025, 10, 18, 12, 0);

        WaitEstimate estimate =
                ESTIMATOR.estimate(crossing, QueueSnapshot.of(saturdayNoon, Map.of(), 0, ChannelMix.only(GREEN)));

        assertThat(estimate.channel(GREEN).waitTime()).contains(Duration.ofHours(45));
    }

    @Test
    void aTruckArrivingMidClosureWaitsForTheReopeningPlusTheBacklog() {
        // A 24/7 crossing closed for 5 days from Monday 00:00; Wednesday 12:00, 600 ahead at 300 a day (8 lanes of
        // 38.4 minutes = 12.5 an hour): reopening Saturday 00:00 + 600 / 12.5 = 48 hours: Monday 00:00, 108 hours on.
        OpeningCalendar calendar = OpeningCalendar.alwaysOpen(
                ZONE, List.of(new ScheduledClosure(at(2025, 10, 13, 0, 0), at(2025, 10, 18, 0, 0), "holiday")));
        Duration minutes38point4 = Duration.ofSeconds(2304);
        CrossingCapacity crossing = CrossingCapacity.of(
                calendar,
                LaneKind.REGULAR,
                8,
                HandlingTimes.of(minutes38point4, minutes38point4, minutes38point4, minutes38point4));
        Instant midClosure = at(2025, 10, 15, 12, 0);

        WaitEstimate estimate = ESTIMATOR.estimate(
                crossing, QueueSnapshot.of(midClosure, Map.of(UNKNOWN, 600), 5, ChannelMix.only(UNKNOWN)));

        assertThat(estimate.channel(UNKNOWN).waitTime()).contains(Duration.ofHours(108));
        assertThat(estimate.channel(UNKNOWN).method()).isEqualTo(EstimationMethod.FLUID);
        // Forecast: 600 + 5 an hour from Wednesday noon; at Saturday 00:00 600 + 60 h * 5 = 900, drained at
        // 12.5 - 5 = 7.5 an hour: 120 hours, Thursday 23 October 00:00.
        assertThat(estimate.backlogClearsAt()).contains(at(2025, 10, 23, 0, 0));
    }

    @Test
    void eachLaneKindIsItsOwnQueue() {
        // RED trucks go to 2 inspection bays (4 hours each), the rest to 6 lanes (10 minutes each). Ahead: 60 GREEN,
        // 4 RED, no arrivals. GREEN: 60 * 10 / 6 = 100 minutes. RED: 4 * 4 h / 2 = 8 hours. Backlog: the later, 8 h.
        HandlingTimes times = HandlingTimes.of(
                Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofHours(4));
        CrossingCapacity crossing = new CrossingCapacity(
                ALWAYS,
                Map.of(LaneKind.REGULAR, 6, LaneKind.INSPECTION_BAY, 2),
                times,
                ChannelRouting.allTo(LaneKind.REGULAR).with(RED, LaneKind.INSPECTION_BAY),
                OptionalDouble.empty());
        ChannelMix mix = new ChannelMix(Map.of(GREEN, 0.9, RED, 0.1));

        WaitEstimate estimate = ESTIMATOR.estimate(crossing, QueueSnapshot.of(NOW, Map.of(GREEN, 60, RED, 4), 0, mix));

        assertThat(estimate.channel(GREEN).waitTime()).contains(Duration.ofMinutes(100));
        assertThat(estimate.channel(GREEN).laneKind()).isEqualTo(LaneKind.REGULAR);
        assertThat(estimate.channel(RED).waitTime()).contains(Duration.ofHours(8));
        assertThat(estimate.channel(RED).timeUntilCleared()).contains(Duration.ofHours(12));
        assertThat(estimate.backlogClearsAt()).contains(NOW.plus(Duration.ofHours(8)));
    }

    @Test
    void withoutAnOpenLaneOfItsKindATruckHasNoEstimate() {
        HandlingTimes times = uniform(10);
        CrossingCapacity crossing = new CrossingCapacity(
                ALWAYS,
                Map.of(LaneKind.REGULAR, 6, LaneKind.INSPECTION_BAY, 0),
                times,
                ChannelRouting.allTo(LaneKind.REGULAR).with(RED, LaneKind.INSPECTION_BAY),
                OptionalDouble.empty());
        ChannelMix mix = new ChannelMix(Map.of(GREEN, 0.9, RED, 0.1));

        WaitEstimate estimate = ESTIMATOR.estimate(crossing, QueueSnapshot.of(NOW, Map.of(RED, 3), 1, mix));

        assertThat(estimate.channel(RED).waitTime()).isEmpty();
        assertThat(estimate.channel(GREEN).waitTime()).isPresent();
        assertThat(estimate.backlogClearsAt()).isEmpty();
        assertThat(estimate.laneQueue(LaneKind.INSPECTION_BAY).utilisation()).isInfinite();
    }

    @Test
    void aPartTimeCrossingIsJudgedOnItsWeek() {
        // Weekdays 09-18, 4 lanes of 10 minutes: 24 an open hour, 24 * 45 / 168 = 6.43 an hour over the week.
        // 5 arriving an hour: utilisation 5 / 6.43 = 0.778; 7 an hour: 1.09, the queue grows week on week.
        CrossingCapacity crossing = CrossingCapacity.of(WEEKDAYS, LaneKind.REGULAR, 4, uniform(10));

        WaitEstimate light =
                ESTIMATOR.estimate(crossing, QueueSnapshot.of(NOW, Map.of(GREEN, 500), 5, ChannelMix.only(GREEN)));
        WaitEstimate heavy =
                ESTIMATOR.estimate(crossing, QueueSnapshot.of(NOW, Map.of(GREEN, 500), 7, ChannelMix.only(GREEN)));

        assertThat(light.laneQueue(LaneKind.REGULAR).utilisation()).isCloseTo(5 / (24 * 45 / 168.0), within(1e-9));
        assertThat(light.backlogClearsAt()).isPresent();
        assertThat(heavy.backlogClearsAt()).isEmpty();
    }

    private static HandlingTimes uniform(int minutes) {
        Duration time = Duration.ofMinutes(minutes);
        return HandlingTimes.of(time, time, time, time);
    }

    private static double hours(Duration duration) {
        return duration.toNanos() / 3.6e12;
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(ZONE).toInstant();
    }
}
