package io.borderflow.checkpoint.domain.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.checkpoint.domain.estimation.LaneKind;
import io.borderflow.checkpoint.domain.status.StatusCalculator.CheckpointFacts;
import io.borderflow.checkpoint.domain.status.StatusCalculator.VisitFacts;
import io.borderflow.checkpoint.model.CheckpointStatusView;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.calendar.OpeningHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusCalculatorTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final CheckpointFacts TWO_LANES = new CheckpointFacts(
            "test-post",
            OpeningCalendar.alwaysOpen(ALMATY, List.of()),
            Map.of(LaneKind.REGULAR, 2),
            Map.of(LaneKind.REGULAR, 2),
            48);

    private static Instant ago(double hours) {
        return NOW.minusSeconds(Math.round(hours * 3600));
    }

    private static VisitFacts cleared(double arrivedHoursAgo, double clearedHoursAgo) {
        return new VisitFacts("CLEARED", "REGULAR", "GREEN", ago(arrivedHoursAgo), ago(clearedHoursAgo));
    }

    private static VisitFacts waiting(double arrivedHoursAgo, String channel) {
        return new VisitFacts("WAITING", "REGULAR", channel, ago(arrivedHoursAgo), null);
    }

    @Test
    void countsAndObservedWaitsComeStraightFromTheVisits() {
        List<VisitFacts> visits = List.of(
                cleared(1.5, 0.5), // waited 1 h, cleared half an hour ago
                cleared(5, 3), // 2 h
                cleared(10, 6), // 4 h
                cleared(30, 26), // cleared more than a day ago: not counted
                waiting(2, null),
                waiting(1, null),
                new VisitFacts("CALLED", "REGULAR", "GREEN", ago(3), null),
                new VisitFacts("IN_INSPECTION", "REGULAR", "RED", ago(4), null));

        CheckpointStatusView status = StatusCalculator.compute(TWO_LANES, visits, NOW);

        assertThat(status.trucksWaiting()).isEqualTo(3);
        assertThat(status.waiting())
                .containsExactly(
                        new CheckpointStatusView.QueueCount("REGULAR", null, 2),
                        new CheckpointStatusView.QueueCount("REGULAR", "GREEN", 1));
        assertThat(status.trucksInInspection()).isEqualTo(1);
        assertThat(status.clearancesLastHour()).isEqualTo(1);
        assertThat(status.clearancesLast24h()).isEqualTo(3);
        // waits 1 h, 2 h, 4 h: median by nearest rank is the 2nd, the 90th percentile the 3rd
        assertThat(status.observedWaits())
                .isEqualTo(new CheckpointStatusView.ObservedWaits(3, Duration.ofHours(2), Duration.ofHours(4)));
        // 7 arrivals in the last 24 hours (3 cleared, 3 queued, 1 in inspection)
        assertThat(status.arrivalsPerHour()).isEqualTo(7 / 24.0);
        assertThat(status.lanes()).containsExactly(new CheckpointStatusView.Lanes("REGULAR", 2, 2));
        assertThat(status.operationalStatus()).isEqualTo("OPEN");
        assertThat(status.estimatedWaits())
                .extracting(CheckpointStatusView.WaitEstimate::channel)
                .contains(null, "GREEN", "RED");
        assertThat(status.estimatedWaits())
                .allSatisfy(w -> assertThat(w.waitTime()).isPositive());
        assertThat(status.backlogClearTime()).isAfter(NOW);
        assertThat(status.updateTime()).isEqualTo(NOW);
    }

    @Test
    void aQueueOfMoreThanADaysWorkIsCongested() {
        List<VisitFacts> visits = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            visits.add(waiting(20 + i * 0.1, null));
        }
        CheckpointStatusView status = StatusCalculator.compute(TWO_LANES, visits, NOW);

        assertThat(status.operationalStatus()).isEqualTo("CONGESTED");
        assertThat(status.statusReason()).startsWith("200 trucks wait; a truck arriving now waits about");
        // 200 trucks without a decision, each assumed a 2 h documentary check, on 2 lanes: 1 truck an hour, below the
        // nominal 48 a day (2 an hour), so the lanes set the pace: 200 h of work ahead
        CheckpointStatusView.WaitEstimate unknown = status.estimatedWaits().stream()
                .filter(w -> w.channel() == null)
                .findFirst()
                .orElseThrow();
        assertThat(unknown.waitTime()).isBetween(Duration.ofHours(199), Duration.ofHours(201));
        assertThat(unknown.method()).isEqualTo("FLUID");
    }

    @Test
    void outsideOpeningHoursItIsClosedAndSaysWhenItOpens() {
        CheckpointFacts dayShift = new CheckpointFacts(
                "day-post",
                OpeningCalendar.weekly(
                        ALMATY, List.of(OpeningHours.daily(LocalTime.of(9, 0), LocalTime.of(18, 0))), List.of()),
                Map.of(LaneKind.REGULAR, 2),
                Map.of(LaneKind.REGULAR, 2),
                100);
        Instant evening = Instant.parse("2026-11-23T15:00:00Z"); // 20:00 in Almaty (UTC+5)

        CheckpointStatusView status = StatusCalculator.compute(dayShift, List.of(waiting(1, null)), evening);

        assertThat(status.operationalStatus()).isEqualTo("CLOSED");
        assertThat(status.statusReason())
                .contains(OpeningCalendar.OUTSIDE_OPENING_HOURS)
                .contains("opens 2026-11-24T04:00:00Z");
    }

    @Test
    void noTruckClearedMeansNoObservedWaits() {
        assertThat(VisitTallies.observed(List.of())).isNull();
        assertThat(StatusCalculator.compute(TWO_LANES, List.of(), NOW).observedWaits())
                .isNull();
    }

    @Test
    void aRefusedDecisionIsHandledLikeADocumentaryCheck() {
        assertThat(StatusCalculator.channel("REFUSED").name()).isEqualTo("YELLOW");
        assertThat(StatusCalculator.channel(null).name()).isEqualTo("UNKNOWN");
    }
}
