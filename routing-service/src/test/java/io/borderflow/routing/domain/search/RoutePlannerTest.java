package io.borderflow.routing.domain.search;

import static io.borderflow.routing.domain.search.TinyNetworks.DEPARTURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.borderflow.routing.model.route.ChannelOutlook;
import io.borderflow.routing.model.route.Corridor;
import io.borderflow.routing.model.route.NoRouteReason;
import io.borderflow.routing.model.route.RouteAlternative;
import io.borderflow.routing.model.route.RouteResult;
import io.borderflow.routing.model.route.TransportMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The search on small networks: which routes it keeps, how it ranks and explains them, how it fails. */
class RoutePlannerTest {
    private static final Duration H = Duration.ofHours(1);
    private static final RoutePlanner TWO_CROSSINGS =
            new RoutePlanner(TinyNetworks.twoCrossings(), TinyNetworks.simpleParameters());
    private static final RouteQuery A_TO_C = RouteQuery.of("a", "c", DEPARTURE);

    private static CrossingConditions queueAtB(int hours) {
        return FixedCrossingConditions.builder()
                .wait("b", H.multipliedBy(hours), H.multipliedBy(hours))
                .build();
    }

    private static List<String> via(RouteResult result) {
        return result.alternatives().stream()
                .map(a -> String.join(",", a.placeIds()))
                .toList();
    }

    @Test
    void aRouteThatIsBetterOnEveryCriterionLeavesNoAlternative() {
        RouteResult result = TWO_CROSSINGS.findRoutes(A_TO_C, FixedCrossingConditions.none(), Set.of());

        assertThat(via(result)).containsExactly("a,b,c");
        assertThat(result.stats().paretoRoutes()).isEqualTo(1);
        RouteAlternative best = result.alternatives().get(0);
        assertThat(best.rank()).isEqualTo(1);
        assertThat(best.corridor()).isEqualTo(Corridor.NORTHERN);
        assertThat(best.label()).isEqualTo("Northern route via B");
        assertThat(best.explanation())
                .isEqualTo("fastest: 4 hours, USD 240; no other route found is faster, cheaper or less risky");
    }

    @Test
    void aQueueGivesATradeOffBetweenTimeAndCost() {
        RouteResult fastest = TWO_CROSSINGS.findRoutes(A_TO_C, queueAtB(3), Set.of());
        RouteResult cheapest =
                TWO_CROSSINGS.findRoutes(A_TO_C.withObjective(Objective.cheapest()), queueAtB(3), Set.of());

        // via b: 7 h, 200 + 70; via d: 6 h, 300 + 60
        assertThat(via(fastest)).containsExactly("a,d,c", "a,b,c");
        assertThat(fastest.alternatives()).extracting(a -> a.cost().total()).containsExactly(360.0, 270.0);
        assertThat(fastest.alternatives().get(0).explanation())
                .isEqualTo("fastest: 6 hours, USD 360; the next alternative is 1 hour slower, USD 90 cheaper");
        assertThat(fastest.alternatives().get(1).explanation())
                .isEqualTo("crosses at B instead of D; 1 hour slower, USD 90 cheaper");
        assertThat(via(cheapest)).containsExactly("a,b,c", "a,d,c");
        assertThat(cheapest.alternatives().get(0).explanation()).startsWith("cheapest: USD 270 in 7 hours");
    }

