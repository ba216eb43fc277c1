package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.TransportMode;
import java.time.Duration;

/**
 * A leg travelled on someone else's vessel or train, in one direction (from {@link #fromPlace()}): the load waits at
 * the port or terminal ({@link #waitMedian()}, {@link #waitP90()}), then for the next departure, then travels for the
 * leg's typical time. The search treats both kinds alike; only the route's account of them differs.
 */
public sealed interface ScheduledService permits FerryService, TrainService {

    String legId();

    String fromPlace();

    Departures schedule();

    /** The wait at the port or terminal before a departure can be taken, median. */
    Duration waitMedian();

    /** The same wait's 90th percentile. */
    Duration waitP90();

    /** The mode of the legs it serves. */
    TransportMode mode();

    /** Its price for one truck's load under {@code parameters}. */
    double tariff(RouteParameters parameters);

    /** The key of a service by leg and direction. */
    static String key(String legId, String fromPlace) {
        return legId + ">" + fromPlace;
    }

    /** {@code waitMedian <= waitP90}, both not negative. */
    static void checkWaits(String what, Duration median, Duration p90) {
        if (median.isNegative() || p90.compareTo(median) < 0) {
            throw new IllegalArgumentException(what + ": waits must satisfy 0 <= median <= p90");
        }
    }
}
