package io.borderflow.routing.model.route;

import java.time.Duration;
import java.time.Instant;

/**
 * One leg as the truck takes it: when it sets off (for a ferry, the sailing) and arrives, the time moving (driving or
 * at sea) and the driver's daily rests taken on the way.
 */
public record LegStep(
        String legId,
        TransportMode mode,
        String from,
        String to,
        double distanceKm,
        Instant departure,
        Instant arrival,
        Duration moving,
        Duration rest) {}