    @Test
    void theLeastRiskyRouteComesFirstAndTheOthersSayWhatTheyAvoid() {
        var cargo = CargoOutlook.of(
                Map.of(
                        "d",
                        new ChannelOutlook(
                                0.95, 0, 0, 0.05, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO)),
                Map.of(),
                ChannelOutlook.allGreen());
        RouteResult result = TWO_CROSSINGS.findRoutes(
                A_TO_C.withObjective(Objective.leastRisk()).withCargo(cargo), queueAtB(10), Set.of());

        // via b: 14 h, USD 340, no risk; via d: 6 h, USD 360, 5% refused
        assertThat(via(result)).containsExactly("a,b,c", "a,d,c");
        assertThat(result.alternatives().get(0).explanation()).startsWith("lowest risk of refusal: 0.0%, 14 hours");
        assertThat(result.alternatives().get(1).explanation())
                .isEqualTo("avoids the B queue (about 10 hours); "
                        + "8 hours faster, USD 20 dearer; risk of refusal 5.0% instead of 0.0%");
        assertThat(result.alternatives().get(1).risk().refusalOrRedirect()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void weightsDecideBetweenTimeAndCost() {
        RouteResult byTime =
                TWO_CROSSINGS.findRoutes(A_TO_C.withObjective(Objective.weighted(3, 1, 0)), queueAtB(3), Set.of());
        RouteResult byCost =
                TWO_CROSSINGS.findRoutes(A_TO_C.withObjective(Objective.weighted(1, 3, 0)), queueAtB(3), Set.of());

        assertThat(via(byTime)).containsExactly("a,d,c", "a,b,c");
        assertThat(via(byCost)).containsExactly("a,b,c", "a,d,c");
        assertThat(byCost.alternatives().get(0).explanation()).startsWith("best balance of time, cost and risk");
    }

    @Test
    void theListIsCutToTheMaximumAskedFor() {
        RouteQuery one = A_TO_C.withConstraints(RouteConstraints.none().withMaxAlternatives(1));
        assertThat(via(TWO_CROSSINGS.findRoutes(one, queueAtB(3), Set.of()))).containsExactly("a,d,c");
    }

    /** a - m long; then m - z direct (100 km, 5 h) or through w (120 km, 3 h): both Pareto, 89% of distance shared. */
    private static Network detour() {
        return TinyNetworks.builder()
                .city("a", "XX")
                .city("m", "XX")
                .city("w", "XX")
                .city("z", "XX")
                .road("a", "m", 1000, 10)
                .road("m", "z", 100, 5)
                .road("m", "w", 60, 1.5)
                .road("w", "z", 60, 1.5)
                .build();
    }

    @Test
    void nearDuplicatesArePrunedKeepingTheBetterByTheObjective() {
        RouteParameters noTimeCost = TinyNetworks.parameters(
                0, 1.0, new DrivingRules(Duration.ofHours(1000), Duration.ofHours(11)), List.of());
        RouteQuery query = RouteQuery.of("a", "z", DEPARTURE);

        RouteResult pruned =
                new RoutePlanner(detour(), noTimeCost).findRoutes(query, FixedCrossingConditions.none(), Set.of());
        RouteResult prunedCheapest = new RoutePlanner(detour(), noTimeCost)
                .findRoutes(query.withObjective(Objective.cheapest()), FixedCrossingConditions.none(), Set.of());
        RouteResult kept = new RoutePlanner(
                        detour(), noTimeCost, SearchLimits.standard().withNearDuplicateShare(0.95))
                .findRoutes(query, FixedCrossingConditions.none(), Set.of());

        assertThat(pruned.stats().paretoRoutes()).isEqualTo(2);
        assertThat(via(pruned)).containsExactly("a,m,w,z");
        assertThat(via(prunedCheapest)).containsExactly("a,m,z");
        assertThat(via(kept)).containsExactly("a,m,w,z", "a,m,z");
    }

    @Test
    void routesThroughDifferentCrossingsAreNeverNearDuplicates() {
        Network network = TinyNetworks.builder()
                .city("a", "XX")
                .city("m", "XX")
                .checkpoint("b", "XX")
                .checkpoint("d", "XX")
                .city("c", "YY")
                .road("a", "m", 1000, 10)
                .road("m", "b", 10, 1)
                .road("b", "c", 10, 1)
                .road("m", "d", 10, 0.5)
                .road("d", "c", 10, 0.5)
                .build();
        RouteResult result = new RoutePlanner(network, TinyNetworks.simpleParameters())
                .findRoutes(RouteQuery.of("a", "c", DEPARTURE), queueAtB(0), Set.of());
        RouteResult withRisk = new RoutePlanner(network, TinyNetworks.simpleParameters())
                .findRoutes(
                        RouteQuery.of("a", "c", DEPARTURE)
                                .withCargo(CargoOutlook.of(
                                        Map.of(
                                                "d",
                                                new ChannelOutlook(
                                                        0.9,
                                                        0,
                                                        0,
                                                        0.1,
                                                        Duration.ZERO,
                                                        Duration.ZERO,
                                                        Duration.ZERO,
                                                        Duration.ZERO)),
                                        Map.of(),
                                        ChannelOutlook.allGreen())),
                        queueAtB(0),
                        Set.of());

        assertThat(via(result)).containsExactly("a,m,d,c");
        assertThat(via(withRisk)).containsExactly("a,m,d,c", "a,m,b,c");
    }

    @Test
    void avoidedCheckpointsAndCountriesAreNotPassed() {
        RouteQuery avoidD = A_TO_C.withConstraints(RouteConstraints.none().avoidingCheckpoints(Set.of("d")));
        assertThat(via(TWO_CROSSINGS.findRoutes(avoidD, queueAtB(3), Set.of()))).containsExactly("a,b,c");

        Network network = TinyNetworks.builder()
                .city("a", "XX")
                .city("m", "MM")
                .city("n", "NN")
                .city("c", "XX")
                .road("a", "m", 100, 1)
                .road("m", "c", 100, 1)
                .road("a", "n", 200, 2)
                .road("n", "c", 200, 2)
                .build();
        RoutePlanner planner = new RoutePlanner(network, TinyNetworks.simpleParameters());
        RouteQuery avoidMm = RouteQuery.of("a", "c", DEPARTURE)
                .withConstraints(RouteConstraints.none().avoidingCountries(Set.of("MM")));
        assertThat(via(planner.findRoutes(avoidMm, FixedCrossingConditions.none(), Set.of())))
                .containsExactly("a,n,c");
    }

    @Test
    void aClosedLegTakesEffectOnTheNextSearchOnly() {
        assertThat(via(TWO_CROSSINGS.findRoutes(A_TO_C, FixedCrossingConditions.none(), Set.of("b-c"))))
                .containsExactly("a,d,c");
        assertThat(via(TWO_CROSSINGS.findRoutes(A_TO_C, FixedCrossingConditions.none(), Set.of())))
                .containsExactly("a,b,c");
    }

    @Test
    void aCrossingClosedIndefinitelyIsNotPassed() {
        var closed = FixedCrossingConditions.builder().closedIndefinitely("b").build();
        assertThat(via(TWO_CROSSINGS.findRoutes(A_TO_C, closed, Set.of()))).containsExactly("a,d,c");
    }

    @Test
    void onlyRoutesArrivingByTheLatestArrivalAreReturned() {
        RouteQuery bySix =
                A_TO_C.withConstraints(RouteConstraints.none().arrivingBy(DEPARTURE.plus(H.multipliedBy(6))));
        RouteQuery byFive =
                A_TO_C.withConstraints(RouteConstraints.none().arrivingBy(DEPARTURE.plus(H.multipliedBy(5))));

        // via b 7 h, via d 6 h
        assertThat(via(TWO_CROSSINGS.findRoutes(bySix, queueAtB(3), Set.of()))).containsExactly("a,d,c");
        RouteResult none = TWO_CROSSINGS.findRoutes(byFive, queueAtB(3), Set.of());
        assertThat(none.found()).isFalse();
        assertThat(none.noRoute()).contains(NoRouteReason.LATEST_ARRIVAL_UNREACHABLE);
    }

    @Test
    void noRouteIsAnEmptyResultWithItsReason() {
        RouteResult disconnected =
                TWO_CROSSINGS.findRoutes(A_TO_C, FixedCrossingConditions.none(), Set.of("a-b", "a-d"));
        assertThat(disconnected.alternatives()).isEmpty();
        assertThat(disconnected.noRoute()).contains(NoRouteReason.NO_CONNECTION);

        RouteQuery ferriesOnly = A_TO_C.withConstraints(RouteConstraints.none().withModes(Set.of(TransportMode.FERRY)));
        assertThat(TWO_CROSSINGS
                        .findRoutes(ferriesOnly, FixedCrossingConditions.none(), Set.of())
                        .noRoute())
                .contains(NoRouteReason.NO_CONNECTION);

        var bothClosed = FixedCrossingConditions.builder()
                .closedIndefinitely("b")
                .closedIndefinitely("d")
                .build();
        assertThat(TWO_CROSSINGS.findRoutes(A_TO_C, bothClosed, Set.of()).noRoute())
                .contains(NoRouteReason.NO_CONNECTION);

        RoutePlanner tiny = new RoutePlanner(
                TinyNetworks.twoCrossings(),
                TinyNetworks.simpleParameters(),
                SearchLimits.standard().withMaxLabels(1));
        RouteResult cut = tiny.findRoutes(A_TO_C, FixedCrossingConditions.none(), Set.of());
        assertThat(cut.noRoute()).contains(NoRouteReason.SEARCH_LIMIT_REACHED);
        assertThat(cut.stats().truncated()).isTrue();

        // a route longer than the leg limit exists: the answer says the limit stopped it, not that there is none
        SearchLimits standard = SearchLimits.standard();
        RoutePlanner short1 = new RoutePlanner(
                TinyNetworks.twoCrossings(),
                TinyNetworks.simpleParameters(),
                new SearchLimits(
                        standard.maxLabelsPerPlace(),
                        standard.maxDestinationLabels(),
                        standard.maxLabels(),
                        1,
                        standard.horizon(),
                        standard.timeEpsilon(),
                        standard.costEpsilon(),
                        standard.riskEpsilon(),
                        standard.nearDuplicateShare()));
        RouteResult tooFewLegs = short1.findRoutes(A_TO_C, FixedCrossingConditions.none(), Set.of());
        assertThat(tooFewLegs.noRoute()).contains(NoRouteReason.SEARCH_LIMIT_REACHED);
        assertThat(tooFewLegs.stats().truncated()).isTrue();
    }

    @Test
    void queriesThatContradictThemselvesAreRejectedWithAReason() {
        assertThatThrownBy(() -> TWO_CROSSINGS.findRoutes(
                        RouteQuery.of("a", "zz", DEPARTURE), FixedCrossingConditions.none(), Set.of()))
                .isInstanceOfSatisfying(UnknownPlaceException.class, e -> {
                    assertThat(e.reason()).isEqualTo("PLACE_NOT_FOUND");
                    assertThat(e.metadata()).containsEntry("name", "places/zz");
                });
        assertReason(
                () -> TWO_CROSSINGS.findRoutes(
                        RouteQuery.of("a", "a", DEPARTURE), FixedCrossingConditions.none(), Set.of()),
                "SAME_ORIGIN_AND_DESTINATION",
                "destination");
        assertReason(
                () -> RouteConstraints.none().withMaxAlternatives(0),
                "INVALID_MAX_ALTERNATIVES",
                "constraints.max_alternatives");
        assertReason(
                () -> RouteConstraints.none().withMaxAlternatives(11),
                "INVALID_MAX_ALTERNATIVES",
                "constraints.max_alternatives");
        assertReason(() -> Objective.weighted(0, 0, 0), "INVALID_OBJECTIVE_WEIGHTS", "objective.weights");
        assertReason(() -> Objective.weighted(1, -1, 0), "INVALID_OBJECTIVE_WEIGHTS", "objective.weights");
        assertReason(
                () -> TWO_CROSSINGS.findRoutes(
                        A_TO_C.withConstraints(RouteConstraints.none().arrivingBy(DEPARTURE)),
                        FixedCrossingConditions.none(),
                        Set.of()),
                "LATEST_ARRIVAL_NOT_AFTER_DEPARTURE",
                "constraints.latest_arrival_time");
        assertReason(
                () -> TWO_CROSSINGS.findRoutes(
                        A_TO_C.withConstraints(RouteConstraints.none().avoidingCheckpoints(Set.of("zhaisan"))),
                        FixedCrossingConditions.none(),
                        Set.of()),
                "UNKNOWN_CHECKPOINT",
                "constraints.avoid_checkpoints");
        assertReason(
                () -> TWO_CROSSINGS.findRoutes(
                        A_TO_C.withConstraints(RouteConstraints.none().avoidingCountries(Set.of("XX"))),
                        FixedCrossingConditions.none(),
                        Set.of()),
                "ORIGIN_AVOIDED",
                "origin");
        assertReason(
                () -> TWO_CROSSINGS.findRoutes(
                        A_TO_C.withConstraints(RouteConstraints.none().avoidingCountries(Set.of("YY"))),
                        FixedCrossingConditions.none(),
                        Set.of()),
                "DESTINATION_AVOIDED",
                "destination");
    }

    private static void assertReason(ThrowingCallable call, String reason, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRouteQueryException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.violations())
                    .singleElement()
                    .satisfies(v -> assertThat(v.field()).isEqualTo(field));
        });
    }

    @Test
    void aFerryLegWithoutAServiceIsRefusedWhenThePlannerIsBuilt() {
        Network network = TinyNetworks.builder()
                .port("p", "XX")
                .port("q", "YY")
                .leg("p", "q", TransportMode.FERRY, 300, 10, Corridor.MIDDLE_CORRIDOR)
                .build();
        FerryService oneWay = new FerryService(
                "p-q",
                "p",
                50,
                new Departures.Interval(Instant.EPOCH, Duration.ofDays(1)),
                Duration.ZERO,
                Duration.ZERO);
        assertThatThrownBy(() -> new RoutePlanner(
                        network,
                        TinyNetworks.parameters(
                                10, 1, new DrivingRules(H.multipliedBy(9), H.multipliedBy(11)), List.of(oneWay))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p-q>q");
    }

    @Test
    void theSameQueryGivesTheSameAnswer() {
        RouteResult first = TWO_CROSSINGS.findRoutes(A_TO_C, queueAtB(3), Set.of());
        RouteResult again = new RoutePlanner(TinyNetworks.twoCrossings(), TinyNetworks.simpleParameters())
                .findRoutes(A_TO_C, queueAtB(3), Set.of());
        assertThat(again).isEqualTo(first);
    }
}
