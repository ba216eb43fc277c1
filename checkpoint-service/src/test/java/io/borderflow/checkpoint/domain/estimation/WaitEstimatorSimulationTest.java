package io.borderflow.checkpoint.domain.estimation;

import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.BLUE;
import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.GREEN;
import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.RED;
import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.borderflow.checkpoint.domain.estimation.CrossingSimulation.Crossing;
import io.borderflow.checkpoint.domain.estimation.CrossingSimulation.Outcome;
import io.borderflow.checkpoint.domain.estimation.CrossingSimulation.Run;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.calendar.OpeningHours;
import io.borderflow.support.calendar.ScheduledClosure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Validates {@link WaitEstimator} against {@link CrossingSimulation}: from the same state, the estimator's wait for a
 * truck arriving now and its forecast of when the backlog clears, against what the simulated crossing does, averaged
 * over seeds. Each tolerance says why it is what it is; the simulation is seeded, so a run never flakes.
 */
class WaitEstimatorSimulationTest {
    private static final WaitEstimator ESTIMATOR = WaitEstimator.standard();
    private static final long[] SEEDS = {11, 12, 13, 14, 15, 16, 17, 18};

    // Zhaisan (KZ-RU, Aktobe region), round the clock, about 300 trucks a day. 8 Kazakh lanes in which the intensive
    // checks happen; mix-weighted mean handling 0.40*10 + 0.05*10 + 0.40*40 + 0.15*120 = 38.5 minutes, so
    // 8 lanes * 1440 min / 38.5 min = 299.2 trucks a day. Handling lognormal with a coefficient of variation of 0.6.
    private static final ZoneId AKTOBE = ZoneId.of("Asia/Aqtobe");
    private static final Instant ZHAISAN_NOW =
            LocalDateTime.of(2025, 10, 20, 8, 0).atZone(AKTOBE).toInstant();
    private static final HandlingTimes ZHAISAN_HANDLING = HandlingTimes.of(
            Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(40), Duration.ofMinutes(120));
    private static final ChannelMix ZHAISAN_MIX =
            new ChannelMix(Map.of(GREEN, 0.40, BLUE, 0.05, YELLOW, 0.40, RED, 0.15));

