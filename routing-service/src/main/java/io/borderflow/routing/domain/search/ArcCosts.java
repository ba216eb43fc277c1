package io.borderflow.routing.domain.search;

import java.util.Map;

/**
 * What each arc of a network costs a truck under one set of route parameters, worked out once per planner rather than
 * at every step of every search: its moving time, its fixed cost (a road's distance times the mean cost per km of its
 * two ends' countries, a ferry's or a train's tariff for the truck's load) and, on a ferry or rail arc, the service
 * that runs it.
 */
final class ArcCosts {
    private final long[] movingMillis;
    private final double[] fixedCost;
    private final ScheduledService[] service;

    /** @param services by {@link ScheduledService#key}; every ferry and rail arc must have one */
    ArcCosts(Network network, RouteParameters parameters, Map<String, ScheduledService> services) {
        int arcs = network.arcCount();
        movingMillis = new long[arcs];
        fixedCost = new double[arcs];
        service = new ScheduledService[arcs];
        for (int node = 0; node < network.size(); node++) {
            for (Network.Arc arc : network.arcsFrom(node)) {
                Link link = arc.link();
                Place from = network.place(arc.from());
                Place to = network.place(arc.to());
                movingMillis[arc.id()] = link.typicalDuration().toMillis();
                ScheduledService runs = services.get(ScheduledService.key(link.legId(), from.id()));
                if (runs != null) {
                    service[arc.id()] = runs;
                    fixedCost[arc.id()] = runs.tariff(parameters);
                } else {
                    fixedCost[arc.id()] = link.distanceKm()
                            * (parameters.road().perKm(from.country())
                                    + parameters.road().perKm(to.country()))
                            / 2;
                }
            }
        }
    }

    long movingMillis(Network.Arc arc) {
        return movingMillis[arc.id()];
    }

    /** The road's distance cost, or the ferry's or train's tariff for the truck's load. */
    double fixedCost(Network.Arc arc) {
        return fixedCost[arc.id()];
    }

    /** The ferry or train service of the arc; null on a road arc. */
    ScheduledService service(Network.Arc arc) {
        return service[arc.id()];
    }
}
