package io.borderflow.routing.domain.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.InspectionChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FixedCrossingConditionsTest {
    private static final Instant T = Instant.parse("2026-03-02T06:00:00Z");
    private static final Duration H = Duration.ofHours(1);

    @Test
    void waitsAreByQueueChannelAndRefusedTrucksQueueAsRed() {
        var conditions = FixedCrossingConditions.builder()
                .wait("zhaisan", H, H.multipliedBy(2))
                .wait("zhaisan", InspectionChannel.RED, H.multipliedBy(10), H.multipliedBy(30))
                .build();

        assertThat(conditions.outlook("zhaisan", T, InspectionChannel.GREEN))
                .isEqualTo(CrossingOutlook.open(H, H.multipliedBy(2), Freshness.nominal()));
        assertThat(conditions.outlook("zhaisan", T, InspectionChannel.REFUSED).waitMedian())
                .isEqualTo(H.multipliedBy(10));
        assertThat(conditions.outlook("syrym", T, InspectionChannel.RED))
                .as("no figure: no wait")
                .isEqualTo(CrossingOutlook.open(Duration.ZERO, Duration.ZERO, Freshness.nominal()));
    }

    @Test
    void backToBackClosuresOpenAfterTheLast() {
        var conditions = FixedCrossingConditions.builder()
                .closed("khorgos", T.plus(H.multipliedBy(10)), T.plus(H.multipliedBy(20)))
                .closed("khorgos", T, T.plus(H.multipliedBy(10)))
                .build();

        assertThat(conditions
                        .outlook("khorgos", T.plus(H), InspectionChannel.GREEN)
                        .opensAt())
                .contains(T.plus(H.multipliedBy(20)));
        assertThat(conditions
                        .outlook("khorgos", T.plus(H.multipliedBy(20)), InspectionChannel.GREEN)
                        .opensAt())
                .isEmpty();
        assertThat(conditions
                        .outlook("khorgos", T.minus(H), InspectionChannel.GREEN)
                        .opensAt())
                .isEmpty();
    }

    @Test
    void openingHoursAndAClosureCombine() {
        // open 08:00-20:00 in Almaty (UTC+5); closed on the 3rd from 03:00 to 06:00 UTC
        var conditions = FixedCrossingConditions.builder()
                .openingHours("kalzhat", LocalTime.of(8, 0), LocalTime.of(20, 0), ZoneId.of("Asia/Almaty"))
                .closed("kalzhat", Instant.parse("2026-03-03T03:00:00Z"), Instant.parse("2026-03-03T06:00:00Z"))
                .build();

        assertThat(conditions
                        .outlook("kalzhat", Instant.parse("2026-03-02T16:00:00Z"), InspectionChannel.GREEN)
                        .opensAt())
                .as("21:00 local")
                .contains(Instant.parse("2026-03-03T06:00:00Z"));
        assertThat(conditions
                        .outlook("kalzhat", Instant.parse("2026-03-03T04:00:00Z"), InspectionChannel.GREEN)
                        .opensAt())
                .as("09:00 local, in the closure")
                .contains(Instant.parse("2026-03-03T06:00:00Z"));
        assertThat(conditions
                        .outlook("kalzhat", Instant.parse("2026-03-03T07:00:00Z"), InspectionChannel.GREEN)
                        .opensAt())
                .isEmpty();
    }

    @Test
    void openingHoursMayRunOverMidnight() {
        var night = FixedCrossingConditions.builder()
                .openingHours("x", LocalTime.of(20, 0), LocalTime.of(4, 0), ZoneOffset.UTC)
                .build();
        assertThat(night.outlook("x", Instant.parse("2026-03-02T02:00:00Z"), InspectionChannel.GREEN)
                        .opensAt())
                .isEmpty();
        assertThat(night.outlook("x", Instant.parse("2026-03-02T12:00:00Z"), InspectionChannel.GREEN)
                        .opensAt())
                .contains(Instant.parse("2026-03-02T20:00:00Z"));
    }

    @Test
    void theQueueCanBeJoinedNoEarlierForALaterArrival() {
        var conditions = FixedCrossingConditions.builder()
                .wait("x", H.multipliedBy(3), H.multipliedBy(5))
                .closed("x", T.plus(H.multipliedBy(7)), T.plus(H.multipliedBy(31)))
                .openingHours("x", LocalTime.of(7, 0), LocalTime.of(19, 0), ZoneOffset.UTC)
                .build();
        Instant previous = Instant.MIN;
        for (int minutes = 0; minutes < 4 * 24 * 60; minutes += 10) {
            Instant arrival = T.plus(Duration.ofMinutes(minutes));
            CrossingOutlook outlook = conditions.outlook("x", arrival, InspectionChannel.GREEN);
            Instant controlStarts = outlook.opensAt().orElse(arrival).plus(outlook.waitMedian());
            assertThat(controlStarts).isAfterOrEqualTo(previous);
            previous = controlStarts;
        }
    }

    @Test
    void freshnessAndIndefiniteClosuresAreReported() {
        var conditions = FixedCrossingConditions.builder()
                .defaultFreshness(Freshness.live(Duration.ofMinutes(3)))
                .freshness("syrym", Freshness.stale(Duration.ofHours(7)))
                .closedIndefinitely("kalzhat")
                .build();
        assertThat(conditions.outlook("syrym", T, InspectionChannel.GREEN).freshness())
                .isEqualTo(Freshness.stale(Duration.ofHours(7)));
        assertThat(conditions.outlook("zhaisan", T, InspectionChannel.GREEN).freshness())
                .isEqualTo(Freshness.live(Duration.ofMinutes(3)));
        assertThat(conditions.outlook("kalzhat", T, InspectionChannel.GREEN).closedIndefinitely())
                .isTrue();
    }

    @Test
    void malformedFiguresAreRefused() {
        assertThatThrownBy(() -> FixedCrossingConditions.builder().wait("x", H.multipliedBy(2), H))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FixedCrossingConditions.builder().closed("x", T, T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Freshness.live(Duration.ofHours(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Freshness(Freshness.Kind.NOMINAL, Optional.of(H)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
