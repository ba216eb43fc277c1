package io.borderflow.checkpoint.domain.estimation;

import java.time.Instant;
import java.util.Objects;

/**
 * Trucks cleared in lanes of one kind over the recent window [from, to). It measures the clearance rate only if
 * trucks were waiting for those lanes all along ({@code queuedThroughout}): lanes that ran out of trucks cleared what
 * arrived, which says how busy the crossing was, not how fast it can go.
 */
public record ClearanceObservation(
        LaneKind laneKind, Instant from, Instant to, int trucksCleared, boolean queuedThroughout) {

    public ClearanceObservation {
        Objects.requireNonNull(laneKind, "laneKind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("an observation must not end before it starts: " + from + " .. " + to);
        }
        if (trucksCleared < 0) {
            throw new IllegalArgumentException("trucks cleared must not be negative: " + trucksCleared);
        }
    }
}
