package io.borderflow.support.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.calendar.ScheduledClosure;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueForecastTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final Instant T0 = Instant.parse("2026-11-23T05:00:00Z");
    private static final OpeningCalendar OPEN = OpeningCalendar.alwaysOpen(ALMATY, List.of());
    /** The calibrated tolerance in hours. */
    private static final double TAU = 87;

    private static Instant days(double days) {
        return T0.plusSeconds(Math.round(days * 86_400));
    }

    @Test
    void aBacklogWhoseArrivalsMatchItsClearancesHoldsWhereItIs() {
        // Zhaisan: 2,500 waiting, 12.5 an hour cleared and arriving
        QueueForecast zhaisan = QueueForecast.damped(OPEN, 12.5, 12.5, 2500, T0);

        assertThat(zhaisan.queuedAt(days(4))).isCloseTo(2500, within(1e-6));
        assertThat(zhaisan.queuedAt(days(30))).isCloseTo(2500, within(1e-6));
    }

    @Test
    void moreArrivalsThanClearancesRaiseTheQueueToALevelAndNoFurther() {
        // arrivals 1.5 times the clearances: undamped, 150 more trucks a day for ever (4 days on: 3,100, 30 days on:
        // 7,000, waits of 10 and 23 days); damped, the queue holds at Q0 + mu * tau * ln(1.5) = 2,500 + 12.5 * 87 *
        // 0.405 = 2,941
        QueueForecast damped = QueueForecast.damped(OPEN, 12.5, 18.75, 2500, T0);
        QueueForecast linear = new QueueForecast(OPEN, 12.5, 18.75, 2500, T0, Duration.ZERO);
        double level = 2500 + 12.5 * TAU * Math.log(1.5);

        assertThat(linear.queuedAt(days(4))).isCloseTo(3100, within(1e-6));
        assertThat(linear.queuedAt(days(30))).isCloseTo(7000, within(1e-6));
        assertThat(damped.queuedAt(days(4))).isBetween(2500.0, level);
        assertThat(damped.queuedAt(days(30))).isCloseTo(level, within(1.0));
        assertThat(damped.queuedAt(days(60))).isCloseTo(level, within(1e-3));
    }

    @Test
    void demandThreeTimesCapacityHoldsAtTheSeedsFourDayWait() {
        // from an empty crossing, carriers who would send three times what it clears: the queue rises until a wait of
        // tau * ln 3 = 95.6 h, within the seeds' 3-5 days (the calibration); the same from a queue of 10,000
        double capacity = 300 / 24.0;
        QueueForecast fromEmpty = QueueForecast.damped(OPEN, capacity, 3 * capacity, 0, T0);
        double heldWait = fromEmpty.queuedAt(days(120)) / capacity;

        assertThat(heldWait).isCloseTo(TAU * Math.log(3), within(0.01));
        assertThat(heldWait / 24).isBetween(3.0, 5.0);
    }

    @Test
    void aQueueWithFewerArrivalsThanClearancesEmptiesAndStaysEmpty() {
        // 100 waiting, 10 an hour cleared, 5 arriving: empty after about 20 h of open time (a little sooner than
        // undamped, as more join while it is shorter), and empty after
        QueueForecast forecast = QueueForecast.damped(OPEN, 10, 5, 100, T0);

        assertThat(forecast.queuedAt(days(0.5))).isPositive();
        assertThat(forecast.queuedAt(days(2))).isZero();
        assertThat(forecast.queuedAt(days(10))).isZero();
    }

    @Test
    void aClosureLetsTheQueueGrowDampedAndTheReopeningWorksItOff() {
        // China's side shut for a week at the road crossings to China, which clear 1,630 a day and see as many
        // arrive: undamped a week adds 11,410 trucks; damped, fewer join as the wait grows:
        // Q = mu * tau * ln(1 + lambda * t / (mu * tau)) = 5,909 * ln(2.93) = 6,351
        double perHour = 1630 / 24.0;
        OpeningCalendar shut =
                OpeningCalendar.alwaysOpen(ALMATY, List.of(new ScheduledClosure(T0, days(7), "PRC National Day")));
        QueueForecast forecast = QueueForecast.damped(shut, perHour, perHour, 0, T0);
        double scale = perHour * TAU;

        assertThat(forecast.queuedAt(days(7))).isCloseTo(scale * Math.log(1 + perHour * 168 / scale), within(1e-6));
        assertThat(new QueueForecast(shut, perHour, perHour, 0, T0, Duration.ZERO).queuedAt(days(7)))
                .isCloseTo(11_410, within(1e-6));
        // and after the reopening, with arrivals equal to clearances, it shrinks back towards empty
        assertThat(forecast.queuedAt(days(30))).isLessThan(forecast.queuedAt(days(7)));
    }

    @Test
    void aTruckJoiningLaterNeverStartsItsControlEarlier() {
        OpeningCalendar shut =
                OpeningCalendar.alwaysOpen(ALMATY, List.of(new ScheduledClosure(days(1), days(3), "repairs")));
        QueueForecast forecast = QueueForecast.damped(shut, 12.5, 30, 800, T0);
        Instant previous = T0;
        for (int hour = 0; hour < 24 * 20; hour++) {
            Instant join = T0.plus(Duration.ofHours(hour));
            Instant served = forecast.servedAt(join).orElseThrow();
            assertThat(served).as("joining at hour %d", hour).isAfterOrEqualTo(previous);
            previous = served;
        }
    }
}
