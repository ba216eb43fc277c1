package io.borderflow.routing.domain.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cost and timing model of a route, as data (reference file {@code reference/route-parameters.json}): road costs
 * per km, the cost of an hour of truck and driver (so that waiting at a border costs money), border fees, the drivers'
 * hours, the truck's length (ferry tariffs are per metre), the ferry services and the train services. All money in
 * {@code currency}.
 */
public record RouteParameters(
        String currency,
        RoadCosts road,
        double timeCostPerHour,
        BorderFees borderFees,
        DrivingRules driving,
        double truckLengthMetres,
        List<FerryService> ferries,
        List<TrainService> trains) {

    public RouteParameters {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(road, "road");
        Objects.requireNonNull(borderFees, "borderFees");
        Objects.requireNonNull(driving, "driving");
        ferries = List.copyOf(ferries);
        trains = List.copyOf(trains);
        if (!(timeCostPerHour >= 0) || Double.isInfinite(timeCostPerHour)) {
            throw new IllegalArgumentException("time cost must be finite and not negative");
        }
        if (!(truckLengthMetres > 0) || Double.isInfinite(truckLengthMetres)) {
            throw new IllegalArgumentException("truck length must be positive");
        }
    }

    /** The ferry services, then the train services. */
    public List<ScheduledService> services() {
        List<ScheduledService> all = new ArrayList<>(ferries);
        all.addAll(trains);
        return all;
    }
}
