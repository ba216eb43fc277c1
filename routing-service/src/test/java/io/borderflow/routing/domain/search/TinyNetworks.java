package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.Corridor;
import io.borderflow.routing.model.route.TransportMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Small networks and round-figure parameters whose routes can be timed and costed by hand. */
final class TinyNetworks {
    static final Instant DEPARTURE = Instant.parse("2026-03-02T06:00:00Z");

    private final List<Place> places = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();

    static TinyNetworks builder() {
        return new TinyNetworks();
    }

    TinyNetworks city(String id, String country) {
        places.add(new Place(id, country, null, PlaceKind.CITY));
        return this;
    }

    /** A checkpoint whose id is the place's. */
    TinyNetworks checkpoint(String id, String country) {
        places.add(new Place(id, country, id, PlaceKind.CHECKPOINT));
        return this;
    }

    TinyNetworks port(String id, String country) {
        places.add(new Place(id, country, id, PlaceKind.PORT));
        return this;
    }

    /** A bidirectional NORTHERN road leg with id "from-to". */
    TinyNetworks road(String from, String to, double km, double hours) {
        return leg(from, to, TransportMode.ROAD, km, hours, Corridor.NORTHERN);
    }

    TinyNetworks leg(String from, String to, TransportMode mode, double km, double hours, Corridor corridor) {
        links.add(new Link(
                from + "-" + to,
                from,
                to,
                mode,
                EnumSet.of(corridor),
                km,
                Duration.ofMillis(Math.round(hours * 3_600_000)),
                true));
        return this;
    }

    Network build() {
        return Network.of(places, links);
    }

    /**
     * 1 per km (fuel only), 10 per hour, no fees, driving rules that never bite, road time without spread, a 10 m
     * truck, no ferries.
     */
    static RouteParameters simpleParameters() {
        return parameters(10, 1.0, new DrivingRules(Duration.ofHours(1000), Duration.ofHours(11)), List.of());
    }

    static RouteParameters parameters(
            double costPerHour, double p90Factor, DrivingRules driving, List<FerryService> ferries) {
        return parameters(costPerHour, p90Factor, driving, ferries, List.of());
    }

    static RouteParameters parameters(
            double costPerHour,
            double p90Factor,
            DrivingRules driving,
            List<FerryService> ferries,
            List<TrainService> trains) {
        return new RouteParameters(
                "USD",
                new RoadCosts(1, 0, 0, Map.of(), p90Factor),
                costPerHour,
                new BorderFees(0, Map.of()),
                driving,
                10,
                ferries,
                trains);
    }

    /** a (XX) - b (checkpoint XX) - c (YY), 100 km and 2 h a leg; a - d (checkpoint XX) - c, 150 km and 3 h a leg. */
    static Network twoCrossings() {
        return builder()
                .city("a", "XX")
                .checkpoint("b", "XX")
                .checkpoint("d", "XX")
                .city("c", "YY")
                .road("a", "b", 100, 2)
                .road("b", "c", 100, 2)
                .road("a", "d", 150, 3)
                .road("d", "c", 150, 3)
                .build();
    }

    private TinyNetworks() {}
}
