package io.borderflow.checkpoint.domain.estimation;

import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.GREEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.borderflow.checkpoint.domain.estimation.CrossingSimulation.Crossing;
import io.borderflow.checkpoint.domain.estimation.CrossingSimulation.Outcome;
import io.borderflow.checkpoint.domain.estimation.CrossingSimulation.Run;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.calendar.OpeningHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The yardstick checked on its own: seeded, served only while open, handling times with the means it is given. */
class CrossingSimulationTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    private static final OpeningCalendar WEEKDAYS = OpeningCalendar.weekly(
            ZONE, List.of(OpeningHours.weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))), List.of());
    private static final HandlingTimes SIX_MINUTES = HandlingTimes.of(
            Duration.ofMinutes(6), Duration.ofMinutes(6), Duration.ofMinutes(6), Duration.ofMinutes(6));
    private static final Instant MONDAY =
            LocalDateTime.of(2025, 10, 13, 0, 0).atZone(ZONE).toInstant();

    @Test
    void theSameSeedGivesTheSameRun() {
        Crossing crossing = crossing(WEEKDAYS, 3, 1.0, 20);
        Run run = new Run(
                MONDAY,
                MONDAY.plus(Duration.ofDays(14)),
                List.of(),
                Optional.of(MONDAY.plus(Duration.ofDays(5))),
                MONDAY,
                false,
                7);

        Outcome first = CrossingSimulation.simulate(crossing, run);

        assertThat(CrossingSimulation.simulate(crossing, run)).isEqualTo(first);
        assertThat(CrossingSimulation.simulate(
                        crossing,
                        new Run(
                                run.start(),
                                run.end(),
                                run.initialQueue(),
                                run.tagAt(),
                                run.waitsMeasuredFrom(),
                                false,
                                8)))
                .isNotEqualTo(first);
    }

    @Test
    void noControlStartsWhileClosed() {
        // Saturday noon, 100 waiting and more arriving: the tagged truck waits for Monday 09:00 at the earliest.
        Instant saturdayNoon = MONDAY.plus(Duration.ofDays(5)).plus(Duration.ofHours(12));
        Outcome outcome = CrossingSimulation.simulate(
                crossing(WEEKDAYS, 3, 1.0, 5),
                new Run(
                        saturdayNoon,
                        saturdayNoon.plus(Duration.ofDays(30)),
                        Collections.nCopies(100, GREEN),
                        Optional.of(saturdayNoon),
                        saturdayNoon,
                        true,
                        3));

        Instant start = outcome.tagControlStart().get(LaneKind.REGULAR);
        assertThat(start).isAfterOrEqualTo(MONDAY.plus(Duration.ofDays(7)).plus(Duration.ofHours(9)));
        assertThat(WEEKDAYS.isOpen(start)).isTrue();
        assertThat(WEEKDAYS.isOpen(outcome.queueEmptyAfterTag().get(LaneKind.REGULAR)))
                .isTrue();
    }

    @Test
    void handlingTimesHaveTheMeansTheyAreGiven() {
        // One lane, 1,000 trucks of 6 minutes ahead, no arrivals: the tagged truck starts after about 100 hours; the
        // sum's standard deviation is sqrt(1000) * 0.1 h = 3.2 h exponential, 1.9 h lognormal with a CV of 0.6.
        OpeningCalendar always = OpeningCalendar.alwaysOpen(ZONE, List.of());
        for (double cv : new double[] {1.0, 0.6}) {
            Outcome outcome = CrossingSimulation.simulate(
                    crossing(always, 1, cv, 0),
                    new Run(
                            MONDAY,
                            MONDAY.plus(Duration.ofDays(30)),
                            Collections.nCopies(1000, GREEN),
                            Optional.of(MONDAY),
                            MONDAY,
                            true,
                            5));

            double hours = Duration.between(MONDAY, outcome.tagControlStart().get(LaneKind.REGULAR))
                            .toMinutes()
                    / 60.0;
            assertThat(hours).as("cv %s", cv).isCloseTo(100, within(10.0));
        }
    }

    private static Crossing crossing(OpeningCalendar calendar, int lanes, double cv, double arrivalsPerHour) {
        return new Crossing(
                calendar,
                Map.of(LaneKind.REGULAR, lanes),
                ChannelRouting.allTo(LaneKind.REGULAR),
                SIX_MINUTES,
                cv,
                arrivalsPerHour,
                ChannelMix.only(GREEN));
    }
}
