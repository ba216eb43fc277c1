package io.borderflow.support.queueing;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.calendar.OpeningHours;
import io.borderflow.support.calendar.ScheduledClosure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FluidQueueTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Almaty");
    private static final OpeningCalendar ALWAYS = OpeningCalendar.alwaysOpen(ZONE, List.of());
    private static final OpeningCalendar WEEKDAYS = OpeningCalendar.weekly(
            ZONE, List.of(OpeningHours.weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))), List.of());

    @Test
    void threeThousandTrucksAtThreeHundredADayTakeTenDays() {
        // 300 a day = 12.5 an hour; 3,000 / 12.5 = 240 hours.
        Instant now = at(2025, 10, 20, 8, 0);

        assertThat(new FluidQueue(ALWAYS, 300 / 24.0).whenServed(now, 3000)).contains(now.plus(Duration.ofDays(10)));
    }

    @Test
    void twoThousandAtThreeHundredADayIsAboutSixDaysAndSixteenHours() {
        // 2,000 / 12.5 = 160 hours = 6 days 16 hours (6.7 days).
        Instant now = at(2025, 10, 20, 8, 0);

        assertThat(new FluidQueue(ALWAYS, 12.5).whenServed(now, 2000)).contains(now.plus(Duration.ofHours(160)));
    }

    @Test
    void workIsDoneOnlyWhileOpen() {
        // 20 trucks at 10 an open hour from Friday 17:00: 10 by 18:00, the other 10 on Monday 09:00-10:00.
        assertThat(new FluidQueue(WEEKDAYS, 10).whenServed(at(2025, 10, 17, 17, 0), 20))
                .contains(at(2025, 10, 20, 10, 0));
    }

    @Test
    void aTruckArrivingDuringAFiveDayClosureWaitsForTheReopeningPlusTheWorkAhead() {
        // Closed Monday 00:00 to Saturday 00:00; from Wednesday 12:00, 120 trucks at 12.5 an hour = 9.6 hours after
        // the reopening: Saturday 09:36.
        OpeningCalendar calendar = OpeningCalendar.alwaysOpen(
                ZONE, List.of(new ScheduledClosure(at(2025, 10, 13, 0, 0), at(2025, 10, 18, 0, 0), "holiday")));

        assertThat(new FluidQueue(calendar, 12.5).whenServed(at(2025, 10, 15, 12, 0), 120))
                .contains(at(2025, 10, 18, 9, 36));
    }

    @Test
    void aBacklogClearsAtTheNetDrainRate() {
        // 100 queued, 15 cleared and 5 arriving an hour: 100 / (15 - 5) = 10 hours.
        Instant now = at(2025, 10, 20, 8, 0);

        assertThat(new FluidQueue(ALWAYS, 15).whenCleared(now, 100, 5)).contains(now.plus(Duration.ofHours(10)));
        assertThat(new FluidQueue(ALWAYS, 15).whenCleared(now, 0, 5)).contains(now);
    }

    @Test
    void aBacklogNeverClearsWhenArrivalsReachCapacity() {
        Instant now = at(2025, 10, 20, 8, 0);

        assertThat(new FluidQueue(ALWAYS, 12.5).whenCleared(now, 3000, 13.3)).isEmpty();
        assertThat(new FluidQueue(ALWAYS, 12.5).whenCleared(now, 3000, 12.5)).isEmpty();
        assertThat(new FluidQueue(ALWAYS, 0).whenCleared(now, 1, 0)).isEmpty();
        assertThat(new FluidQueue(ALWAYS, 0).whenServed(now, 0)).isEmpty();
    }

    @Test
    void arrivalsOvernightAndAtWeekendsCountAgainstTheOpenHours() {
        // Weekdays 09-18, 70 cleared an open hour, 10 arriving every hour; 50 queued on Friday 18:00.
        // Monday 09:00: 50 + 63 h * 10 = 680; drains 60 an hour: 540 by 18:00, 140 left; overnight + 15 h * 10 = 290;
        // Tuesday 09:00 + 290 / 60 h = 4 h 50 min: 13:50.
        assertThat(new FluidQueue(WEEKDAYS, 70).whenCleared(at(2025, 10, 17, 18, 0), 50, 10))
                .contains(at(2025, 10, 21, 13, 50));
    }

    @Test
    void aBacklogThatGrowsWeekOnWeekCanStillClearToday() {
        // 60 an open hour over 45 hours = 2,700 a week against 20 * 168 = 3,360 arrivals: it grows week on week.
        // A short queue still clears this morning: 10 / (60 - 20) = 15 minutes. A long one never does.
        FluidQueue queue = new FluidQueue(WEEKDAYS, 60);

        assertThat(queue.whenCleared(at(2025, 10, 15, 9, 0), 10, 20)).contains(at(2025, 10, 15, 9, 15));
        assertThat(queue.whenCleared(at(2025, 10, 15, 9, 0), 1000, 20)).isEmpty();
    }

    @Test
    void aBacklogBuiltDuringAClosureClearsAfterTheReopening() {
        // Closed 5 days (120 h) from Monday 00:00; 100 queued then, 10 arriving an hour, 40 cleared an open hour.
        // Saturday 00:00: 100 + 1,200 = 1,300; drains 30 an hour: 43 h 20 min, Sunday 19:20.
        OpeningCalendar calendar = OpeningCalendar.alwaysOpen(
                ZONE, List.of(new ScheduledClosure(at(2025, 10, 13, 0, 0), at(2025, 10, 18, 0, 0), "holiday")));

        assertThat(new FluidQueue(calendar, 40).whenCleared(at(2025, 10, 13, 0, 0), 100, 10))
                .contains(at(2025, 10, 19, 19, 20));
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(ZONE).toInstant();
    }
}
