package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.InspectionChannel;
import java.time.Instant;

/**
 * Border conditions the search reads as it goes: for a checkpoint, an arrival instant and the queue channel the truck
 * will wait in ({@link InspectionChannel#queue()}: GREEN, YELLOW or RED), the expected wait, any closure and how fresh the
 * figures are. The adapter answers from cached live estimates, falling back to nominal values (see
 * {@link FixedCrossingConditions}); it must not do I/O here, since a search asks many times.
 * <p>
 * Contract: a pure function for the duration of one search, and FIFO: for arrivals {@code a <= b}, the instant a truck
 * can start its control, {@code max(arrival, opensAt) + waitMedian}, is not later for {@code a} than for {@code b}
 * (arriving later never means leaving earlier). A fixed wait with closures meets it; so does a backlog that drains
 * no faster than time passes. The search's dominance rules rely on it.
 */
@FunctionalInterface
public interface CrossingConditions {

    CrossingOutlook outlook(String checkpointId, Instant arrival, InspectionChannel queueChannel);

    /**
     * The same for a truck travelling in {@code direction} through the checkpoint, EXIT (leaving the checkpoint's
     * country) or ENTRY: each direction is its own queue, and a closure may close one direction only. Conditions
     * that do not tell the directions apart answer as {@link #outlook(String, Instant, InspectionChannel)}.
     */
    default CrossingOutlook outlook(
            String checkpointId, String direction, Instant arrival, InspectionChannel queueChannel) {
        return outlook(checkpointId, arrival, queueChannel);
    }
}
