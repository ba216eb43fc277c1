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
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.checkpoint.domain.estimation.QueueSnapshot;
import io.borderflow.checkpoint.domain.estimation.WaitEstimate;
import io.borderflow.checkpoint.domain.estimation.WaitEstimator;
import io.borderflow.checkpoint.domain.visit.DefaultHandling;
import io.borderflow.checkpoint.model.CheckpointStatusView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * A checkpoint's live status from its visits, lanes and calendar: counts and observed waits straight from the visits,
 * estimated waits and the backlog forecast from {@link WaitEstimator}. Plain arithmetic, no I/O.
 *
 * <p>How visits map to the queue model: WAITING and CALLED trucks are the queue; the clearance observation window is
 * the last {@value #OBSERVATION_HOURS} hours, counting every visit that ended after arriving (cleared, refused,
 * redirected), and it counts as "queued throughout" when a truck still queued now arrived before the window began. A
 * REFUSED decision is handled like a documentary check (its processing time is of that order); a truck without a
 * decision is UNKNOWN, assumed documentary. All channels queue in the regular lanes, except RED, which goes to the
 * inspection bays or X-ray lanes when the checkpoint has them.
 */
public final class StatusCalculator {
    public static final int OBSERVATION_HOURS = 6;
    private static final WaitEstimator ESTIMATOR = WaitEstimator.standard();
    private static final HandlingTimes HANDLING = HandlingTimes.of(DefaultHandling.GREEN, DefaultHandling.BLUE,
            DefaultHandling.YELLOW, DefaultHandling.RED);

    private StatusCalculator() {
    }

    /** The checkpoint as the calculator needs it: its calendar, its lanes open and in all, its nominal capacity. */
    public record CheckpointFacts(String checkpointId, OpeningCalendar calendar, Map<LaneKind, Integer> openLanes,
            Map<LaneKind, Integer> maximumLanes, int nominalVehiclesPerDay) {
    }

    /** A visit as the calculator needs it (state and channel names as stored; channel null: not known). */
    public record VisitFacts(String state, String laneKind, String channel, Instant arriveTime, Instant endTime) {
    }

