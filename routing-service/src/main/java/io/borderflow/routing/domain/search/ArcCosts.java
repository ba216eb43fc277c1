package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.TransportMode;
import java.util.Map;

/**
 * What each arc of a network costs a truck under one set of route parameters, worked out once per planner rather than
 * at every step of every search: its moving time, its fixed cost (a road's distance times the mean cost per km of its
 * two ends' countries, a ferry's tariff for the truck's length) and, on a ferry arc, the service that sails it.
 */
final class ArcCosts {
    private final long[] movingMillis;
    private final double[] fixedCost;
    private final FerryService[] ferry;

    /** @param ferries services by {@link Journey#ferryKey}; every ferry arc must have one */
    ArcCosts(Network network, RouteParameters parameters, Map<String, FerryService> ferries) {
        int arcs = network.arcCount();
        movingMillis = new long[arcs];
        fixedCost = new double[arcs];
        ferry = new FerryService[arcs];
        for (int node = 0; node < network.size(); node++) {
            for (Network.Arc arc : network.arcsFrom(node)) {
                Link link = arc.link();
                Place from = network.place(arc.from());
                Place to = network.place(arc.to());
                movingMillis[arc.id()] = link.typicalDuration().toMillis();
                if (link.mode() == TransportMode.FERRY) {
                    FerryService service = ferries.get(Journey.ferryKey(link.legId(), from.id()));
                    ferry[arc.id()] = service;
                    fixedCost[arc.id()] = service.tariffPerMetre() * parameters.truckLengthMetres();
                } else {
                    fixedCost[arc.id()] = link.distanceKm() * (parameters.road().perKm(from.country())
                            + parameters.road().perKm(to.country())) / 2;
                }
            }
        }
    }

    long movingMillis(Network.Arc arc) {
        return movingMillis[arc.id()];
    }

    /** The road's distance cost, or the ferry's tariff for the truck. */
    double fixedCost(Network.Arc arc) {
        return fixedCost[arc.id()];
    }

    /** The ferry service of a ferry arc; null on a road or rail arc. */
    FerryService ferry(Network.Arc arc) {
        return ferry[arc.id()];
    }
}
