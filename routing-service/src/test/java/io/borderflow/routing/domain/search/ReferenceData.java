package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.NetworkDataset;
import io.borderflow.routing.model.RouteParametersFile;
import io.borderflow.routing.model.route.Corridor;
import io.borderflow.routing.model.route.TransportMode;
import io.borderflow.routing.service.RouteParametersMapping;
import io.borderflow.support.reference.ReferenceFile;
import java.util.EnumSet;
import java.util.List;

/** The shipped reference files, read from the class path and mapped to the search's domain types. */
final class ReferenceData {
    static final NetworkDataset NETWORK_FILE = ReferenceFile.read(
                    "reference/corridor-network.json", NetworkDataset.class)
            .content();
    static final RouteParametersFile PARAMETERS_FILE = ReferenceFile.read(
                    "reference/route-parameters.json", RouteParametersFile.class)
            .content();
    static final Network NETWORK = network(NETWORK_FILE);
    static final RouteParameters PARAMETERS = RouteParametersMapping.parameters(PARAMETERS_FILE);

    private ReferenceData() {}

    static Network network(NetworkDataset data) {
        List<Place> places = data.places().stream()
                .map(p -> new Place(p.id(), p.country(), p.checkpoint(), PlaceKind.valueOf(p.kind())))
                .toList();
        List<Link> links = data.legs().stream()
                .map(l -> {
                    EnumSet<Corridor> corridors = EnumSet.noneOf(Corridor.class);
                    l.corridors().forEach(c -> corridors.add(Corridor.valueOf(c)));
                    return new Link(
                            l.id(),
                            l.from(),
                            l.to(),
                            TransportMode.valueOf(l.mode()),
                            corridors,
                            l.distanceKm(),
                            RouteParametersMapping.hours(l.typicalDurationHours()),
                            l.bidirectional());
                })
                .toList();
        return Network.of(places, links);
    }

    static RoutePlanner planner() {
        return new RoutePlanner(NETWORK, PARAMETERS);
    }
}
