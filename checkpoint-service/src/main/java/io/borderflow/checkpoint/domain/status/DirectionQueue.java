package io.borderflow.checkpoint.domain.status;

import io.borderflow.checkpoint.domain.estimation.ChannelMix;
import io.borderflow.checkpoint.domain.estimation.ChannelRouting;
import io.borderflow.checkpoint.domain.estimation.ChannelWait;
import io.borderflow.checkpoint.domain.estimation.ClearanceObservation;
import io.borderflow.checkpoint.domain.estimation.CrossingCapacity;
import io.borderflow.checkpoint.domain.estimation.HandlingTimes;
import io.borderflow.checkpoint.domain.estimation.InspectionChannel;
import io.borderflow.checkpoint.domain.estimation.LaneKind;
import io.borderflow.checkpoint.domain.estimation.LaneQueueEstimate;
import io.borderflow.checkpoint.domain.estimation.QueueSnapshot;
import io.borderflow.checkpoint.domain.estimation.WaitEstimate;
import io.borderflow.checkpoint.domain.estimation.WaitEstimator;
import io.borderflow.checkpoint.domain.status.StatusCalculator.CheckpointFacts;
import io.borderflow.checkpoint.model.CheckpointStatusView;
import io.borderflow.checkpoint.model.VisitTally;
import io.borderflow.support.calendar.OpeningCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The queue of one direction of travel at a checkpoint, as {@link StatusCalculator} computes it for each: its status,
 * and the wait of a truck without a decision in it (empty: not served within a year). Plain arithmetic, no I/O.
 */
record DirectionQueue(CheckpointStatusView.DirectionStatus status, Optional<Duration> undecidedWait) {
    private static final WaitEstimator ESTIMATOR = WaitEstimator.standard();

