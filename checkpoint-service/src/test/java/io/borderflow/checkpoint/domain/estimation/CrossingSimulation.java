package io.borderflow.checkpoint.domain.estimation;

import io.borderflow.support.calendar.OpenPeriod;
import io.borderflow.support.calendar.OpeningCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A seeded, deterministic discrete-event simulation of a crossing, the yardstick for {@link WaitEstimator}. Trucks
 * arrive as a Poisson process around the clock, each with a channel drawn from the mix; each channel's trucks queue
 * first come, first served for the lanes of the kind the routing gives them; a free lane takes the next truck only
 * while the calendar is open, and a started control runs to its end. Handling times are drawn per truck: exponential
 * about the channel's mean ({@code handlingCv} 1) or lognormal with that coefficient of variation. It shares no
 * queueing arithmetic with the estimator: only the calendar's open periods, which have tests of their own.
 */
final class CrossingSimulation {
    private static final int ARRIVAL = 0;
    private static final int COMPLETION = 1;
    private static final int OPENING = 2;
    private static final int TAG = 3;

    /** The crossing simulated: lanes by kind, handling spread, arrivals per hour around the clock and their mix. */
    record Crossing(
            OpeningCalendar calendar,
            Map<LaneKind, Integer> lanes,
            ChannelRouting routing,
            HandlingTimes handling,
            double handlingCv,
            double arrivalsPerHour,
            ChannelMix mix) {}

    /**
     * One run over [start, end): {@code initialQueue} waiting at the start in that order; at {@code tagAt}, if set, one
     * tagged truck joins each lane kind's queue (after the trucks then waiting) and the run records when its control
     * starts and when that queue is next empty; waits of trucks arriving from {@code waitsMeasuredFrom} on are
     * averaged. With {@code stopWhenCleared} the run ends once every tagged queue has emptied.
     */
    record Run(
            Instant start,
            Instant end,
            List<InspectionChannel> initialQueue,
            Optional<Instant> tagAt,
            Instant waitsMeasuredFrom,
            boolean stopWhenCleared,
            long seed) {}

    /**
     * What a run saw: trucks waiting by channel just before the tag; per lane kind, the tagged truck's control start
     * and the first instant afterwards its queue was empty (absent if not within the run), the mean wait of the
     * measured trucks in hours, and trucks waiting at the end.
     */
    record Outcome(
            Map<InspectionChannel, Integer> waitingAtTag,
            Map<LaneKind, Instant> tagControlStart,
            Map<LaneKind, Instant> queueEmptyAfterTag,
            Map<LaneKind, Double> meanWaitHours,
            Map<LaneKind, Integer> waitingAtEnd) {}

    private record Truck(InspectionChannel channel, double arrival, boolean tagged) {}

    private record Event(double time, long sequence, int type, LaneKind laneKind) {}

    private static final class LaneQueue {
        final ArrayDeque<Truck> waiting = new ArrayDeque<>();
        int freeLanes;
        boolean tagged;
        double tagStart = Double.NaN;
        double emptyAfterTag = Double.NaN;
        double waitSum;
        long measured;
    }

    private final Crossing crossing;
    private final Run run;
    private final Random random;
    private final PriorityQueue<Event> events =
            new PriorityQueue<>(Comparator.comparingDouble(Event::time).thenComparingLong(Event::sequence));
    private final Map<LaneKind, LaneQueue> queues = new EnumMap<>(LaneKind.class);
    private final double measuredFrom;
    private double[] openStarts;
    private double[] openEnds;
    private long sequence;

    private CrossingSimulation(Crossing crossing, Run run) {
        this.crossing = crossing;
        this.run = run;
        this.random = new Random(run.seed());
        this.measuredFrom = hoursSinceStart(run.waitsMeasuredFrom());
    }

    static Outcome simulate(Crossing crossing, Run run) {
        return new CrossingSimulation(crossing, run).execute();
    }

    /** {@code count} channels drawn from {@code mix} with {@code seed}: a backlog to start a run with. */
    static List<InspectionChannel> drawQueue(ChannelMix mix, int count, long seed) {
        Random random = new Random(seed);
        return IntStream.range(0, count).mapToObj(i -> drawChannel(mix, random)).toList();
    }

