package io.borderflow.checkpoint.domain.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.borderflow.checkpoint.domain.estimation.LaneKind;
import io.borderflow.checkpoint.domain.status.StatusCalculator.CheckpointFacts;
import io.borderflow.checkpoint.domain.status.StatusCalculator.VisitFacts;
import io.borderflow.checkpoint.model.CheckpointStatusView;
import io.borderflow.checkpoint.model.RulesetHandling;
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
        assertThat(status.statusReason()).startsWith("200 trucks wait to leave; a truck arriving now waits about");
        // 200 trucks leaving without a decision, each assumed a 2 h documentary check, on the one lane of the two
        // that serves the direction: half a truck an hour, below the nominal 48 a day (2 an hour), so the lane sets the
        // pace: 400 h of work ahead
        CheckpointStatusView.WaitEstimate unknown = status.estimatedWaits().stream()
                .filter(w -> w.channel() == null)
                .findFirst()
                .orElseThrow();
        assertThat(unknown.waitTime()).isBetween(Duration.ofHours(399), Duration.ofHours(401));
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

    private static final CheckpointFacts ONE_LANE = new CheckpointFacts(
            "one-lane-post",
            OpeningCalendar.alwaysOpen(ALMATY, List.of()),
            Map.of(LaneKind.REGULAR, 1),
            Map.of(LaneKind.REGULAR, 1),
            0);

    /** A truck waiting since {@code arrivedHoursAgo} with its decision's channel and expected handling. */
    private static VisitFacts decided(double arrivedHoursAgo, String channel, Duration handling) {
        return new VisitFacts(
                "WAITING", "REGULAR", channel, "EXIT", ago(arrivedHoursAgo), null, null, handling.toSeconds());
    }

    private static Duration undecidedWait(CheckpointStatusView status) {
        return status.estimatedWaits().stream()
                .filter(w -> w.channel() == null)
                .findFirst()
                .orElseThrow()
                .waitTime();
    }

    private static CheckpointStatusView.Handling handlingOf(CheckpointStatusView status, String channel) {
        return status.handling().stream()
                .filter(h -> java.util.Objects.equals(h.channel(), channel))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aTruckDecidedForUnloadingWeighsItsDecisionsFourHours() {
        List<VisitFacts> visits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            visits.add(decided(30 + i, "RED", Duration.ofMinutes(240)));
        }

        CheckpointStatusView status = StatusCalculator.compute(ONE_LANE, visits, NOW);

        // 10 unloadings of 4 h on one lane: 40 h of work ahead of a truck arriving now (a constant 45 min for any RED
        // truck made it 7.5 h)
        assertThat(handlingOf(status, "RED"))
                .isEqualTo(new CheckpointStatusView.Handling("RED", Duration.ofMinutes(240), "DECISIONS", 10, ""));
        assertThat(undecidedWait(status)).isBetween(Duration.ofHours(40), Duration.ofHours(41));
    }

    @Test
    void aPhysicalInspectionIsNeverModelledShorterThanADocumentaryCheck() {
        // trucks the post reported in a channel before their decision came: RED is assumed unloaded (4 h), YELLOW a
        // documentary check (2 h); before, RED took the X-ray's 45 min, so moving trucks from RED to YELLOW (mutual
        // recognition) lengthened the queue
        List<VisitFacts> red = new ArrayList<>();
        List<VisitFacts> yellow = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            red.add(waiting(30 + i, "RED"));
            yellow.add(waiting(30 + i, "YELLOW"));
        }

        CheckpointStatusView redQueue = StatusCalculator.compute(ONE_LANE, red, NOW);
        CheckpointStatusView yellowQueue = StatusCalculator.compute(ONE_LANE, yellow, NOW);

        assertThat(handlingOf(redQueue, "RED").mean()).isEqualTo(Duration.ofMinutes(240));
        assertThat(handlingOf(redQueue, "RED").basis()).isEqualTo("FALLBACK");
        assertThat(undecidedWait(redQueue)).isBetween(Duration.ofHours(40), Duration.ofHours(41));
        assertThat(undecidedWait(yellowQueue)).isBetween(Duration.ofHours(20), Duration.ofHours(21));
    }

    @Test
    void blanketUnloadingWaitsAtLeastTenTimesAsLongAsAnAllGreenQueueOfTheSameSize() {
        List<VisitFacts> unloaded = new ArrayList<>();
        List<VisitFacts> green = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            unloaded.add(decided(30 + i * 0.1, "RED", Duration.ofMinutes(240)));
            green.add(decided(30 + i * 0.1, "GREEN", Duration.ofMinutes(5)));
        }

        CheckpointFacts twoLanesUncapped = new CheckpointFacts(
                "two-lane-post",
                OpeningCalendar.alwaysOpen(ALMATY, List.of()),
                Map.of(LaneKind.REGULAR, 2),
                Map.of(LaneKind.REGULAR, 2),
                0);
        Duration unloading = undecidedWait(StatusCalculator.compute(twoLanesUncapped, unloaded, NOW));
        Duration booth = undecidedWait(StatusCalculator.compute(twoLanesUncapped, green, NOW));

        // leaving, on the one lane of two that serves the direction: 50 x 4 h is 200 h; 50 x 5 min about 4 h (no
        // nominal capacity caps the lane here)
        assertThat(unloading).isBetween(Duration.ofHours(200), Duration.ofHours(201));
        assertThat(unloading.toMinutes()).isGreaterThanOrEqualTo(10 * booth.toMinutes());
    }

    @Test
    void theObservedLaneOccupancyIsPreferredOnceThirtyTrucksOfTheChannelWereServed() {
        List<VisitFacts> visits = new ArrayList<>();
        for (int i = 0; i < 29; i++) {
            // decided for a 2 h documentary check, each occupied its lane 90 minutes
            visits.add(new VisitFacts(
                    "CLEARED",
                    "REGULAR",
                    "YELLOW",
                    "EXIT",
                    ago(10),
                    ago(3),
                    ago(1.5),
                    Duration.ofHours(2).toSeconds()));
        }

        CheckpointStatusView twentyNine = StatusCalculator.compute(TWO_LANES, visits, NOW);
        visits.add(new VisitFacts(
                "CLEARED",
                "REGULAR",
                "YELLOW",
                "EXIT",
                ago(10),
                ago(3),
                ago(1.5),
                Duration.ofHours(2).toSeconds()));
        CheckpointStatusView thirty = StatusCalculator.compute(TWO_LANES, visits, NOW);

        assertThat(handlingOf(twentyNine, "YELLOW"))
                .isEqualTo(new CheckpointStatusView.Handling("YELLOW", Duration.ofHours(2), "DECISIONS", 29, ""));
        assertThat(handlingOf(thirty, "YELLOW"))
                .isEqualTo(new CheckpointStatusView.Handling("YELLOW", Duration.ofMinutes(90), "OBSERVED", 30, ""));
    }

    @Test
    void anUndecidedTruckTakesTheActiveRulesetsDocumentaryCheck() {
        RulesetHandling ruleset = new RulesetHandling(
                Duration.ofMinutes(4),
                Duration.ofMinutes(6),
                Duration.ofMinutes(100),
                Duration.ofMinutes(50),
                Duration.ofMinutes(300),
                Duration.ofMinutes(25),
                "rulesets/7",
                false);
        List<VisitFacts> visits = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            visits.add(waiting(30 + i, null));
        }

        CheckpointStatusView status = StatusCalculator.compute(ONE_LANE, visits, ruleset, NOW);

        assertThat(handlingOf(status, null))
                .isEqualTo(
                        new CheckpointStatusView.Handling(null, Duration.ofMinutes(100), "RULESET", 0, "rulesets/7"));
        // 12 trucks of 100 minutes on one lane: 20 h
        assertThat(undecidedWait(status)).isBetween(Duration.ofHours(20), Duration.ofHours(21));
    }

    /** Zhaisan as its note has it: 8 lanes (4 outbound, 4 inbound), up to 300 trucks a day. */
    private static final CheckpointFacts ZHAISAN = new CheckpointFacts(
            "zhaisan",
            OpeningCalendar.alwaysOpen(ALMATY, List.of()),
            Map.of(LaneKind.REGULAR, 8),
            Map.of(LaneKind.REGULAR, 8),
            300);

    private static VisitFacts decided(String direction, double arrivedHoursAgo, String channel, Duration handling) {
        return new VisitFacts(
                "WAITING", "REGULAR", channel, direction, ago(arrivedHoursAgo), null, null, handling.toSeconds());
    }

    private static CheckpointStatusView.DirectionStatus direction(CheckpointStatusView status, String direction) {
        return status.directions().stream()
                .filter(d -> d.direction().equals(direction))
                .findFirst()
                .orElseThrow();
    }

    private static Duration undecidedWait(CheckpointStatusView.DirectionStatus status) {
        return status.estimatedWaits().stream()
                .filter(w -> w.channel() == null)
                .findFirst()
                .orElseThrow()
                .waitTime();
    }

    @Test
    void aTruckEnteringDoesNotWaitBehindTheTrucksLeaving() {
        // the seeds' Zhaisan: 2,500 trucks wait to leave Kazakhstan, 10 to enter it; all released at the booth
        // (5 min), so the 300 a day, not the lanes, set the pace
        List<VisitFacts> visits = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            visits.add(decided("EXIT", 23.9 * i / 2500, "GREEN", Duration.ofMinutes(5)));
        }
        for (int i = 0; i < 10; i++) {
            visits.add(decided("ENTRY", 0.1 * i, "GREEN", Duration.ofMinutes(5)));
        }

        CheckpointStatusView status = StatusCalculator.compute(ZHAISAN, visits, NOW);

        CheckpointStatusView.DirectionStatus leaving = direction(status, "EXIT");
        CheckpointStatusView.DirectionStatus entering = direction(status, "ENTRY");
        assertThat(leaving.trucksWaiting()).isEqualTo(2500);
        assertThat(entering.trucksWaiting()).isEqualTo(10);
        assertThat(status.trucksWaiting()).isEqualTo(2510);
        assertThat(leaving.lanes()).containsExactly(new CheckpointStatusView.Lanes("REGULAR", 4, 4));
        assertThat(entering.lanes()).containsExactly(new CheckpointStatusView.Lanes("REGULAR", 4, 4));
        // 2,500 at 300 a day: 8.3 days (200 h) to leave; 10 at 12.5 an hour: 48 minutes to enter (before, one queue
        // quoted the entering truck the 8 days too)
        assertThat(undecidedWait(leaving)).isBetween(Duration.ofHours(199), Duration.ofHours(201));
        assertThat(undecidedWait(entering)).isBetween(Duration.ofMinutes(47), Duration.ofMinutes(49));
        assertThat(leaving.operationalStatus()).isEqualTo("CONGESTED");
        assertThat(leaving.statusReason())
                .startsWith("2500 trucks wait to leave; a truck arriving now waits about 8.3");
        assertThat(entering.operationalStatus()).isEqualTo("OPEN");
        assertThat(status.operationalStatus()).isEqualTo("CONGESTED");
        assertThat(status.statusReason()).isEqualTo(leaving.statusReason());
        // the deprecated checkpoint-wide figures: the longer direction's waits, both directions' capacity
        assertThat(status.estimatedWaits()).isEqualTo(leaving.estimatedWaits());
        assertThat(status.clearancesPerOpenHour())
                .isCloseTo(leaving.clearancesPerOpenHour() + entering.clearancesPerOpenHour(), within(1e-9));
    }

    @Test
    void aClosureOfOneDirectionClosesThatDirectionOnly() {
        OpeningCalendar open = OpeningCalendar.alwaysOpen(ALMATY, List.of());
        OpeningCalendar chinaShut = OpeningCalendar.alwaysOpen(
                ALMATY,
                List.of(new io.borderflow.support.calendar.ScheduledClosure(
                        NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)), "PRC National Day")));
        CheckpointFacts nurZholy = new CheckpointFacts(
                "nur-zholy",
                open,
                Map.of(LaneKind.REGULAR, 8),
                Map.of(LaneKind.REGULAR, 8),
                700,
                Map.of("EXIT", chinaShut, "ENTRY", open));
        List<VisitFacts> visits = List.of(
                decided("EXIT", 5, "GREEN", Duration.ofMinutes(5)),
                decided("ENTRY", 1, "GREEN", Duration.ofMinutes(5)));

        CheckpointStatusView status = StatusCalculator.compute(nurZholy, visits, NOW);

        assertThat(direction(status, "EXIT").operationalStatus()).isEqualTo("CLOSED");
        assertThat(direction(status, "EXIT").statusReason()).contains("PRC National Day");
        // a truck leaving waits for the reopening six days on
        assertThat(undecidedWait(direction(status, "EXIT"))).isGreaterThan(Duration.ofDays(6));
        assertThat(direction(status, "ENTRY").operationalStatus()).isEqualTo("OPEN");
        assertThat(undecidedWait(direction(status, "ENTRY"))).isLessThan(Duration.ofHours(1));
        assertThat(status.operationalStatus()).isEqualTo("RESTRICTED");
        assertThat(status.statusReason()).startsWith("exit closed: PRC National Day");
    }

    @Test
    void lanesAreSplitBetweenTheDirectionsAndASingleLaneServesBoth() {
        assertThat(CheckpointFacts.lanesFor(Map.of(LaneKind.REGULAR, 17, LaneKind.XRAY, 1), "EXIT"))
                .isEqualTo(Map.of(LaneKind.REGULAR, 9, LaneKind.XRAY, 1));
        assertThat(CheckpointFacts.lanesFor(Map.of(LaneKind.REGULAR, 17, LaneKind.XRAY, 1), "ENTRY"))
                .isEqualTo(Map.of(LaneKind.REGULAR, 8, LaneKind.XRAY, 1));
        assertThat(CheckpointFacts.lanesFor(Map.of(LaneKind.REGULAR, 0), "ENTRY"))
                .isEqualTo(Map.of(LaneKind.REGULAR, 0));
    }
}
