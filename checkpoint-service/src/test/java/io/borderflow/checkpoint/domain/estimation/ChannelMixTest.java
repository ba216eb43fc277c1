package io.borderflow.checkpoint.domain.estimation;

import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.BLUE;
import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.GREEN;
import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.RED;
import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.UNKNOWN;
import static io.borderflow.checkpoint.domain.estimation.InspectionChannel.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelMixTest {
    private static final HandlingTimes TIMES = HandlingTimes.of(
            Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(45), Duration.ofMinutes(240));
    private static final Set<InspectionChannel> ALL = EnumSet.allOf(InspectionChannel.class);

    @Test
    void sharesAreNormalised() {
        ChannelMix mix = new ChannelMix(Map.of(GREEN, 30.0, RED, 70.0));

        assertThat(mix.share(GREEN)).isCloseTo(0.3, within(1e-12));
        assertThat(mix.share(RED)).isCloseTo(0.7, within(1e-12));
        assertThat(mix.share(YELLOW)).isZero();
    }

    @Test
    void theRedShareSetsTheMeanHandlingTime() {
        // 99 % red: 0.99 * 240 + 0.01 * 5 = 237.65 minutes; a targeted 3 %: 0.03 * 240 + 0.97 * 5 = 12.05 minutes,
        // so the same lanes clear about 20 times as many trucks.
        ChannelMix almostAllRed = new ChannelMix(Map.of(RED, 0.99, GREEN, 0.01));
        ChannelMix targeted = new ChannelMix(Map.of(RED, 0.03, GREEN, 0.97));

        assertThat(almostAllRed.meanHandlingHours(TIMES, ALL) * 60).isCloseTo(237.65, within(1e-9));
        assertThat(targeted.meanHandlingHours(TIMES, ALL) * 60).isCloseTo(12.05, within(1e-9));
    }

    @Test
    void theMeanAmongSomeChannelsIsWeightedWithinThem() {
        // GREEN 0.6 and YELLOW 0.2 among GREEN and YELLOW: (0.6 * 5 + 0.2 * 45) / 0.8 = 15 minutes.
        ChannelMix mix = new ChannelMix(Map.of(GREEN, 0.6, YELLOW, 0.2, RED, 0.2));

        assertThat(mix.meanHandlingHours(TIMES, EnumSet.of(GREEN, YELLOW)) * 60).isCloseTo(15, within(1e-9));
        // No share among them: the plain average of their times, (5 + 5) / 2.
        assertThat(mix.meanHandlingHours(TIMES, EnumSet.of(BLUE, UNKNOWN)) * 60).isCloseTo(25, within(1e-9));
    }

    @Test
    void secondMomentTakesEachChannelAsExponential() {
        // Half 5, half 45 minutes, each exponential: E[t^2] = 0.5 * 2 * 25 + 0.5 * 2 * 2025 = 2050 min^2.
        ChannelMix mix = new ChannelMix(Map.of(GREEN, 1.0, YELLOW, 1.0));

        assertThat(mix.handlingSecondMoment(TIMES, ALL) * 3600).isCloseTo(2050, within(1e-6));
    }

    @Test
    void anUndecidedTruckTakesYellowsTimeUnlessToldOtherwise() {
        assertThat(TIMES.of(UNKNOWN)).isEqualTo(Duration.ofMinutes(45));
        assertThat(TIMES.withUnknown(Duration.ofMinutes(90)).of(UNKNOWN)).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new ChannelMix(Map.of(GREEN, -1.0, RED, 2.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelMix(Map.of(GREEN, 0.0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HandlingTimes(Map.of(GREEN, Duration.ofMinutes(5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BLUE");
        assertThatThrownBy(() -> new ChannelRouting(Map.of(GREEN, LaneKind.REGULAR)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routingGroupsChannelsByLaneKind() {
        ChannelRouting routing = ChannelRouting.allTo(LaneKind.REGULAR).with(RED, LaneKind.INSPECTION_BAY);

        assertThat(routing.laneKindsInUse()).containsExactly(LaneKind.REGULAR, LaneKind.INSPECTION_BAY);
        assertThat(routing.channelsClearedIn(LaneKind.REGULAR)).containsExactly(GREEN, BLUE, YELLOW, UNKNOWN);
        assertThat(routing.channelsClearedIn(LaneKind.INSPECTION_BAY)).containsExactly(RED);
    }
}
