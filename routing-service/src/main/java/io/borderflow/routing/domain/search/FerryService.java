package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.TransportMode;
import java.time.Duration;
import java.util.Objects;

/**
 * A ferry leg in one direction (from {@code fromPlace}): its tariff per metre of vehicle length (how the Caspian
 * operator prices trucks), when it sails, and the typical extra wait for a place on board before the truck can take a
 * sailing (median and 90th percentile; on the Caspian this is counted in days).
 */
public record FerryService(
        String legId,
        String fromPlace,
        double tariffPerMetre,
        Departures schedule,
        Duration boardingWaitMedian,
        Duration boardingWaitP90)
        implements ScheduledService {

    public FerryService {
        Objects.requireNonNull(legId, "legId");
        Objects.requireNonNull(fromPlace, "fromPlace");
        Objects.requireNonNull(schedule, "schedule");
        if (!(tariffPerMetre >= 0) || Double.isInfinite(tariffPerMetre)) {
            throw new IllegalArgumentException("ferry " + legId + ": tariff must not be negative");
        }
        ScheduledService.checkWaits("ferry " + legId + " boarding", boardingWaitMedian, boardingWaitP90);
    }

    @Override
    public Duration waitMedian() {
        return boardingWaitMedian;
    }

    @Override
    public Duration waitP90() {
        return boardingWaitP90;
    }

    @Override
    public TransportMode mode() {
        return TransportMode.FERRY;
    }

    /** The tariff per metre times the truck's length. */
    @Override
    public double tariff(RouteParameters parameters) {
        return tariffPerMetre * parameters.truckLengthMetres();
    }
}
