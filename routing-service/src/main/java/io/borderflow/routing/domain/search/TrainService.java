package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.TransportMode;
import java.time.Duration;
import java.util.Objects;

/**
 * A rail leg in one direction (from {@code fromPlace}), as a truck's load meets it: the load, in a container or a
 * trailer, is handed over at the terminal and handled there (loaded onto a wagon; where the track gauge changes, as
 * between China's 1,435 mm and Kazakhstan's 1,520 mm at Altynkol, moved to a wagon of the other gauge), then leaves on
 * the next train and rides for the leg's typical time. Its tariff is per load (one 40-foot container, a truck's worth),
 * terminal handling included. The truck that brought the load is not needed on the way: the route's time cost still
 * runs, as the value of the cargo's time.
 */
public record TrainService(
        String legId,
        String fromPlace,
        double tariffPerLoad,
        Departures schedule,
        Duration handlingMedian,
        Duration handlingP90)
        implements ScheduledService {

    public TrainService {
        Objects.requireNonNull(legId, "legId");
        Objects.requireNonNull(fromPlace, "fromPlace");
        Objects.requireNonNull(schedule, "schedule");
        if (!(tariffPerLoad >= 0) || Double.isInfinite(tariffPerLoad)) {
            throw new IllegalArgumentException("train " + legId + ": tariff must not be negative");
        }
        ScheduledService.checkWaits("train " + legId + " handling", handlingMedian, handlingP90);
    }

    @Override
    public Duration waitMedian() {
        return handlingMedian;
    }

    @Override
    public Duration waitP90() {
        return handlingP90;
    }

    @Override
    public TransportMode mode() {
        return TransportMode.RAIL;
    }

    @Override
    public double tariff(RouteParameters parameters) {
        return tariffPerLoad;
    }
}
