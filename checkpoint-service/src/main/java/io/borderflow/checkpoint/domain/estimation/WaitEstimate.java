package io.borderflow.checkpoint.domain.estimation;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The estimates for a crossing at instant {@code at}: the wait per channel for a truck joining now, the queue of each
 * lane kind in use, and when today's backlog is forecast to clear with arrivals continuing at the current rate (the
 * latest of the lane queues). {@code backlogClearsAt} is empty when some queue does not clear within
 * {@link OpeningCalendar#HORIZON}: arrivals at or above its capacity, no lane of its kind open, or a crossing that
 * does not open; {@code backlogBasis} is the basis of the queue that decides it. The backlog forecast is always a
 * {@link EstimationMethod#FLUID} one.
 */
public record WaitEstimate(
        Instant at,
        List<ChannelWait> channels,
        List<LaneQueueEstimate> laneQueues,
        Optional<Instant> backlogClearsAt,
        EstimateBasis backlogBasis) {

    public WaitEstimate {
        channels = List.copyOf(channels);
        laneQueues = List.copyOf(laneQueues);
    }

    public ChannelWait channel(InspectionChannel channel) {
        return channels.stream()
                .filter(wait -> wait.channel() == channel)
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no estimate for channel " + channel));
    }

    public LaneQueueEstimate laneQueue(LaneKind kind) {
        return laneQueues.stream()
                .filter(queue -> queue.laneKind() == kind)
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no queue for lane kind " + kind));
    }
}
