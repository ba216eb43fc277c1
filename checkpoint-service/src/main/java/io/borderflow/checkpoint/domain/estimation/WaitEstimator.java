package io.borderflow.checkpoint.domain.estimation;

import io.borderflow.support.calendar.Hours;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.queueing.FluidQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Estimates waits and the backlog's clearance at a crossing, one first-come-first-served queue per lane kind in use
 * (see {@link ChannelRouting}). For each queue:
 * <ol>
 * <li><b>Clearance rate</b> (trucks per open hour). OBSERVED when the recent clearances in these lanes, counted only
 * over windows the queue never ran empty, add up to at least {@code minObservedClearances} trucks over at least
 * {@code minObservedOpenTime} of open time: then rate = trucks cleared / open hours, taken as it is. MODELLED
 * otherwise: open lanes / mean handling time of the arrival mix (the mix weighting: a RED truck occupies a lane far
 * longer than a GREEN one), all modelled queues scaled down together when they add up to more than the nominal
 * capacity.</li>
 * <li><b>Work ahead</b>, in lane-hours: each waiting truck's own channel's handling time, so a queue of RED trucks
 * weighs more than one of GREEN trucks. The queue works it off at rate * mean handling time lane-hours per open
 * hour.</li>
 * <li><b>Wait</b> of a truck joining now: the open time needed, mapped onto the calendar (closed periods skipped, so a
 * truck arriving during a holiday closure waits for the reopening plus the work ahead). The open time is the
 * larger of the fluid one (work ahead / lane-hours per open hour) and, when the queue is under capacity (utilisation
 * over a week below {@code fluidUtilisation}), the Erlang C mean wait corrected for the spread of handling times of
 * the mix (Allen-Cunneen: times (1 + cs^2) / 2, each channel's time taken as exponential). Erlang C describes the long
 * run; when the trucks ahead need longer than it says, the queue is in a surge or a reopening that the steady state
 * does not describe, and the fluid figure is the one used. Near saturation the steady state is neither reached nor
 * stable, hence fluid only.</li>
 * <li><b>Backlog clearance</b>: the fluid model with arrivals continuing at the snapshot's rate, see
 * {@link FluidQueue#whenCleared}.</li>
 * </ol>
 * Started handling runs to its end even past closing; a new control only starts while open.
 *
 * @param fluidUtilisation utilisation from which only the fluid model is used (e.g. 0.9)
 * @param minObservedClearances trucks cleared needed to trust an observed rate (e.g. 20)
 * @param minObservedOpenTime open time observed needed to trust an observed rate (e.g. 2 hours)
 */
public record WaitEstimator(double fluidUtilisation, int minObservedClearances, Duration minObservedOpenTime) {

    public WaitEstimator {
        Objects.requireNonNull(minObservedOpenTime, "minObservedOpenTime");
        if (!(fluidUtilisation > 0 && fluidUtilisation < 1)) {
            throw new IllegalArgumentException("fluid utilisation must be in (0, 1): " + fluidUtilisation);
        }
        if (minObservedClearances < 1 || minObservedOpenTime.isNegative() || minObservedOpenTime.isZero()) {
            throw new IllegalArgumentException("observation thresholds must be positive");
        }
    }

    /** Fluid from a utilisation of 0.9; an observed rate needs 20 trucks over 2 open hours. */
    public static WaitEstimator standard() {
        return new WaitEstimator(0.9, 20, Duration.ofHours(2));
    }

    public WaitEstimate estimate(CrossingCapacity crossing, QueueSnapshot queue) {
        Set<LaneKind> kinds = crossing.routing().laneKindsInUse();
        Map<LaneKind, OptionalDouble> observed = new EnumMap<>(LaneKind.class);
        double modelledTotal = 0;
        for (LaneKind kind : kinds) {
            observed.put(kind, observedRate(kind, crossing.calendar(), queue));
            if (observed.get(kind).isEmpty()) {
                modelledTotal += modelledRate(kind, crossing, queue);
            }
        }
        OptionalDouble cap = crossing.nominalTrucksPerOpenHour();
        double capFactor = cap.isPresent() && modelledTotal > cap.getAsDouble() ? cap.getAsDouble() / modelledTotal : 1;

        List<LaneQueueEstimate> laneQueues = new ArrayList<>();
        for (LaneKind kind : kinds) {
            OptionalDouble observedRate = crossing.openLanes(kind) > 0 ? observed.get(kind) : OptionalDouble.empty();
            double rate = observedRate.orElse(modelledRate(kind, crossing, queue) * capFactor);
            EstimateBasis basis = observedRate.isPresent() ? EstimateBasis.OBSERVED : EstimateBasis.MODELLED;
            laneQueues.add(laneQueue(kind, rate, basis, crossing, queue));
        }

        List<ChannelWait> channels = new ArrayList<>();
        for (InspectionChannel channel : InspectionChannel.values()) {
            LaneQueueEstimate lanes = laneQueues.stream()
                    .filter(q -> q.laneKind() == crossing.routing().laneKind(channel))
                    .findFirst()
                    .orElseThrow();
            Optional<Duration> wait = lanes.nextControlStart().map(start -> Duration.between(queue.at(), start));
            channels.add(new ChannelWait(
                    channel,
                    lanes.laneKind(),
                    wait,
                    wait.map(w -> w.plus(crossing.handling().of(channel))),
                    lanes.basis(),
                    lanes.method()));
        }

        List<LaneQueueEstimate> withBacklog =
                laneQueues.stream().filter(q -> q.trucksAhead() > 0).toList();
        Optional<LaneQueueEstimate> deciding = withBacklog.stream()
                .filter(q -> q.queueClearsAt().isEmpty())
                .findFirst()
                .or(() -> withBacklog.stream()
                        .max(Comparator.comparing(q -> q.queueClearsAt().orElseThrow())));
        Optional<Instant> backlogClearsAt =
                deciding.map(LaneQueueEstimate::queueClearsAt).orElse(Optional.of(queue.at()));
        EstimateBasis backlogBasis = deciding.map(LaneQueueEstimate::basis)
                .orElse(
                        laneQueues.stream().allMatch(q -> q.basis() == EstimateBasis.OBSERVED)
                                ? EstimateBasis.OBSERVED
                                : EstimateBasis.MODELLED);
        return new WaitEstimate(queue.at(), channels, laneQueues, backlogClearsAt, backlogBasis);
    }

    private LaneQueueEstimate laneQueue(
            LaneKind kind, double rate, EstimateBasis basis, CrossingCapacity crossing, QueueSnapshot queue) {
        OpeningCalendar calendar = crossing.calendar();
        Set<InspectionChannel> channels = crossing.routing().channelsClearedIn(kind);
        double meanHandling = queue.arrivalMix().meanHandlingHours(crossing.handling(), channels);
        double laneHoursPerOpenHour = rate * meanHandling;
        double arrivals = queue.arrivalsPerHour() * queue.arrivalMix().shareOf(channels);
        int trucksAhead = 0;
        double workAhead = 0;
        for (InspectionChannel channel : channels) {
            trucksAhead += queue.trucksAhead(channel);
            workAhead += queue.trucksAhead(channel) * crossing.handling().hours(channel);
        }
        double weeklyCapacity = rate * calendar.weeklyOpenHours() / (7 * 24);
        double utilisation =
                weeklyCapacity > 0 ? arrivals / weeklyCapacity : arrivals > 0 ? Double.POSITIVE_INFINITY : 0;

        double fluidHours = laneHoursPerOpenHour > 0 ? workAhead / laneHoursPerOpenHour : Double.POSITIVE_INFINITY;
        double erlangHours = -1;
        if (rate > 0 && utilisation < fluidUtilisation) {
            int lanes = crossing.openLanes(kind);
            double spread = queue.arrivalMix().handlingSecondMoment(crossing.handling(), channels)
                    / (2 * meanHandling * meanHandling);
            erlangHours = new ErlangC(lanes, arrivals, rate / lanes).meanWaitHours() * spread;
        }
        EstimationMethod method = erlangHours >= fluidHours ? EstimationMethod.ERLANG_C : EstimationMethod.FLUID;
        Optional<Instant> nextControlStart = rate > 0
                ? calendar.whenOpenTimeReaches(queue.at(), Hours.toDuration(Math.max(fluidHours, erlangHours)))
                : Optional.empty();
        Optional<Instant> clearsAt = new FluidQueue(calendar, laneHoursPerOpenHour)
                .whenCleared(queue.at(), workAhead, arrivals * meanHandling);
        return new LaneQueueEstimate(
                kind,
                crossing.openLanes(kind),
                trucksAhead,
                rate,
                arrivals,
                utilisation,
                basis,
                method,
                nextControlStart,
                clearsAt);
    }

    private static double modelledRate(LaneKind kind, CrossingCapacity crossing, QueueSnapshot queue) {
        Set<InspectionChannel> channels = crossing.routing().channelsClearedIn(kind);
        return crossing.openLanes(kind) / queue.arrivalMix().meanHandlingHours(crossing.handling(), channels);
    }

    private OptionalDouble observedRate(LaneKind kind, OpeningCalendar calendar, QueueSnapshot queue) {
        int cleared = 0;
        double openHours = 0;
        for (ClearanceObservation observation : queue.recentClearances()) {
            if (observation.laneKind() == kind && observation.queuedThroughout()) {
                cleared += observation.trucksCleared();
                openHours += Hours.of(calendar.openTime(observation.from(), observation.to()));
            }
        }
        return cleared >= minObservedClearances && openHours >= Hours.of(minObservedOpenTime)
                ? OptionalDouble.of(cleared / openHours)
                : OptionalDouble.empty();
    }
}
