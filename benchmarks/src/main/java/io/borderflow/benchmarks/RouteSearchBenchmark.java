package io.borderflow.benchmarks;

import io.borderflow.routing.domain.search.CargoOutlook;
import io.borderflow.routing.domain.search.CrossingConditions;
import io.borderflow.routing.domain.search.FixedCrossingConditions;
import io.borderflow.routing.domain.search.Link;
import io.borderflow.routing.domain.search.Network;
import io.borderflow.routing.domain.search.Objective;
import io.borderflow.routing.domain.search.Place;
import io.borderflow.routing.domain.search.PlaceKind;
import io.borderflow.routing.domain.search.RouteConstraints;
import io.borderflow.routing.domain.search.RoutePlanner;
import io.borderflow.routing.domain.search.RouteQuery;
import io.borderflow.routing.model.NetworkDataset;
import io.borderflow.routing.model.RouteParametersFile;
import io.borderflow.routing.model.route.ChannelOutlook;
import io.borderflow.routing.model.route.Corridor;
import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.RouteResult;
import io.borderflow.routing.model.route.TransportMode;
import io.borderflow.routing.service.RouteParametersMapping;
import io.borderflow.support.reference.ReferenceFile;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one core does for one FindRoutes search over the shipped corridor network (70 places, 85 legs) and route
 * parameters, with the border conditions and cargo outlook already in memory (the adapter's caches). Goal: a few
 * milliseconds at most, inside FindRoutes' p99 of 25 ms at 200 requests a second.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouteSearchBenchmark {
    private static final Instant DEPARTURE = Instant.parse("2026-03-02T06:00:00Z");

    private RoutePlanner planner;
    private RouteQuery nominal;
    private RouteQuery sensitive;
    private RouteQuery middleCorridor;
    private RouteQuery avoidingKazakhstan;
    private CrossingConditions none;
    private CrossingConditions queues;

    @Setup
    public void setUp() {
        planner = new RoutePlanner(
                network(ReferenceFile.read("reference/corridor-network.json", NetworkDataset.class)
                        .content()),
                RouteParametersMapping.parameters(
                        ReferenceFile.read("reference/route-parameters.json", RouteParametersFile.class)
                                .content()));
        none = FixedCrossingConditions.none();
        // a Zhaisan-like backlog, slower crossings elsewhere, a holiday at Nur Zholy, all live figures
        queues = FixedCrossingConditions.builder()
                .defaultFreshness(Freshness.live(Duration.ofMinutes(4)))
                .wait("zhaisan", Duration.ofDays(4), Duration.ofDays(6))
                .wait("syrym", Duration.ofHours(30), Duration.ofDays(3))
                .wait("kairak", Duration.ofHours(10), Duration.ofHours(20))
                .wait("alakol", Duration.ofHours(20), Duration.ofDays(2))
                .closed("nur-zholy", DEPARTURE.plus(Duration.ofHours(12)), DEPARTURE.plus(Duration.ofHours(60)))
                .build();
        ChannelOutlook russia = outlook(0.3, 0.2, 0.45, 0.05);
        CargoOutlook dualUse = CargoOutlook.of(
                Map.of("zhaisan", outlook(0.7, 0.2, 0.09, 0.01), "syrym", outlook(0.6, 0.2, 0.18, 0.02)),
                Map.of("RU", russia),
                outlook(0.8, 0.15, 0.05, 0));
        nominal = RouteQuery.of("urumqi", "moscow", DEPARTURE);
        sensitive = RouteQuery.of("urumqi", "moscow", DEPARTURE)
                .withObjective(Objective.leastRisk())
                .withCargo(dualUse)
                .withConstraints(RouteConstraints.none().withMaxAlternatives(10));
        middleCorridor = RouteQuery.of("urumqi", "istanbul", DEPARTURE).withCargo(dualUse);
        avoidingKazakhstan = RouteQuery.of("urumqi", "moscow", DEPARTURE)
                .withConstraints(RouteConstraints.none().avoidingCountries(Set.of("KZ")));
    }

    private static ChannelOutlook outlook(double green, double yellow, double red, double refused) {
        return new ChannelOutlook(
                green,
                yellow,
                red,
                refused,
                Duration.ZERO,
                Duration.ofHours(4),
                Duration.ofHours(24),
                Duration.ofHours(24));
    }

    /** Urumqi to Moscow, fastest, no queues, a cargo nobody stops: one Pareto route. */
    @Benchmark
    public RouteResult urumqiMoscowNominal() {
        return planner.findRoutes(nominal, none, Set.of());
    }

    /** The same with queues, a holiday closure and dual-use goods, least risk, 10 alternatives. */
    @Benchmark
    public RouteResult urumqiMoscowQueuesAndDualUseGoods() {
        return planner.findRoutes(sensitive, queues, Set.of("kazan-moscow"));
    }

    /** Urumqi to Istanbul over the Caspian ferry. */
    @Benchmark
    public RouteResult urumqiIstanbulMiddleCorridor() {
        return planner.findRoutes(middleCorridor, queues, Set.of());
    }

    /** Urumqi to Moscow avoiding Kazakhstan: the 11,800 km Russia-China direct route. */
    @Benchmark
    public RouteResult urumqiMoscowAvoidingKazakhstan() {
        return planner.findRoutes(avoidingKazakhstan, none, Set.of());
    }

    private static Network network(NetworkDataset data) {
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
}