    public static CheckpointStatusView compute(CheckpointFacts checkpoint, List<VisitFacts> visits, Instant now) {
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Instant dayAgo = now.minus(Duration.ofDays(1));
        Instant windowStart = now.minus(Duration.ofHours(OBSERVATION_HOURS));
        ChannelRouting routing = routing(checkpoint.maximumLanes());

        Map<String, Integer> waitingCounts = new TreeMap<>();
        Map<InspectionChannel, Integer> ahead = new EnumMap<>(InspectionChannel.class);
        Map<InspectionChannel, Double> mix = new EnumMap<>(InspectionChannel.class);
        Map<LaneKind, Integer> endedInWindow = new EnumMap<>(LaneKind.class);
        Map<LaneKind, Boolean> queuedThroughout = new EnumMap<>(LaneKind.class);
        List<Duration> observedWaits = new ArrayList<>();
        int waiting = 0;
        int inInspection = 0;
        int clearedHour = 0;
        int clearedDay = 0;
        int arrivals = 0;
        for (VisitFacts visit : visits) {
            InspectionChannel channel = channel(visit.channel());
            boolean queued = visit.state().equals("WAITING") || visit.state().equals("CALLED");
            if (queued) {
                waiting++;
                waitingCounts.merge(visit.laneKind() + "|" + Objects.toString(visit.channel(), ""), 1, Integer::sum);
                ahead.merge(channel, 1, Integer::sum);
                if (visit.arriveTime() != null && !visit.arriveTime().isAfter(windowStart)) {
                    queuedThroughout.put(routing.laneKind(channel), true);
                }
            }
            inInspection += visit.state().equals("IN_INSPECTION") ? 1 : 0;
            if (visit.arriveTime() != null && !visit.arriveTime().isBefore(dayAgo)) {
                arrivals++;
                mix.merge(channel, 1.0, Double::sum);
            }
            boolean served = visit.endTime() != null && visit.arriveTime() != null
                    && List.of("CLEARED", "REFUSED", "REDIRECTED").contains(visit.state());
            if (served && !visit.endTime().isBefore(windowStart)) {
                endedInWindow.merge(routing.laneKind(channel), 1, Integer::sum);
            }
            if (visit.state().equals("CLEARED") && visit.endTime() != null && !visit.endTime().isBefore(dayAgo)) {
                clearedDay++;
                clearedHour += visit.endTime().isBefore(hourAgo) ? 0 : 1;
                if (visit.arriveTime() != null) {
                    observedWaits.add(Duration.between(visit.arriveTime(), visit.endTime()));
                }
            }
        }

        double arrivalsPerHour = arrivals / 24.0;
        ChannelMix arrivalMix = mix.isEmpty() ? (ahead.isEmpty() ? ChannelMix.only(InspectionChannel.UNKNOWN)
                : new ChannelMix(toDoubles(ahead))) : new ChannelMix(mix);
        List<ClearanceObservation> observations = new ArrayList<>();
        endedInWindow.forEach((kind, count) -> observations.add(new ClearanceObservation(kind, windowStart, now, count,
                queuedThroughout.getOrDefault(kind, false))));
        CrossingCapacity capacity = new CrossingCapacity(checkpoint.calendar(), checkpoint.openLanes(), HANDLING, routing,
                checkpoint.nominalVehiclesPerDay() > 0 ? OptionalDouble.of(checkpoint.nominalVehiclesPerDay())
                        : OptionalDouble.empty());
        WaitEstimate estimate = ESTIMATOR.estimate(capacity,
                new QueueSnapshot(now, ahead, arrivalsPerHour, arrivalMix, observations));

        List<CheckpointStatusView.WaitEstimate> waits = new ArrayList<>();
        for (ChannelWait wait : estimate.channels()) {
            waits.add(new CheckpointStatusView.WaitEstimate(name(wait.channel()), wait.waitTime().orElse(null),
                    wait.timeUntilCleared().orElse(null), wait.basis().name(), wait.method().name()));
        }
        double perOpenHour = estimate.laneQueues().stream().mapToDouble(LaneQueueEstimate::clearancesPerOpenHour).sum();
        String capacityBasis = estimate.laneQueues().stream().anyMatch(q -> q.basis().name().equals("OBSERVED"))
                ? "OBSERVED" : "MODELLED";

        List<CheckpointStatusView.QueueCount> queueCounts = new ArrayList<>();
        waitingCounts.forEach((key, count) -> {
            String[] parts = key.split("\\|", -1);
            queueCounts.add(new CheckpointStatusView.QueueCount(parts[0], parts[1].isEmpty() ? null : parts[1], count));
        });
        List<CheckpointStatusView.Lanes> lanes = new ArrayList<>();
        checkpoint.maximumLanes().forEach((kind, max) -> lanes.add(
                new CheckpointStatusView.Lanes(kind.name(), checkpoint.openLanes().getOrDefault(kind, 0), max)));
        int open = checkpoint.openLanes().values().stream().mapToInt(Integer::intValue).sum();
        int maximum = checkpoint.maximumLanes().values().stream().mapToInt(Integer::intValue).sum();

        String status;
        String reason;
        var closed = checkpoint.calendar().closedReason(now);
        Duration unknownWait = estimate.channel(InspectionChannel.UNKNOWN).waitTime().orElse(null);
        if (closed.isPresent() || open == 0) {
            status = "CLOSED";
            reason = "closed: " + closed.orElse("no lane open")
                    + checkpoint.calendar().nextOpening(now).map(t -> "; opens " + t).orElse("");
        } else if (unknownWait == null || unknownWait.compareTo(Duration.ofDays(1)) >= 0) {
            status = "CONGESTED";
            reason = String.format(Locale.ROOT, "%d trucks wait; a truck arriving now waits %s at the current clearance rate",
                    waiting, unknownWait == null ? "more than a year" : "about " + days(unknownWait));
        } else if (open < maximum) {
            status = "RESTRICTED";
            reason = open + " of " + maximum + " lanes open";
        } else {
            status = "OPEN";
            reason = waiting + " trucks wait";
        }

        return new CheckpointStatusView(checkpoint.checkpointId(), status, reason, queueCounts, waiting, inInspection,
                lanes, clearedHour, clearedDay, observed(observedWaits), waits, estimate.backlogClearsAt().orElse(null),
                estimate.backlogBasis().name(), arrivalsPerHour, perOpenHour, capacityBasis, now);
    }

    private static ChannelRouting routing(Map<LaneKind, Integer> lanes) {
        LaneKind main = lanes.getOrDefault(LaneKind.REGULAR, 0) > 0 ? LaneKind.REGULAR
                : lanes.keySet().stream().findFirst().orElse(LaneKind.REGULAR);
        ChannelRouting routing = ChannelRouting.allTo(main);
        if (lanes.getOrDefault(LaneKind.INSPECTION_BAY, 0) > 0) {
            routing = routing.with(InspectionChannel.RED, LaneKind.INSPECTION_BAY);
        } else if (lanes.getOrDefault(LaneKind.XRAY, 0) > 0) {
            routing = routing.with(InspectionChannel.RED, LaneKind.XRAY);
        }
        return routing;
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

    private static String name(InspectionChannel channel) {
        return channel == InspectionChannel.UNKNOWN ? null : channel.name();
    }

    private static Map<InspectionChannel, Double> toDoubles(Map<InspectionChannel, Integer> counts) {
        Map<InspectionChannel, Double> shares = new EnumMap<>(InspectionChannel.class);
        counts.forEach((k, v) -> shares.put(k, v.doubleValue()));
        return shares;
    }

    /** Median and 90th percentile by nearest rank; null when there is nothing to measure. */
    static CheckpointStatusView.ObservedWaits observed(List<Duration> waits) {
        if (waits.isEmpty()) {
            return null;
        }
        List<Duration> sorted = waits.stream().sorted().toList();
        return new CheckpointStatusView.ObservedWaits(sorted.size(), rank(sorted, 0.5), rank(sorted, 0.9));
    }

    private static Duration rank(List<Duration> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String days(Duration duration) {
        return duration.toHours() >= 48 ? String.format(Locale.ROOT, "%.1f days", duration.toMinutes() / 1440.0)
                : duration.toHours() + " h";
    }
}
