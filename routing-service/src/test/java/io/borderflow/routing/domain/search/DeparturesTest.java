package io.borderflow.routing.domain.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeparturesTest {
    private static final Departures EVERY_TWO_DAYS =
            new Departures.Interval(Instant.parse("2026-01-01T18:00:00Z"), Duration.ofDays(2));

    @Test
    void anIntervalSailsAtTheAnchorPlusWholePeriods() {
        assertThat(EVERY_TWO_DAYS.next(Instant.parse("2026-01-01T18:00:00Z")))
                .isEqualTo(Instant.parse("2026-01-01T18:00:00Z"));
        assertThat(EVERY_TWO_DAYS.next(Instant.parse("2026-01-01T18:00:00.001Z")))
                .isEqualTo(Instant.parse("2026-01-03T18:00:00Z"));
        assertThat(EVERY_TWO_DAYS.next(Instant.parse("2026-03-02T06:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-02T18:00:00Z"));
        assertThat(EVERY_TWO_DAYS.next(Instant.parse("2025-12-30T19:00:00Z")))
                .as("before the anchor")
                .isEqualTo(Instant.parse("2026-01-01T18:00:00Z"));
    }

    @Test
    void aWeeklyLineSailsOnItsDaysInItsTimeZone() {
        Departures weekly = new Departures.Weekly(
                Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), LocalTime.of(20, 0), ZoneId.of("Asia/Baku"));
        // Monday 2 March 2026, 20:00 in Baku (UTC+4) is 16:00 UTC
        assertThat(weekly.next(Instant.parse("2026-03-02T10:00:00Z"))).isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
        assertThat(weekly.next(Instant.parse("2026-03-02T16:00:01Z"))).isEqualTo(Instant.parse("2026-03-05T16:00:00Z"));
        assertThat(weekly.next(Instant.parse("2026-03-05T17:00:00Z"))).isEqualTo(Instant.parse("2026-03-09T16:00:00Z"));
    }

    @Test
    void aLaterArrivalNeverSailsEarlier() {
        Departures weekly =
                new Departures.Weekly(Set.of(DayOfWeek.SATURDAY), LocalTime.of(9, 30), ZoneId.of("Asia/Aqtau"));
        for (Departures schedule : new Departures[] {EVERY_TWO_DAYS, weekly}) {
            Instant previous = Instant.MIN;
            for (int minutes = 0; minutes < 20 * 24 * 60; minutes += 37) {
                Instant arrival = Instant.parse("2026-03-02T00:00:00Z").plus(Duration.ofMinutes(minutes));
                Instant sailing = schedule.next(arrival);
                assertThat(sailing).isAfterOrEqualTo(arrival).isAfterOrEqualTo(previous);
                previous = sailing;
            }
        }
    }

    @Test
    void aThroughTrainLeavesWhenReady() {
        Instant ready = Instant.parse("2026-03-02T10:17:00Z");
        assertThat(new Departures.WhenReady().next(ready)).isEqualTo(ready);
    }

    @Test
    void aScheduleMustSail() {
        assertThatThrownBy(() -> new Departures.Interval(Instant.EPOCH, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Departures.Weekly(Set.of(), LocalTime.NOON, ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
