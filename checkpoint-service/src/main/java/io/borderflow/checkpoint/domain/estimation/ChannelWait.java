package io.borderflow.checkpoint.domain.estimation;

import java.time.Duration;
import java.util.Optional;

/**
 * The outlook for a truck of one channel joining the queue now. {@code waitTime}: from joining the end of the queue to
 * the start of its control in a lane (CBP's definition of wait time). {@code timeUntilCleared}: the wait plus its own
 * mean handling time, which is where a RED truck's long inspection shows. Both empty when its lanes will not take it
 * within {@link OpeningCalendar#HORIZON} (no lane of its kind open, or the crossing does not open).
 * {@code basis} and {@code method} say how the wait was obtained.
 */
public record ChannelWait(
        InspectionChannel channel,
        LaneKind laneKind,
        Optional<Duration> waitTime,
        Optional<Duration> timeUntilCleared,
        EstimateBasis basis,
        EstimationMethod method) {}
