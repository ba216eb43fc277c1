package io.borderflow.checkpoint.domain.status;

import io.borderflow.checkpoint.domain.estimation.HandlingFigure;
import io.borderflow.checkpoint.domain.estimation.HandlingTimes;
import io.borderflow.checkpoint.domain.estimation.InspectionChannel;
import io.borderflow.checkpoint.domain.estimation.LaneKind;
import io.borderflow.checkpoint.domain.estimation.WaitEstimator;
import io.borderflow.checkpoint.model.CheckpointStatusView;
import io.borderflow.checkpoint.model.RulesetHandling;
import io.borderflow.checkpoint.model.VisitTally;
import io.borderflow.support.calendar.OpeningCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A checkpoint's live status from its visits, lanes and calendar: counts and observed waits straight from the visits,
 * estimated waits and the backlog forecast from {@link WaitEstimator}. Plain arithmetic, no I/O.
 *
 * <p>How visits map to the queue model: WAITING and CALLED trucks are the queue; the clearance observation window is
 * the last {@value #OBSERVATION_HOURS} hours, counting every visit that ended after arriving (cleared, refused,
 * redirected), and it counts as "queued throughout" when a truck still queued now arrived before the window began. A
 * REFUSED decision queues with the documentary checks; a truck without a decision is UNKNOWN. All channels queue in
 * the regular lanes, except RED, which goes to the inspection bays or X-ray lanes when the checkpoint has them.
 *
 * <p>Each channel's handling time is the best of three figures ({@link HandlingFigure#choose}): the lane occupancy
 * observed from INSPECTION_STARTED to the end of the visit, once {@value HandlingFigure#MIN_OBSERVED} trucks of the
 * channel were served so in the last day; else the mean of the expected handling inspection-service's decisions gave
 * its trucks (documentary, X-ray or unloading); else the active ruleset's figure ({@link RulesetHandling}). An
 * undecided truck is assumed to need a documentary check. No handling constant of the checkpoint's own enters.
 */
public final class StatusCalculator {
    public static final int OBSERVATION_HOURS = 6;
    /** The states of a visit that ended with the truck served (its end counts as a clearance of its lane). */
    static final Set<String> SERVED = Set.of("CLEARED", "REFUSED", "REDIRECTED");

    private StatusCalculator() {}

    /**
     * The checkpoint as the calculator needs it: its calendar, its lanes open and in all, its nominal capacity.
     *
     * @param calendar its opening hours with the closures of both directions
     * @param directionCalendars per direction (EXIT, ENTRY), the same with that direction's own closures too; a
     *     direction not listed has {@code calendar}
     * @param nominalVehiclesPerDay what each direction is to clear a day (0: not known)
     */
    public record CheckpointFacts(
            String checkpointId,
            OpeningCalendar calendar,
            Map<LaneKind, Integer> openLanes,
            Map<LaneKind, Integer> maximumLanes,
            int nominalVehiclesPerDay,
            Map<String, OpeningCalendar> directionCalendars) {

        public CheckpointFacts {
            directionCalendars = Map.copyOf(directionCalendars);
        }

        /** One calendar for both directions. */
        public CheckpointFacts(
                String checkpointId,
                OpeningCalendar calendar,
                Map<LaneKind, Integer> openLanes,
                Map<LaneKind, Integer> maximumLanes,
                int nominalVehiclesPerDay) {
            this(checkpointId, calendar, openLanes, maximumLanes, nominalVehiclesPerDay, Map.of());
        }

        /** The calendar a truck travelling in {@code direction} meets. */
        public OpeningCalendar calendar(String direction) {
            return directionCalendars.getOrDefault(direction, calendar);
        }

        /**
         * A direction's share of lanes: half each, the odd lane to EXIT; a single lane serves both directions in
         * turn (each is given it, and the nominal capacity caps what it clears). An estimate where no source gives
         * the split per direction: Zhaisan's note gives 4 outbound and 4 inbound of its 8, which is this split.
         */
        public static Map<LaneKind, Integer> lanesFor(Map<LaneKind, Integer> lanes, String direction) {
            Map<LaneKind, Integer> share = new EnumMap<>(LaneKind.class);
            lanes.forEach((kind, count) -> share.put(kind, share(count, direction)));
            return share;
        }

        static int share(int lanes, String direction) {
            if (lanes <= 1) {
                return Math.max(lanes, 0);
            }
            return direction.equals("EXIT") ? (lanes + 1) / 2 : lanes / 2;
        }
    }

    /**
     * A visit as the calculator needs it (state and channel names as stored; channel null: not known).
     *
     * @param direction EXIT or ENTRY
     * @param expectedHandlingSeconds its decision's expected handling; null without a decision
     * @param inspectionStartTime when its inspection started; null when not reported
     */
    public record VisitFacts(
            String state,
            String laneKind,
            String channel,
            String direction,
            Instant arriveTime,
            Instant inspectionStartTime,
            Instant endTime,
            Long expectedHandlingSeconds) {

        /** An exiting truck without a decision whose inspection start was not reported. */
        public VisitFacts(String state, String laneKind, String channel, Instant arriveTime, Instant endTime) {
            this(state, laneKind, channel, "EXIT", arriveTime, null, endTime, null);
        }
    }

    /** The status from a list of visits: {@link VisitTallies#of} them, then {@link #compute(CheckpointFacts, VisitTally, RulesetHandling, Instant)}. */
    public static CheckpointStatusView compute(
            CheckpointFacts checkpoint, List<VisitFacts> visits, RulesetHandling ruleset, Instant now) {
        return compute(checkpoint, VisitTallies.of(visits, now), ruleset, now);
    }

    /** As {@link #compute(CheckpointFacts, List, RulesetHandling, Instant)} with the fallback figures. */
    public static CheckpointStatusView compute(CheckpointFacts checkpoint, List<VisitFacts> visits, Instant now) {
        return compute(checkpoint, visits, RulesetHandling.FALLBACK, now);
    }

    public static CheckpointStatusView compute(
            CheckpointFacts checkpoint, VisitTally tally, RulesetHandling ruleset, Instant now) {
        List<HandlingFigure> handling = handling(tally, ruleset);
        Map<InspectionChannel, Duration> perChannel = new EnumMap<>(InspectionChannel.class);
        handling.forEach(h -> perChannel.put(h.channel(), h.mean()));
        HandlingTimes times = new HandlingTimes(perChannel);

        List<DirectionQueue> queues = new ArrayList<>();
        for (String direction : DIRECTIONS) {
            List<VisitTally.Group> groups = tally.groups().stream()
                    .filter(g -> direction.equals(g.direction()))
                    .toList();
            queues.add(DirectionQueue.of(direction, checkpoint, groups, tally.observedWaits(direction), times, now));
        }

        Map<String, Integer> waitingCounts = new TreeMap<>();
        queues.forEach(q -> q.status().waiting().forEach(c -> waitingCounts.merge(key(c), c.trucks(), Integer::sum)));
        List<CheckpointStatusView.QueueCount> queueCounts = new ArrayList<>();
        waitingCounts.forEach((key, count) -> {
            String[] parts = key.split("\\|", -1);
            queueCounts.add(new CheckpointStatusView.QueueCount(parts[0], parts[1].isEmpty() ? null : parts[1], count));
        });
        List<CheckpointStatusView.Lanes> lanes = new ArrayList<>();
        checkpoint
                .maximumLanes()
                .forEach((kind, max) -> lanes.add(new CheckpointStatusView.Lanes(
                        kind.name(), checkpoint.openLanes().getOrDefault(kind, 0), max)));
        int waiting = sum(queues, s -> s.trucksWaiting());
        int open = checkpoint.openLanes().values().stream()
                .mapToInt(Integer::intValue)
                .sum();
        int maximum = checkpoint.maximumLanes().values().stream()
                .mapToInt(Integer::intValue)
                .sum();

        // the deprecated single figures: the direction a truck waits longer in (its undecided wait), the later
        // backlog clearance, the capacities and arrivals added up
        DirectionQueue longer = queues.stream()
                .max(java.util.Comparator.comparing(q -> q.undecidedWait().orElse(FOREVER)))
                .orElseThrow();
        Instant backlogClears = queues.stream().anyMatch(q -> q.status().backlogClearTime() == null)
                ? null
                : queues.stream()
                        .map(q -> q.status().backlogClearTime())
                        .max(Instant::compareTo)
                        .orElse(now);
        DirectionQueue backlogDecides = queues.stream()
                .max(java.util.Comparator.comparing(q -> q.status().backlogClearTime() == null
                        ? Instant.MAX
                        : q.status().backlogClearTime()))
                .orElseThrow();

        String status;
        String reason;
        List<CheckpointStatusView.DirectionStatus> statuses =
                queues.stream().map(DirectionQueue::status).toList();
        long closedDirections = statuses.stream()
                .filter(d -> d.operationalStatus().equals("CLOSED"))
                .count();
        if (closedDirections == statuses.size()) {
            status = "CLOSED";
            reason = statuses.get(0).statusReason();
        } else if (statuses.stream().anyMatch(d -> d.operationalStatus().equals("CONGESTED"))) {
            status = "CONGESTED";
            reason = statuses.stream()
                    .filter(d -> d.operationalStatus().equals("CONGESTED"))
                    .map(CheckpointStatusView.DirectionStatus::statusReason)
                    .reduce((a, b) -> a + "; " + b)
                    .orElseThrow();
        } else if (closedDirections > 0) {
            status = "RESTRICTED";
            reason = statuses.stream()
                    .filter(d -> d.operationalStatus().equals("CLOSED"))
                    .map(d -> word(d.direction()) + " " + d.statusReason())
                    .findFirst()
                    .orElseThrow();
        } else if (open < maximum) {
            status = "RESTRICTED";
            reason = open + " of " + maximum + " lanes open";
        } else {
            status = "OPEN";
            reason = waiting + " trucks wait";
        }

        return new CheckpointStatusView(
                checkpoint.checkpointId(),
                status,
                reason,
                queueCounts,
                waiting,
                sum(queues, s -> s.trucksInInspection()),
                lanes,
                sum(queues, s -> s.clearancesLastHour()),
                sum(queues, s -> s.clearancesLast24h()),
                tally.observedWaits(),
                longer.status().estimatedWaits(),
                backlogClears,
                backlogDecides.status().backlogClearBasis(),
                statuses.stream()
                        .mapToDouble(CheckpointStatusView.DirectionStatus::arrivalsPerHour)
                        .sum(),
                statuses.stream()
                        .mapToDouble(CheckpointStatusView.DirectionStatus::clearancesPerOpenHour)
                        .sum(),
                statuses.stream().anyMatch(d -> d.capacityBasis().equals("OBSERVED")) ? "OBSERVED" : "MODELLED",
                handling.stream()
                        .map(h -> new CheckpointStatusView.Handling(
                                name(h.channel()),
                                h.mean(),
                                h.basis().name(),
                                h.trucks(),
                                h.trucks() == 0 ? ruleset.source() : ""))
                        .toList(),
                statuses,
                now);
    }

    /** The directions of travel, each its own queue. */
    static final List<String> DIRECTIONS = List.of("EXIT", "ENTRY");

    private static final Duration FOREVER = Duration.ofDays(366 * 100);

    private static String word(String direction) {
        return direction.equals("EXIT") ? "exit" : "entry";
    }

    private static String key(CheckpointStatusView.QueueCount count) {
        return count.laneKind() + "|" + Objects.toString(count.channel(), "");
    }

    private static int sum(
            List<DirectionQueue> queues,
            java.util.function.ToIntFunction<CheckpointStatusView.DirectionStatus> figure) {
        return queues.stream().map(DirectionQueue::status).mapToInt(figure).sum();
    }

    /**
     * Each estimation channel's handling figure from the visits counted: occupancies of the served trucks, expected
     * handling of the decided ones (a stored REFUSED counts with YELLOW, as it queues).
     */
    static List<HandlingFigure> handling(VisitTally tally, RulesetHandling ruleset) {
        Map<InspectionChannel, double[]> sums = new EnumMap<>(InspectionChannel.class);
        for (InspectionChannel channel : InspectionChannel.values()) {
            sums.put(channel, new double[4]);
        }
        for (VisitTally.Group group : tally.groups()) {
            double[] sum = sums.get(channel(group.channel()));
            sum[0] += group.decided();
            sum[1] += group.decidedSeconds();
            if (SERVED.contains(group.state())) {
                sum[2] += group.occupancies();
                sum[3] += group.occupancyMicros() / 1e6;
            }
        }
        List<HandlingFigure> figures = new ArrayList<>();
        sums.forEach((channel, sum) -> figures.add(
                HandlingFigure.choose(channel, (int) sum[2], sum[3], (int) sum[0], (long) sum[1], ruleset)));
        return figures;
    }

    /** The estimation channel of a stored channel name; REFUSED is processed like a documentary check. */
    static InspectionChannel channel(String stored) {
        if (stored == null) {
            return InspectionChannel.UNKNOWN;
        }
        return switch (stored) {
            case "GREEN" -> InspectionChannel.GREEN;
            case "BLUE" -> InspectionChannel.BLUE;
            case "RED" -> InspectionChannel.RED;
            default -> InspectionChannel.YELLOW;
        };
    }

    static String name(InspectionChannel channel) {
        return channel == InspectionChannel.UNKNOWN ? null : channel.name();
    }
}
