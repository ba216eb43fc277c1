package io.borderflow.routing.model.route;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One route of the answer, timed from the departure. {@code rank} 1 is the best by the query's objective;
 * {@code explanation} says in one line what makes the best one best, or how this one differs from it.
 * {@code corridor} is the corridor covering most of the route's distance; {@code label} names it with the crossings
 * taken, e.g. "Northern route via Nur Zholy and Zhaisan".
 * <p>
 * {@code medianTime} is arrival minus departure on the central timeline (every wait at its median, every control at
 * its expected duration); {@code p90Time} adds the root of the summed squares of each step's gap between its 90th
 * percentile and its central value (independent steps, the way normal spreads add).
 */
public record RouteAlternative(
        int rank,
        Corridor corridor,
        String label,
        String explanation,
        Instant departure,
        Instant arrival,
        Duration medianTime,
        Duration p90Time,
        double distanceKm,
        CostBreakdown cost,
        RouteRisk risk,
        LiveDataUse liveData,
        List<LegStep> legs,
        List<CrossingStep> crossings,
        List<FerryStep> ferries,
        List<TrainStep> trains) {

    public RouteAlternative {
        Objects.requireNonNull(corridor, "corridor");
        legs = List.copyOf(legs);
        crossings = List.copyOf(crossings);
        ferries = List.copyOf(ferries);
        trains = List.copyOf(trains);
    }

    /** The places passed, origin first. */
    public List<String> placeIds() {
        List<String> places = new java.util.ArrayList<>();
        places.add(legs.get(0).from());
        legs.forEach(leg -> places.add(leg.to()));
        return List.copyOf(places);
    }
}