    // Nur Zholy-Khorgos (KZ-CN) on weekday hours 09:00-18:00 (before its round-the-clock regime), closed for the PRC
    // National Day holiday from 1 to 8 October 2025 inclusive; it reopens on Thursday 9 October at 09:00. 12 lanes,
    // mean handling 0.6*5 + 0.1*5 + 0.2*15 + 0.1*40 = 10.5 minutes: 68.6 trucks an open hour, 617 an open day, near
    // its reported 650. 300 trucks a day keep arriving, closed or not.
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final HandlingTimes KHORGOS_HANDLING = HandlingTimes.of(
            Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(40));
    private static final ChannelMix KHORGOS_MIX = new ChannelMix(Map.of(GREEN, 0.6, BLUE, 0.1, YELLOW, 0.2, RED, 0.1));
    private static final OpeningCalendar KHORGOS_CALENDAR = OpeningCalendar.weekly(
            ALMATY,
            List.of(OpeningHours.weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))),
            List.of(new ScheduledClosure(
                    local(ALMATY, 2025, 10, 1, 0), local(ALMATY, 2025, 10, 9, 0), "PRC National Day holiday")));

    @Test
    void zhaisanBacklogOfThreeThousandAgreesWithTheSimulation() {
        Comparison comparison = zhaisan(280, Duration.ofDays(400), true);

        // The wait is the sum of 3,000 handling times over 8 lanes: its spread is about 2.3 % a seed
        // (sqrt(3000 * variance of one handling time) / 8 against 10 days), 0.8 % for the mean of 8 seeds. 3 % is
        // about four of those standard errors: a model error beyond it is a real one.
        assertThat(comparison.estimatedWaitHours())
                .isCloseTo(comparison.simulatedWaitHours(), within(0.03 * comparison.simulatedWaitHours()));
        // 3,000 trucks at 38.5 minutes over 8 lanes: 240.6 hours, about 10 days.
        assertThat(comparison.estimatedWaitHours()).isBetween(230.0, 255.0);

        // Clearance with arrivals continuing at 280 a day drains only 19 trucks a day against day-to-day noise of
        // about 27 trucks: the first passage to an empty queue then spreads widely (about 20 % a seed here, 3,150 to
        // 5,350 hours), about 7 % for the mean of 8 seeds; its mean is the fluid one (Wald's identity), so 15 %, about
        // two standard errors, is what 8 seeds can tell.
        assertThat(comparison.simulatedClearedRuns()).isEqualTo(SEEDS.length);
        assertThat(comparison.estimatedClearanceHours())
                .isCloseTo(comparison.simulatedClearanceHours(), within(0.15 * comparison.simulatedClearanceHours()));
        assertThat(comparison.lastEstimate().laneQueue(LaneKind.REGULAR).method())
                .isEqualTo(EstimationMethod.FLUID);
    }

    @Test
    void zhaisanAboveCapacityNeverClearsAndTheSimulatedQueueGrows() {
        Comparison comparison = zhaisan(320, Duration.ofDays(60), false);

        assertThat(comparison.lastEstimate().backlogClearsAt()).isEmpty();
        assertThat(comparison.lastEstimate().laneQueue(LaneKind.REGULAR).utilisation())
                .isGreaterThan(1);
        // 320 arrivals against 299.2 clearances a day: about 1,250 more trucks after 60 days, noise about 220.
        assertThat(comparison.simulatedWaitingAtEnd())
                .allSatisfy(waiting -> assertThat(waiting).isGreaterThan(3600));
        assertThat(comparison.estimatedWaitHours())
                .isCloseTo(comparison.simulatedWaitHours(), within(0.03 * comparison.simulatedWaitHours()));
    }

    @Test
    void nurZholyGoldenWeekClosureAgreesWithTheSimulation() {
        Instant midClosure = local(ALMATY, 2025, 10, 4, 12);
        CrossingCapacity capacity = CrossingCapacity.of(KHORGOS_CALENDAR, LaneKind.REGULAR, 12, KHORGOS_HANDLING);
        Crossing crossing = new Crossing(
                KHORGOS_CALENDAR,
                Map.of(LaneKind.REGULAR, 12),
                ChannelRouting.allTo(LaneKind.REGULAR),
                KHORGOS_HANDLING,
                0.6,
                300 / 24.0,
                KHORGOS_MIX);
        Instant start = local(ALMATY, 2025, 9, 22, 0);
        Comparison comparison = new Comparison(midClosure);
        for (long seed : SEEDS) {
            Outcome outcome = CrossingSimulation.simulate(
                    crossing,
                    new Run(
                            start,
                            midClosure.plus(Duration.ofDays(90)),
                            List.of(),
                            Optional.of(midClosure),
                            start,
                            true,
                            seed));
            comparison.add(
                    ESTIMATOR.estimate(
                            capacity, QueueSnapshot.of(midClosure, outcome.waitingAtTag(), 300 / 24.0, KHORGOS_MIX)),
                    outcome);
        }

        // Trucks that arrived since the last closing (Tuesday 18:00) wait: about 90 h * 12.5 = 1,125.
        assertThat(comparison.lastEstimate().laneQueue(LaneKind.REGULAR).trucksAhead())
                .isBetween(1000, 1250);
        assertThat(comparison
                        .lastEstimate()
                        .laneQueue(LaneKind.REGULAR)
                        .nextControlStart()
                        .orElseThrow())
                .isAfter(local(ALMATY, 2025, 10, 9, 9));
        // The wait is the time to the reopening, fixed, plus about 16 open hours of work whose spread is under 1 %
        // of the whole wait: 3 % leaves room only for a model error.
        assertThat(comparison.estimatedWaitHours())
                .isCloseTo(comparison.simulatedWaitHours(), within(0.03 * comparison.simulatedWaitHours()));
        // The simulated queue empties the first time it touches zero. Near the end it drains 56 trucks an open hour
        // with a noise of about 130 trucks, so some seeds empty an afternoon before the fluid forecast (438 to 481
        // hours after the snapshot); 10 % of the 20 days is that day and a margin.
        assertThat(comparison.simulatedClearedRuns()).isEqualTo(SEEDS.length);
        assertThat(comparison.estimatedClearanceHours())
                .isCloseTo(comparison.simulatedClearanceHours(), within(0.10 * comparison.simulatedClearanceHours()));
    }

    @Test
    void underCapacityMeanWaitIsErlangC() {
        // M/M/4: 4 lanes of 10 minutes (6 an hour each), 16.8 arrivals an hour, utilisation 0.7.
        HandlingTimes tenMinutes = HandlingTimes.of(
                Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10));
        double[] waits = steadyStateWaits(4, 16.8, ChannelMix.only(GREEN), tenMinutes, 3);
        WaitEstimate estimate = ESTIMATOR.estimate(
                crossingOf(4, tenMinutes), QueueSnapshot.of(STEADY_START, Map.of(), 16.8, ChannelMix.only(GREEN)));

        // Erlang C is exact for M/M/c; the simulated mean over 3 * 20,000 hours (1 million trucks) has a standard
        // error of about 1.5 % (waits are strongly correlated from truck to truck), so 5 %.
        assertThat(estimate.channel(GREEN).method()).isEqualTo(EstimationMethod.ERLANG_C);
        double estimated = hours(estimate.channel(GREEN).waitTime().orElseThrow());
        assertThat(estimated).isCloseTo(mean(waits), within(0.05 * mean(waits)));
    }

    @Test
    void underCapacityWithAMixOfChannelsNeedsTheHandlingSpread() {
        // 6 lanes; 5-minute GREEN and BLUE trucks and 45-minute YELLOW ones, each exponential: the mix's handling
        // time has a squared coefficient of variation of 1.6, where Erlang C assumes 1. Utilisation 0.7.
        HandlingTimes handling = HandlingTimes.of(
                Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(45), Duration.ofMinutes(45));
        ChannelMix mix = new ChannelMix(Map.of(GREEN, 0.6, BLUE, 0.1, YELLOW, 0.3));
        double meanHandlingHours = (0.6 * 5 + 0.1 * 5 + 0.3 * 45) / 60; // 17 minutes
        double arrivals = 0.7 * 6 / meanHandlingHours;
        double[] waits = steadyStateWaits(6, arrivals, mix, handling, 3);
        WaitEstimate estimate =
                ESTIMATOR.estimate(crossingOf(6, handling), QueueSnapshot.of(STEADY_START, Map.of(), arrivals, mix));
        double estimated = hours(estimate.channel(GREEN).waitTime().orElseThrow());

        // Allen-Cunneen is an approximation for M/G/c, typically within 10 % at this utilisation: 15 %.
        assertThat(estimate.channel(GREEN).method()).isEqualTo(EstimationMethod.ERLANG_C);
        assertThat(estimated).isCloseTo(mean(waits), within(0.15 * mean(waits)));
        // Plain Erlang C, which ignores the spread, would be off by far more than that.
        double plain = new ErlangC(6, arrivals, 1 / meanHandlingHours).meanWaitHours();
        assertThat(plain).isLessThan(0.7 * mean(waits));
    }

    private static final Instant STEADY_START = Instant.parse("2025-06-02T00:00:00Z");

    private static CrossingCapacity crossingOf(int lanes, HandlingTimes handling) {
        return CrossingCapacity.of(
                OpeningCalendar.alwaysOpen(ZoneId.of("UTC"), List.of()), LaneKind.REGULAR, lanes, handling);
    }

    /** Mean waits of trucks arriving after a 200-hour warm-up in 20,000-hour runs, one per seed. */
    private static double[] steadyStateWaits(
            int lanes, double arrivalsPerHour, ChannelMix mix, HandlingTimes handling, int seeds) {
        Crossing crossing = new Crossing(
                OpeningCalendar.alwaysOpen(ZoneId.of("UTC"), List.of()),
                Map.of(LaneKind.REGULAR, lanes),
                ChannelRouting.allTo(LaneKind.REGULAR),
                handling,
                1.0,
                arrivalsPerHour,
                mix);
        double[] waits = new double[seeds];
        for (int i = 0; i < seeds; i++) {
            Outcome outcome = CrossingSimulation.simulate(
                    crossing,
                    new Run(
                            STEADY_START,
                            STEADY_START.plus(Duration.ofHours(20_000)),
                            List.of(),
                            Optional.empty(),
                            STEADY_START.plus(Duration.ofHours(200)),
                            false,
                            SEEDS[i]));
            waits[i] = outcome.meanWaitHours().get(LaneKind.REGULAR);
        }
        return waits;
    }

    private static Comparison zhaisan(double arrivalsPerDay, Duration length, boolean stopWhenCleared) {
        OpeningCalendar calendar = OpeningCalendar.alwaysOpen(AKTOBE, List.of());
        CrossingCapacity capacity = CrossingCapacity.of(calendar, LaneKind.REGULAR, 8, ZHAISAN_HANDLING);
        Crossing crossing = new Crossing(
                calendar,
                Map.of(LaneKind.REGULAR, 8),
                ChannelRouting.allTo(LaneKind.REGULAR),
                ZHAISAN_HANDLING,
                0.6,
                arrivalsPerDay / 24,
                ZHAISAN_MIX);
        Comparison comparison = new Comparison(ZHAISAN_NOW);
        for (long seed : SEEDS) {
            Outcome outcome = CrossingSimulation.simulate(
                    crossing,
                    new Run(
                            ZHAISAN_NOW,
                            ZHAISAN_NOW.plus(length),
                            CrossingSimulation.drawQueue(ZHAISAN_MIX, 3000, seed),
                            Optional.of(ZHAISAN_NOW),
                            ZHAISAN_NOW,
                            stopWhenCleared,
                            seed));
            // The estimator is told what the service would know: the trucks waiting, by channel.
            comparison.add(
                    ESTIMATOR.estimate(
                            capacity,
                            QueueSnapshot.of(ZHAISAN_NOW, outcome.waitingAtTag(), arrivalsPerDay / 24, ZHAISAN_MIX)),
                    outcome);
        }
        return comparison;
    }

    /** Estimated and simulated figures of the REGULAR queue, summed over seeds, in hours after {@code now}. */
    private static final class Comparison {
        private final Instant now;
        private double estimatedWait;
        private double simulatedWait;
        private double estimatedClearance;
        private double simulatedClearance;
        private int runs;
        private int simulatedClearedRuns;
        private final List<Integer> simulatedWaitingAtEnd = new ArrayList<>();
        private WaitEstimate lastEstimate;

        Comparison(Instant now) {
            this.now = now;
        }

        void add(WaitEstimate estimate, Outcome outcome) {
            runs++;
            lastEstimate = estimate;
            estimatedWait += hours(Duration.between(
                    now, estimate.laneQueue(LaneKind.REGULAR).nextControlStart().orElseThrow()));
            simulatedWait +=
                    hours(Duration.between(now, outcome.tagControlStart().get(LaneKind.REGULAR)));
            estimate.backlogClearsAt().ifPresent(at -> estimatedClearance += hours(Duration.between(now, at)));
            Instant emptied = outcome.queueEmptyAfterTag().get(LaneKind.REGULAR);
            if (emptied != null) {
                simulatedClearedRuns++;
                simulatedClearance += hours(Duration.between(now, emptied));
            }
            simulatedWaitingAtEnd.add(outcome.waitingAtEnd().get(LaneKind.REGULAR));
        }

        double estimatedWaitHours() {
            return estimatedWait / runs;
        }

        double simulatedWaitHours() {
            return simulatedWait / runs;
        }

        double estimatedClearanceHours() {
            return estimatedClearance / runs;
        }

        double simulatedClearanceHours() {
            return simulatedClearance / simulatedClearedRuns;
        }

        int simulatedClearedRuns() {
            return simulatedClearedRuns;
        }

        List<Integer> simulatedWaitingAtEnd() {
            return simulatedWaitingAtEnd;
        }

        WaitEstimate lastEstimate() {
            return lastEstimate;
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double hours(Duration duration) {
        return duration.toNanos() / 3.6e12;
    }

    private static Instant local(ZoneId zone, int year, int month, int day, int hour) {
        return LocalDateTime.of(year, month, day, hour, 0).atZone(zone).toInstant();
    }
}
