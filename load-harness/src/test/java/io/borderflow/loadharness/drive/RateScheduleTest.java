package io.borderflow.loadharness.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateScheduleTest {

    @Test
    void callsAreDueAtFixedIntervalsFromTheStartWhateverHappensMeanwhile() {
        RateSchedule schedule = new RateSchedule(5_000, 1000, Duration.ofSeconds(2));

        assertThat(schedule.calls()).isEqualTo(2000);
        assertThat(schedule.intendedNanos(0)).isEqualTo(5_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(5_000 + 1_000_000);
        assertThat(schedule.intendedNanos(1999)).isEqualTo(5_000 + 1_999_000_000L);
    }

    @Test
    void aRateThatDoesNotDivideASecondNeitherDriftsNorLosesTheLastCall() {
        RateSchedule schedule = new RateSchedule(0, 3, Duration.ofSeconds(1));

        assertThat(schedule.calls()).isEqualTo(3);
        assertThat(schedule.intendedNanos(3_000_000)).isEqualTo(1_000_000_000_000_000L);
        assertThat(new RateSchedule(0, 2.5, Duration.ofSeconds(1)).calls()).isEqualTo(3);
    }

    @Test
    void aScheduleNeedsAPositiveRateAndDuration() {
        assertThatThrownBy(() -> new RateSchedule(0, 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateSchedule(0, Double.NaN, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateSchedule(0, 10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