    /**
     * One direction's queue: its visits, its share of the lanes ({@link CheckpointFacts#lanesFor}), its calendar
     * (the closures of both directions and of its own), the nominal capacity as it stands.
     */
    static DirectionQueue of(
            String direction,
            CheckpointFacts checkpoint,
            List<VisitTally.Group> groups,
            CheckpointStatusView.ObservedWaits observedWaits,
            HandlingTimes handling,
            Instant now) {
        Instant windowStart = VisitTallies.windows(now).windowStart();
        Map<LaneKind, Integer> openLanes = CheckpointFacts.lanesFor(checkpoint.openLanes(), direction);
        Map<LaneKind, Integer> maximumLanes = CheckpointFacts.lanesFor(checkpoint.maximumLanes(), direction);
        OpeningCalendar calendar = checkpoint.calendar(direction);
        ChannelRouting routing = routing(maximumLanes);

        Map<String, Integer> waitingCounts = new TreeMap<>();
        Map<InspectionChannel, Integer> ahead = new EnumMap<>(InspectionChannel.class);
        Map<InspectionChannel, Double> mix = new EnumMap<>(InspectionChannel.class);
        Map<LaneKind, Integer> endedInWindow = new EnumMap<>(LaneKind.class);
        Map<LaneKind, Boolean> queuedThroughout = new EnumMap<>(LaneKind.class);
        int waiting = 0;
        int inInspection = 0;
        int clearedHour = 0;
        int clearedDay = 0;
        int arrivals = 0;
        for (VisitTally.Group group : groups) {
            InspectionChannel channel = StatusCalculator.channel(group.channel());
            String state = group.state();
            if (state.equals("WAITING") || state.equals("CALLED")) {
                waiting += group.visits();
                waitingCounts.merge(
                        group.laneKind() + "|" + Objects.toString(group.channel(), ""), group.visits(), Integer::sum);
                ahead.merge(channel, group.visits(), Integer::sum);
                if (group.arrivedByWindowStart()) {
                    queuedThroughout.put(routing.laneKind(channel), true);
                }
            }
            inInspection += state.equals("IN_INSPECTION") ? group.visits() : 0;
            if (group.arrivedInDay() > 0) {
                arrivals += group.arrivedInDay();
                mix.merge(channel, (double) group.arrivedInDay(), Double::sum);
            }
            if (StatusCalculator.SERVED.contains(state) && group.endedInWindow() > 0) {
                endedInWindow.merge(routing.laneKind(channel), group.endedInWindow(), Integer::sum);
            }
            if (state.equals("CLEARED")) {
                clearedDay += group.endedInDay();
                clearedHour += group.endedInHour();
            }
        }

        double arrivalsPerHour = arrivals / 24.0;
        ChannelMix arrivalMix = mix.isEmpty()
                ? (ahead.isEmpty() ? ChannelMix.only(InspectionChannel.UNKNOWN) : new ChannelMix(toDoubles(ahead)))
                : new ChannelMix(mix);
        List<ClearanceObservation> observations = new ArrayList<>();
        endedInWindow.forEach((kind, count) -> observations.add(
                new ClearanceObservation(kind, windowStart, now, count, queuedThroughout.getOrDefault(kind, false))));
        CrossingCapacity capacity = new CrossingCapacity(
                calendar,
                openLanes,
                handling,
                routing,
                checkpoint.nominalVehiclesPerDay() > 0
                        ? OptionalDouble.of(checkpoint.nominalVehiclesPerDay())
                        : OptionalDouble.empty());
        WaitEstimate estimate =
                ESTIMATOR.estimate(capacity, new QueueSnapshot(now, ahead, arrivalsPerHour, arrivalMix, observations));

        List<CheckpointStatusView.WaitEstimate> waits = new ArrayList<>();
        for (ChannelWait wait : estimate.channels()) {
            waits.add(new CheckpointStatusView.WaitEstimate(
                    StatusCalculator.name(wait.channel()),
                    wait.waitTime().orElse(null),
                    wait.timeUntilCleared().orElse(null),
                    wait.basis().name(),
                    wait.method().name()));
        }
        double perOpenHour = estimate.laneQueues().stream()
                .mapToDouble(LaneQueueEstimate::clearancesPerOpenHour)
                .sum();
        String capacityBasis =
                estimate.laneQueues().stream().anyMatch(q -> q.basis().name().equals("OBSERVED"))
                        ? "OBSERVED"
                        : "MODELLED";

        List<CheckpointStatusView.QueueCount> queueCounts = new ArrayList<>();
        waitingCounts.forEach((key, count) -> {
            String[] parts = key.split("\\|", -1);
            queueCounts.add(new CheckpointStatusView.QueueCount(parts[0], parts[1].isEmpty() ? null : parts[1], count));
        });
        List<CheckpointStatusView.Lanes> lanes = new ArrayList<>();
        maximumLanes.forEach((kind, max) ->
                lanes.add(new CheckpointStatusView.Lanes(kind.name(), openLanes.getOrDefault(kind, 0), max)));
        int open = openLanes.values().stream().mapToInt(Integer::intValue).sum();
        int maximum = maximumLanes.values().stream().mapToInt(Integer::intValue).sum();

        String status;
        String reason;
        var closed = calendar.closedReason(now);
        Optional<Duration> unknownWait =
                estimate.channel(InspectionChannel.UNKNOWN).waitTime();
        if (closed.isPresent() || open == 0) {
            status = "CLOSED";
            reason = "closed: " + closed.orElse("no lane open")
                    + calendar.nextOpening(now).map(t -> "; opens " + t).orElse("");
        } else if (unknownWait.isEmpty() || unknownWait.get().compareTo(Duration.ofDays(1)) >= 0) {
            status = "CONGESTED";
            reason = String.format(
                    Locale.ROOT,
                    "%d trucks wait to %s; a truck arriving now waits %s at the current clearance rate",
                    waiting,
                    verb(direction),
                    unknownWait.map(w -> "about " + days(w)).orElse("more than a year"));
        } else if (open < maximum) {
            status = "RESTRICTED";
            reason = open + " of " + maximum + " lanes open";
        } else {
            status = "OPEN";
            reason = waiting + " trucks wait to " + verb(direction);
        }
        return new DirectionQueue(
                new CheckpointStatusView.DirectionStatus(
                        direction,
                        status,
                        reason,
                        queueCounts,
                        waiting,
                        inInspection,
                        lanes,
                        clearedHour,
                        clearedDay,
                        observedWaits,
                        waits,
                        estimate.backlogClearsAt().orElse(null),
                        estimate.backlogBasis().name(),
                        arrivalsPerHour,
                        perOpenHour,
                        capacityBasis),
                unknownWait);
    }

    private static String verb(String direction) {
        return direction.equals("EXIT") ? "leave" : "enter";
    }

    private static ChannelRouting routing(Map<LaneKind, Integer> lanes) {
        LaneKind main = lanes.getOrDefault(LaneKind.REGULAR, 0) > 0
                ? LaneKind.REGULAR
                : lanes.keySet().stream().findFirst().orElse(LaneKind.REGULAR);
        ChannelRouting routing = ChannelRouting.allTo(main);
        if (lanes.getOrDefault(LaneKind.INSPECTION_BAY, 0) > 0) {
            routing = routing.with(InspectionChannel.RED, LaneKind.INSPECTION_BAY);
        } else if (lanes.getOrDefault(LaneKind.XRAY, 0) > 0) {
            routing = routing.with(InspectionChannel.RED, LaneKind.XRAY);
        }
        return routing;
    }

    private static Map<InspectionChannel, Double> toDoubles(Map<InspectionChannel, Integer> counts) {
        Map<InspectionChannel, Double> shares = new EnumMap<>(InspectionChannel.class);
        counts.forEach((k, v) -> shares.put(k, v.doubleValue()));
        return shares;
    }

    private static String days(Duration duration) {
        return duration.toHours() >= 48
                ? String.format(Locale.ROOT, "%.1f days", duration.toMinutes() / 1440.0)
                : duration.toHours() + " h";
    }
}
