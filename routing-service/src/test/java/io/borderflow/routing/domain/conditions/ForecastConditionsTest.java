package io.borderflow.routing.domain.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.routing.domain.search.CrossingOutlook;
import io.borderflow.routing.model.route.BorderSnapshot;
import io.borderflow.routing.model.route.Channel;
import io.borderflow.routing.model.route.Freshness;
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
import org.junit.jupiter.api.Test;

class ForecastConditionsTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    /** Monday 2026-11-23 10:00 in Almaty. */
    private static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");
    private static final Duration TRUSTED = Duration.ofSeconds(30);

    private static BorderSnapshot zhaisan(double waiting, double perHour, double arrivals, OpeningCalendar calendar,
            Instant confirmed, boolean live) {
        return new BorderSnapshot("zhaisan", NOW, waiting, perHour, arrivals, 1.5, calendar, confirmed, live);
    }

    private static OpeningCalendar alwaysOpen(ScheduledClosure... closures) {
        return OpeningCalendar.alwaysOpen(ALMATY, List.of(closures));
    }

    private static ForecastConditions conditions(BorderSnapshot snapshot) {
        return new ForecastConditions(Map.of(snapshot.checkpointId(), snapshot), NOW, TRUSTED);
    }

    @Test
    void aTruckArrivingNowWaitsForTheQueueAheadAtTheClearanceRate() {
        // 2,500 trucks at 12.5 an hour: 200 hours
        CrossingOutlook now = conditions(zhaisan(2500, 12.5, 12.5, alwaysOpen(), NOW, true))
                .outlook("zhaisan", NOW, Channel.YELLOW);
        assertThat(now.waitMedian()).isEqualTo(Duration.ofHours(200));
        assertThat(now.waitP90()).isEqualTo(Duration.ofHours(300));
        assertThat(now.opensAt()).isEmpty();
        assertThat(now.freshness()).isEqualTo(Freshness.live(Duration.ZERO));
    }

    @Test
    void aTruckArrivingLaterFindsTheQueueDrainedByWhatClearsMinusWhatArrives() {
        // clears 12.5 an hour, 2.5 arrive: the queue shrinks by 10 an hour; 2 days on, 2,500 - 480 = 2,020 ahead
        ForecastConditions conditions = conditions(zhaisan(2500, 12.5, 2.5, alwaysOpen(), NOW, true));
        CrossingOutlook later = conditions.outlook("zhaisan", NOW.plus(Duration.ofDays(2)), Channel.GREEN);
        assertThat(later.waitMedian()).isEqualTo(Duration.ofMillis(Math.round(2020 / 12.5 * 3_600_000)));
        // a month on, the backlog is gone
        assertThat(conditions.outlook("zhaisan", NOW.plus(Duration.ofDays(30)), Channel.GREEN).waitMedian()).isZero();
    }

    @Test
    void arrivingLaterNeverMeansStartingEarlier() {
        ForecastConditions conditions = conditions(zhaisan(300, 10, 8, OpeningCalendar.weekly(ALMATY,
                List.of(new OpeningHours(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0),
                        LocalTime.of(18, 0))), List.of()), NOW, true));
        Instant previousStart = Instant.MIN;
        for (Instant arrival = NOW; arrival.isBefore(NOW.plus(Duration.ofDays(10))); arrival = arrival.plus(Duration.ofMinutes(37))) {
            CrossingOutlook outlook = conditions.outlook("zhaisan", arrival, Channel.RED);
            Instant start = outlook.opensAt().orElse(arrival).plus(outlook.waitMedian());
            assertThat(start).as("arrival %s", arrival).isAfterOrEqualTo(previousStart);
            previousStart = start;
        }
    }

    @Test
    void aTruckArrivingDuringAClosureWaitsForTheOpeningFirst() {
        Instant reopens = NOW.plus(Duration.ofDays(2));
        ForecastConditions conditions = conditions(zhaisan(0, 12.5, 0, alwaysOpen(new ScheduledClosure(NOW.plus(
                Duration.ofDays(1)), reopens, "Independence Day")), NOW, true));
        CrossingOutlook closed = conditions.outlook("zhaisan", NOW.plus(Duration.ofHours(30)), Channel.GREEN);
        assertThat(closed.opensAt()).contains(reopens);
        assertThat(closed.waitMedian()).isZero();
        assertThat(conditions.outlook("zhaisan", NOW.plus(Duration.ofHours(6)), Channel.GREEN).opensAt()).isEmpty();
    }

    @Test
    void withoutLanesTheCrossingDoesNotOpenWithinTheHorizon() {
        assertThat(conditions(zhaisan(10, 0, 1, alwaysOpen(), NOW, true)).outlook("zhaisan", NOW, Channel.GREEN)
                .closedIndefinitely()).isTrue();
    }

    @Test
    void aStatusNotConfirmedRecentlyOrFromALostStreamIsStaleAndAnUnknownCheckpointNominal() {
        Instant minuteAgo = NOW.minus(Duration.ofMinutes(1));
        assertThat(conditions(zhaisan(0, 12.5, 0, alwaysOpen(), minuteAgo, true)).outlook("zhaisan", NOW, Channel.GREEN)
                .freshness()).isEqualTo(Freshness.stale(Duration.ofMinutes(1)));
        assertThat(conditions(zhaisan(0, 12.5, 0, alwaysOpen(), NOW, false)).outlook("zhaisan", NOW, Channel.GREEN)
                .freshness()).isEqualTo(Freshness.stale(Duration.ZERO));
        CrossingOutlook unknown = conditions(zhaisan(0, 12.5, 0, alwaysOpen(), NOW, true))
                .outlook("syrym", NOW, Channel.GREEN);
        assertThat(unknown.freshness()).isEqualTo(Freshness.nominal());
        assertThat(unknown.waitMedian()).isZero();
    }
}