    private Outcome execute() {
        List<OpenPeriod> periods = crossing.calendar().openPeriods(run.start(), run.end());
        openStarts =
                periods.stream().mapToDouble(p -> hoursSinceStart(p.start())).toArray();
        openEnds = periods.stream().mapToDouble(p -> hoursSinceStart(p.end())).toArray();
        for (LaneKind kind : crossing.routing().laneKindsInUse()) {
            LaneQueue queue = new LaneQueue();
            queue.freeLanes = crossing.lanes().getOrDefault(kind, 0);
            queues.put(kind, queue);
        }
        for (InspectionChannel channel : run.initialQueue()) {
            queues.get(crossing.routing().laneKind(channel)).waiting.add(new Truck(channel, 0, false));
        }
        run.tagAt().ifPresent(tag -> schedule(hoursSinceStart(tag), TAG, null));
        for (double opening : openStarts) {
            schedule(opening, OPENING, null);
        }
        if (crossing.arrivalsPerHour() > 0) {
            schedule(exponential(1 / crossing.arrivalsPerHour()), ARRIVAL, null);
        }
        double end = hoursSinceStart(run.end());
        Map<InspectionChannel, Integer> waitingAtTag = new EnumMap<>(InspectionChannel.class);
        while (!events.isEmpty() && events.peek().time() < end) {
            Event event = events.poll();
            double now = event.time();
            switch (event.type()) {
                case ARRIVAL -> {
                    InspectionChannel channel = drawChannel(crossing.mix(), random);
                    queues.get(crossing.routing().laneKind(channel)).waiting.add(new Truck(channel, now, false));
                    startControls(crossing.routing().laneKind(channel), now);
                    schedule(now + exponential(1 / crossing.arrivalsPerHour()), ARRIVAL, null);
                }
                case COMPLETION -> {
                    queues.get(event.laneKind()).freeLanes++;
                    startControls(event.laneKind(), now);
                }
                case OPENING -> queues.keySet().forEach(kind -> startControls(kind, now));
                case TAG -> {
                    queues.values()
                            .forEach(queue -> queue.waiting.forEach(
                                    truck -> waitingAtTag.merge(truck.channel(), 1, Integer::sum)));
                    queues.forEach((kind, queue) -> {
                        queue.waiting.add(new Truck(
                                crossing.routing()
                                        .channelsClearedIn(kind)
                                        .iterator()
                                        .next(),
                                now,
                                true));
                        queue.tagged = true;
                    });
                    queues.keySet().forEach(kind -> startControls(kind, now));
                }
                default -> throw new IllegalStateException("unknown event " + event.type());
            }
            if (run.stopWhenCleared()
                    && run.tagAt().isPresent()
                    && queues.values().stream().allMatch(queue -> !Double.isNaN(queue.emptyAfterTag))) {
                break;
            }
        }
        return outcome(waitingAtTag);
    }

    private void startControls(LaneKind kind, double now) {
        LaneQueue queue = queues.get(kind);
        if (!isOpen(now)) {
            return;
        }
        while (queue.freeLanes > 0 && !queue.waiting.isEmpty()) {
            Truck truck = queue.waiting.poll();
            queue.freeLanes--;
            if (truck.tagged()) {
                queue.tagStart = now;
            } else if (truck.arrival() >= measuredFrom) {
                queue.waitSum += now - truck.arrival();
                queue.measured++;
            }
            schedule(now + handlingHours(truck.channel()), COMPLETION, kind);
        }
        if (queue.waiting.isEmpty() && queue.tagged && Double.isNaN(queue.emptyAfterTag)) {
            queue.emptyAfterTag = now;
        }
    }

    private Outcome outcome(Map<InspectionChannel, Integer> waitingAtTag) {
        Map<LaneKind, Instant> tagStarts = new EnumMap<>(LaneKind.class);
        Map<LaneKind, Instant> emptied = new EnumMap<>(LaneKind.class);
        Map<LaneKind, Double> meanWaits = new EnumMap<>(LaneKind.class);
        Map<LaneKind, Integer> waitingAtEnd = new EnumMap<>(LaneKind.class);
        queues.forEach((kind, queue) -> {
            if (!Double.isNaN(queue.tagStart)) {
                tagStarts.put(kind, instant(queue.tagStart));
            }
            if (!Double.isNaN(queue.emptyAfterTag)) {
                emptied.put(kind, instant(queue.emptyAfterTag));
            }
            meanWaits.put(kind, queue.measured == 0 ? Double.NaN : queue.waitSum / queue.measured);
            waitingAtEnd.put(kind, queue.waiting.size());
        });
        return new Outcome(waitingAtTag, tagStarts, emptied, meanWaits, waitingAtEnd);
    }

    private boolean isOpen(double time) {
        int index = Arrays.binarySearch(openStarts, time);
        int period = index >= 0 ? index : -index - 2;
        return period >= 0 && time < openEnds[period];
    }

    private double handlingHours(InspectionChannel channel) {
        double mean = crossing.handling().hours(channel);
        double cv = crossing.handlingCv();
        if (cv == 1) {
            return exponential(mean);
        }
        double sigmaSquared = Math.log(1 + cv * cv);
        return Math.exp(Math.log(mean) - sigmaSquared / 2 + Math.sqrt(sigmaSquared) * random.nextGaussian());
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static InspectionChannel drawChannel(ChannelMix mix, Random random) {
        double u = random.nextDouble();
        InspectionChannel last = null;
        for (InspectionChannel channel : InspectionChannel.values()) {
            if (mix.share(channel) > 0) {
                last = channel;
                u -= mix.share(channel);
                if (u < 0) {
                    return channel;
                }
            }
        }
        return last;
    }

    private void schedule(double time, int type, LaneKind laneKind) {
        events.add(new Event(time, sequence++, type, laneKind));
    }

    private double hoursSinceStart(Instant instant) {
        Duration since = Duration.between(run.start(), instant);
        return since.getSeconds() / 3600d + since.getNano() / 3.6e12;
    }

    private Instant instant(double hours) {
        return run.start().plusNanos(Math.round(hours * 3.6e12));
    }
}
