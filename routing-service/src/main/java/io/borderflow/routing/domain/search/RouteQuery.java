package io.borderflow.routing.domain.search;

import java.time.Instant;
import java.util.Objects;

/**
 * A FindRoutes question: from which place to which, leaving when, ranked by what, under which constraints, for a cargo
 * with what inspection outlook.
 */
public record RouteQuery(
        String origin,
        String destination,
        Instant departure,
        Objective objective,
        RouteConstraints constraints,
        CargoOutlook cargo) {

    public RouteQuery {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(departure, "departure");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(constraints, "constraints");
        Objects.requireNonNull(cargo, "cargo");
    }

    /** The fastest routes, no constraints, a cargo never stopped. */
    public static RouteQuery of(String origin, String destination, Instant departure) {
        return new RouteQuery(
                origin, destination, departure, Objective.fastest(), RouteConstraints.none(), CargoOutlook.clear());
    }

    public RouteQuery withObjective(Objective value) {
        return new RouteQuery(origin, destination, departure, value, constraints, cargo);
    }

    public RouteQuery withConstraints(RouteConstraints value) {
        return new RouteQuery(origin, destination, departure, objective, value, cargo);
    }

    public RouteQuery withCargo(CargoOutlook value) {
        return new RouteQuery(origin, destination, departure, objective, constraints, value);
    }
}
