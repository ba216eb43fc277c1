package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.Corridor;
import io.borderflow.routing.model.route.TransportMode;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A leg of the network between two places: its mode, the corridors it belongs to, its length and its typical moving
 * time (driving or sailing, without waits or rest). A bidirectional link can be taken either way.
 */
public record Link(
        String legId,
        String from,
        String to,
        TransportMode mode,
        Set<Corridor> corridors,
        double distanceKm,
        Duration typicalDuration,
        boolean bidirectional) {

    public Link {
        Objects.requireNonNull(legId, "legId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(typicalDuration, "typicalDuration");
        if (corridors == null || corridors.isEmpty()) {
            throw new IllegalArgumentException("leg " + legId + " belongs to no corridor");
        }
        corridors = Collections.unmodifiableSet(EnumSet.copyOf(corridors));
        if (from.equals(to)) {
            throw new IllegalArgumentException("leg " + legId + " starts where it ends");
        }
        if (!(distanceKm > 0) || Double.isInfinite(distanceKm)) {
            throw new IllegalArgumentException("leg " + legId + ": distance must be positive");
        }
        if (typicalDuration.isNegative() || typicalDuration.isZero()) {
            throw new IllegalArgumentException("leg " + legId + ": duration must be positive");
        }
    }
}
