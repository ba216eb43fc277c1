package io.borderflow.routing.domain.search;

import static io.borderflow.routing.domain.search.TinyNetworks.DEPARTURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.borderflow.routing.model.route.ChannelOutlook;
import io.borderflow.routing.model.route.Corridor;
import io.borderflow.routing.model.route.CostBreakdown;
import io.borderflow.routing.model.route.CrossingStep;
import io.borderflow.routing.model.route.FerryStep;
import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.InspectionChannel;
import io.borderflow.routing.model.route.LegStep;
import io.borderflow.routing.model.route.LiveDataUse;
import io.borderflow.routing.model.route.RouteAlternative;
import io.borderflow.routing.model.route.TrainStep;
import io.borderflow.routing.model.route.TransportMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The time, cost and risk of given routes on small networks, checked against hand calculations. */
class JourneyTest {
    private static final Duration H = Duration.ofHours(1);

    private static RouteAlternative follow(
            Network network,
            RouteParameters parameters,
            CrossingConditions conditions,
            RouteQuery query,
            String... places) {
        return new RoutePlanner(network, parameters).follow(query, conditions, List.of(places));
    }

    private static RouteAlternative follow(Network network, CrossingConditions conditions, String... places) {
        return follow(
                network,
                TinyNetworks.simpleParameters(),
                conditions,
                RouteQuery.of(places[0], places[places.length - 1], DEPARTURE),
                places);
    }

    @Test
    void roadLegsAndAQueueAddUpByHand() {
        var conditions = FixedCrossingConditions.builder()
                .wait("b", H.multipliedBy(3), H.multipliedBy(5))
                .build();
        var parameters = TinyNetworks.parameters(10, 1.5, new DrivingRules(Duration.ofHours(1000), H), List.of());
        RouteAlternative route = follow(
                TinyNetworks.twoCrossings(), parameters, conditions, RouteQuery.of("a", "c", DEPARTURE), "a", "b", "c");

        assertThat(route.arrival()).isEqualTo(DEPARTURE.plus(H.multipliedBy(7)));
        assertThat(route.medianTime()).isEqualTo(H.multipliedBy(7));
        // spreads: each 2 h road leg 1 h (factor 1.5), the queue 5 - 3 = 2 h: sqrt(1 + 1 + 4) hours
        assertThat(route.p90Time().toMillis()).isCloseTo(Math.round((7 + Math.sqrt(6)) * 3_600_000), within(1L));
        assertThat(route.cost()).isEqualTo(new CostBreakdown("USD", 200, 70, 0, 0, 0));
        assertThat(route.distanceKm()).isEqualTo(200);
        assertThat(route.legs())
                .extracting(LegStep::legId, LegStep::departure, LegStep::arrival)
                .containsExactly(
                        tuple("a-b", DEPARTURE, DEPARTURE.plus(H.multipliedBy(2))),
                        tuple("b-c", DEPARTURE.plus(H.multipliedBy(5)), DEPARTURE.plus(H.multipliedBy(7))));
        assertThat(route.crossings()).singleElement().satisfies(crossing -> {
            assertThat(crossing.checkpointId()).isEqualTo("b");
            assertThat(crossing.fromCountry() + ">" + crossing.toCountry()).isEqualTo("XX>YY");
            assertThat(crossing.arrival()).isEqualTo(DEPARTURE.plus(H.multipliedBy(2)));
            assertThat(crossing.opensAt()).isEmpty();
            assertThat(crossing.waitForOpening()).isZero();
            assertThat(crossing.waitMedian()).isEqualTo(H.multipliedBy(3));
            assertThat(crossing.waitP90()).isEqualTo(H.multipliedBy(5));
            assertThat(crossing.cleared()).isEqualTo(DEPARTURE.plus(H.multipliedBy(5)));
            assertThat(crossing.freshness()).isEqualTo(Freshness.nominal());
        });
    }

    @Test
    void inspectionIsTheChannelWeightedMeanAndItsSpreadTheChannelQuantile() {
        var cargo = CargoOutlook.everywhere(new ChannelOutlook(
                0.5, 0.3, 0.15, 0.05, Duration.ZERO, H.multipliedBy(4), H.multipliedBy(24), H.multipliedBy(24)));
        var conditions = FixedCrossingConditions.builder()
                .wait("b", InspectionChannel.GREEN, H, H.multipliedBy(2))
                .wait("b", InspectionChannel.YELLOW, H, H.multipliedBy(2))
                .wait("b", InspectionChannel.RED, H.multipliedBy(10), H.multipliedBy(20))
                .build();
        RouteAlternative route = follow(
                TinyNetworks.twoCrossings(),
                TinyNetworks.simpleParameters(),
                conditions,
                RouteQuery.of("a", "c", DEPARTURE).withCargo(cargo),
                "a",
                "b",
                "c");

        CrossingStep crossing = route.crossings().get(0);
        // queues: green 0.5 x 1 h, yellow 0.3 x 1 h, red and refused 0.2 x 10 h
        assertThat(crossing.waitMedian()).isEqualTo(Duration.ofMinutes(168));
        assertThat(crossing.waitP90()).isEqualTo(Duration.ofMinutes(336));
        // control: 0.3 x 4 h + 0.15 x 24 h + 0.05 x 24 h
        assertThat(crossing.expectedInspection()).isEqualTo(H.multipliedBy(6));
        assertThat(crossing.cleared()).isEqualTo(crossing.arrival().plus(Duration.ofMinutes(528)));
        assertThat(route.medianTime()).isEqualTo(Duration.ofMinutes(528).plus(H.multipliedBy(4)));
        // outcomes at their p90: green 2 h (0.5), yellow 6 h (0.3), red and refused 44 h (0.2): the 90th is 44 h
        assertThat(route.p90Time()).isEqualTo(route.medianTime().plus(Duration.ofMinutes(44 * 60 - 528)));
        assertThat(route.risk().refusalOrRedirect()).isCloseTo(0.05, within(1e-12));
        assertThat(route.risk().redInspection()).isCloseTo(0.15, within(1e-12));
    }

    @Test
    void risksCombineOverCrossings() {
        Network network = TinyNetworks.builder()
                .city("a", "XX")
                .checkpoint("b", "XX")
                .city("c", "YY")
                .checkpoint("e", "YY")
                .city("f", "ZZ")
                .road("a", "b", 10, 1)
                .road("b", "c", 10, 1)
                .road("c", "e", 10, 1)
                .road("e", "f", 10, 1)
                .build();
        var cargo = CargoOutlook.of(
                Map.of(
                        "b",
                        new ChannelOutlook(
                                0.6, 0, 0.3, 0.1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO)),
                Map.of(
                        "ZZ",
                        new ChannelOutlook(
                                0.3, 0, 0.5, 0.2, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO)),
                ChannelOutlook.allGreen());
        RouteAlternative route = follow(
                network,
                TinyNetworks.simpleParameters(),
                FixedCrossingConditions.none(),
                RouteQuery.of("a", "f", DEPARTURE).withCargo(cargo),
                "a",
                "b",
                "c",
                "e",
                "f");

        assertThat(route.risk().refusalOrRedirect()).isCloseTo(1 - 0.9 * 0.8, within(1e-12));
        assertThat(route.risk().redInspection()).isCloseTo(1 - 0.7 * 0.5, within(1e-12));
    }

    @Test
    void aBorderControlIsCrossedOnlyWhereTheCountryChanges() {
        Network network = TinyNetworks.builder()
                .city("a", "XX")
                .checkpoint("b", "XX")
                .city("c", "YY")
                .checkpoint("e", "XX")
                .city("f", "XX")
                .road("a", "b", 10, 1)
                .road("b", "c", 10, 1)
                .road("a", "e", 10, 1)
                .road("e", "f", 10, 1)
                .build();
        List<BorderCrossing> asked = new ArrayList<>();
        CargoOutlook recording = crossing -> {
            asked.add(crossing);
            return ChannelOutlook.allGreen();
        };
        var planner = new RoutePlanner(network, TinyNetworks.simpleParameters());
        var none = FixedCrossingConditions.none();

        assertThat(planner.follow(RouteQuery.of("a", "f", DEPARTURE).withCargo(recording), none, List.of("a", "e", "f"))
                        .crossings())
                .as("through a checkpoint within XX")
                .isEmpty();
        assertThat(planner.follow(RouteQuery.of("a", "b", DEPARTURE).withCargo(recording), none, List.of("a", "b"))
                        .crossings())
                .as("to the checkpoint from its own side")
                .isEmpty();
        assertThat(planner.follow(RouteQuery.of("c", "b", DEPARTURE).withCargo(recording), none, List.of("c", "b"))
                        .crossings())
                .as("to the checkpoint from across")
                .hasSize(1);
        assertThat(planner.follow(RouteQuery.of("b", "c", DEPARTURE).withCargo(recording), none, List.of("b", "c"))
                        .crossings())
                .as("from the checkpoint across")
                .hasSize(1);
        assertThat(asked)
                .containsExactly(new BorderCrossing("b", "b", "YY", "XX"), new BorderCrossing("b", "b", "XX", "YY"));
    }

    @Test
    void aTruckArrivingDuringAClosureWaitsForTheOpeningThenQueues() {
        var conditions = FixedCrossingConditions.builder()
                .wait("b", H.multipliedBy(3), H.multipliedBy(3))
                .closed("b", DEPARTURE.plus(H), DEPARTURE.plus(H.multipliedBy(10)))
                .build();
        RouteAlternative route = follow(TinyNetworks.twoCrossings(), conditions, "a", "b", "c");

        CrossingStep crossing = route.crossings().get(0);
        assertThat(crossing.opensAt()).contains(DEPARTURE.plus(H.multipliedBy(10)));
        assertThat(crossing.waitForOpening()).isEqualTo(H.multipliedBy(8));
        assertThat(crossing.queueTime()).isEqualTo(H.multipliedBy(11));
        assertThat(crossing.cleared()).isEqualTo(DEPARTURE.plus(H.multipliedBy(13)));
        assertThat(route.arrival()).isEqualTo(DEPARTURE.plus(H.multipliedBy(15)));
    }

    @Test
    void aTruckArrivingAfterHoursWaitsForTheMorning() {
        var conditions = FixedCrossingConditions.builder()
                .openingHours("b", LocalTime.of(8, 0), LocalTime.of(20, 0), ZoneOffset.UTC)
                .build();
        Instant evening = Instant.parse("2026-03-02T18:30:00Z");
        RouteAlternative route = follow(
                TinyNetworks.twoCrossings(),
                TinyNetworks.simpleParameters(),
                conditions,
                RouteQuery.of("a", "c", evening),
                "a",
                "b",
                "c");

        assertThat(route.crossings().get(0).opensAt()).contains(Instant.parse("2026-03-03T08:00:00Z"));
        assertThat(route.crossings().get(0).waitForOpening()).isEqualTo(Duration.ofMinutes(11 * 60 + 30));
        assertThat(route.arrival()).isEqualTo(Instant.parse("2026-03-03T10:00:00Z"));
    }

    @Test
    void arrivingLaterNeverMeansLeavingEarlier() {
        var conditions = FixedCrossingConditions.builder()
                .wait("b", H.multipliedBy(2), H.multipliedBy(4))
                .closed("b", DEPARTURE.plus(H.multipliedBy(5)), DEPARTURE.plus(H.multipliedBy(9)))
                .openingHours("b", LocalTime.of(6, 0), LocalTime.of(22, 0), ZoneOffset.UTC)
                .build();
        Instant previous = Instant.MIN;
        for (int step = 0; step < 3 * 24 * 4; step++) {
            Instant departure = DEPARTURE.plus(Duration.ofMinutes(15L * step));
            RouteAlternative route = follow(
                    TinyNetworks.twoCrossings(),
                    TinyNetworks.simpleParameters(),
                    conditions,
                    RouteQuery.of("a", "c", departure),
                    "a",
                    "b",
                    "c");
            assertThat(route.arrival()).as("leaving at %s", departure).isAfterOrEqualTo(previous);
            previous = route.arrival();
        }
    }

    private static Network ferryNetwork() {
        return TinyNetworks.builder()
                .city("a", "XX")
                .port("p", "XX")
                .port("q", "YY")
                .city("c", "YY")
                .road("a", "p", 100, 2)
                .leg("p", "q", TransportMode.FERRY, 300, 10, Corridor.MIDDLE_CORRIDOR)
                .road("q", "c", 100, 2)
                .build();
    }

    private static RouteParameters ferryParameters(Duration boardingMedian, Duration boardingP90) {
        Departures daily = new Departures.Interval(Instant.parse("2026-01-01T18:00:00Z"), Duration.ofDays(1));
        return TinyNetworks.parameters(
                10,
                1.0,
                new DrivingRules(Duration.ofHours(1000), Duration.ofHours(11)),
                List.of(
                        new FerryService("p-q", "p", 50, daily, boardingMedian, boardingP90),
                        new FerryService("p-q", "q", 70, daily, boardingMedian, boardingP90)));
    }

    @Test
    void aFerryWaitsForTheNextSailing() {
        RouteAlternative route = follow(
                ferryNetwork(),
                ferryParameters(Duration.ZERO, Duration.ZERO),
                FixedCrossingConditions.none(),
                RouteQuery.of("a", "c", DEPARTURE),
                "a",
                "p",
                "q",
                "c");

        FerryStep ferry = route.ferries().get(0);
        assertThat(ferry.readyAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        assertThat(ferry.sailing()).isEqualTo(Instant.parse("2026-03-02T18:00:00Z"));
        assertThat(ferry.waitBeforeSailing()).isEqualTo(H.multipliedBy(10));
        assertThat(ferry.landing()).isEqualTo(Instant.parse("2026-03-03T04:00:00Z"));
        assertThat(ferry.tariff()).isEqualTo(500);
        assertThat(route.arrival()).isEqualTo(Instant.parse("2026-03-03T06:00:00Z"));
        assertThat(route.crossings()).extracting(CrossingStep::checkpointId).containsExactly("p", "q");
        assertThat(route.cost()).isEqualTo(new CostBreakdown("USD", 200, 240, 500, 0, 0));
        assertThat(route.distanceKm()).isEqualTo(500);
        assertThat(route.legs().get(1)).satisfies(leg -> {
            assertThat(leg.mode()).isEqualTo(TransportMode.FERRY);
            assertThat(leg.departure()).isEqualTo(ferry.sailing());
            assertThat(leg.moving()).isEqualTo(H.multipliedBy(10));
        });
        assertThat(route.label()).isEqualTo("Middle Corridor via the P-Q ferry");
    }

    @Test
    void theWaitForAPlaceOnBoardCanMissSailings() {
        RouteAlternative route = follow(
                ferryNetwork(),
                ferryParameters(H.multipliedBy(30), H.multipliedBy(40)),
                FixedCrossingConditions.none(),
                RouteQuery.of("a", "c", DEPARTURE),
                "a",
                "p",
                "q",
                "c");

        // ready 08:00, boardable 14:00 the next day, so the sailing of that evening
        assertThat(route.ferries().get(0).sailing()).isEqualTo(Instant.parse("2026-03-03T18:00:00Z"));
        assertThat(route.medianTime()).isEqualTo(H.multipliedBy(48));
        assertThat(route.p90Time()).isEqualTo(H.multipliedBy(58));
    }

    @Test
    void theFerryTariffDependsOnTheDirection() {
        RouteAlternative back = follow(
                ferryNetwork(),
                ferryParameters(Duration.ZERO, Duration.ZERO),
                FixedCrossingConditions.none(),
                RouteQuery.of("c", "a", DEPARTURE),
                "c",
                "q",
                "p",
                "a");
        assertThat(back.cost().ferry()).isEqualTo(700);
    }

    /**
     * a (XX) by road to the terminal t (XX), 100 km and 2 h; by rail to the border station g (checkpoint, YY), 500 km
     * and 10 h; by rail on to m (YY), 1,000 km and 20 h.
     */
    private static Network railNetwork() {
        return TinyNetworks.builder()
                .city("a", "XX")
                .city("t", "XX")
                .checkpoint("g", "YY")
                .city("m", "YY")
                .road("a", "t", 100, 2)
                .leg("t", "g", TransportMode.RAIL, 500, 10, Corridor.NORTHERN)
                .leg("g", "m", TransportMode.RAIL, 1000, 20, Corridor.NORTHERN)
                .build();
    }

    /** Loading at t, 4 h (p90 10 h), a train daily at 18:00; at g the gauge change, 24 h (p90 72 h), then a train. */
    private static RouteParameters railParameters(Departures onFromTheBorder) {
        Departures evening = new Departures.Interval(Instant.parse("2026-01-01T18:00:00Z"), Duration.ofDays(1));
        Departures morning = new Departures.Interval(Instant.parse("2026-01-01T06:00:00Z"), Duration.ofDays(1));
        return TinyNetworks.parameters(
                10,
                1.0,
                new DrivingRules(Duration.ofHours(1000), Duration.ofHours(11)),
                List.of(),
                List.of(
                        new TrainService("t-g", "t", 300, evening, H.multipliedBy(4), H.multipliedBy(10)),
                        new TrainService("t-g", "g", 300, evening, H.multipliedBy(24), H.multipliedBy(72)),
                        new TrainService("g-m", "g", 700, onFromTheBorder, H.multipliedBy(24), H.multipliedBy(72)),
                        new TrainService("g-m", "m", 700, morning, H.multipliedBy(4), H.multipliedBy(10))));
    }

    @Test
    void aTrainWaitsForHandlingAtTheTerminalThenForTheNextDeparture() {
        Departures morning = new Departures.Interval(Instant.parse("2026-01-01T06:00:00Z"), Duration.ofDays(1));
        RouteAlternative route = follow(
                railNetwork(),
                railParameters(morning),
                FixedCrossingConditions.none(),
                RouteQuery.of("a", "m", DEPARTURE),
                "a",
                "t",
                "g",
                "m");

        // at t 08:00, loaded 12:00, the 18:00 train, at g 04:00; the gauge change to 04:00 the next day, so the
        // 06:00 train, at m 02:00 a day later
        assertThat(route.trains())
                .containsExactly(
                        new TrainStep(
                                "t-g",
                                "t",
                                "g",
                                Instant.parse("2026-03-02T08:00:00Z"),
                                H.multipliedBy(4),
                                H.multipliedBy(10),
                                Instant.parse("2026-03-02T18:00:00Z"),
                                Instant.parse("2026-03-03T04:00:00Z"),
                                300),
                        new TrainStep(
                                "g-m",
                                "g",
                                "m",
                                Instant.parse("2026-03-03T04:00:00Z"),
                                H.multipliedBy(24),
                                H.multipliedBy(72),
                                Instant.parse("2026-03-04T06:00:00Z"),
                                Instant.parse("2026-03-05T02:00:00Z"),
                                700));
        assertThat(route.arrival()).isEqualTo(Instant.parse("2026-03-05T02:00:00Z"));
        assertThat(route.medianTime()).isEqualTo(H.multipliedBy(68));
        // the handling spreads add as independent steps: 6 h and 48 h
        assertThat(route.p90Time())
                .isEqualTo(H.multipliedBy(68).plusMillis(Math.round(Math.sqrt(6 * 6 + 48 * 48) * 3_600_000)));
        assertThat(route.cost()).isEqualTo(new CostBreakdown("USD", 100, 680, 0, 1000, 0));
        assertThat(route.crossings()).extracting(CrossingStep::checkpointId).containsExactly("g");
        assertThat(route.legs())
                .extracting(LegStep::mode)
                .containsExactly(TransportMode.ROAD, TransportMode.RAIL, TransportMode.RAIL);
        assertThat(route.legs().get(2).departure()).isEqualTo(Instant.parse("2026-03-04T06:00:00Z"));
        assertThat(route.label()).isEqualTo("Northern route by rail via G");
        assertThat(route.ferries()).isEmpty();
    }

    @Test
    void aThroughTrainGoesOnOnceHandled() {
        RouteAlternative route = follow(
                railNetwork(),
                railParameters(new Departures.WhenReady()),
                FixedCrossingConditions.none(),
                RouteQuery.of("a", "m", DEPARTURE),
                "a",
                "t",
                "g",
                "m");

        assertThat(route.trains().get(1).departure()).isEqualTo(Instant.parse("2026-03-04T04:00:00Z"));
        assertThat(route.arrival()).isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
    }

    @Test
    void aQueueAtTheRailBorderDelaysTheHandlingAfterIt() {
        var queue = FixedCrossingConditions.builder()
                .wait("g", H.multipliedBy(3), H.multipliedBy(5))
                .build();
        RouteAlternative route = follow(
                railNetwork(),
                railParameters(new Departures.WhenReady()),
                queue,
                RouteQuery.of("a", "m", DEPARTURE),
                "a",
                "t",
                "g",
                "m");

        assertThat(route.crossings().get(0).cleared()).isEqualTo(Instant.parse("2026-03-03T07:00:00Z"));
        assertThat(route.trains().get(1).readyAt())
                .isEqualTo(route.crossings().get(0).cleared());
        assertThat(route.arrival()).isEqualTo(Instant.parse("2026-03-05T03:00:00Z"));
    }

    @Test
    void everyRailLegNeedsATrainServiceEachWayAndAServiceARailLeg() {
        Departures daily = new Departures.Interval(Instant.EPOCH, Duration.ofDays(1));
        var oneWayOnly = TinyNetworks.parameters(
                10,
                1.0,
                new DrivingRules(H, H),
                List.of(),
                List.of(
                        new TrainService("t-g", "t", 1, daily, H, H),
                        new TrainService("t-g", "g", 1, daily, H, H),
                        new TrainService("g-m", "g", 1, daily, H, H)));
        assertThatThrownBy(() -> new RoutePlanner(railNetwork(), oneWayOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("g-m>m");
        var onARoad = TinyNetworks.parameters(
                10, 1.0, new DrivingRules(H, H), List.of(), List.of(new TrainService("a-t", "a", 1, daily, H, H)));
        assertThatThrownBy(() -> new RoutePlanner(railNetwork(), onARoad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rail service a-t from a");
        assertThatThrownBy(() -> new TrainService("t-g", "t", 1, daily, H.multipliedBy(2), H))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongLegIncludesTheDailyRests() {
        Network network = TinyNetworks.builder()
                .city("a", "XX")
                .city("b", "XX")
                .city("c", "XX")
                .road("a", "b", 1000, 20)
                .road("b", "c", 100, 2)
                .build();
        var parameters =
                TinyNetworks.parameters(10, 1.0, new DrivingRules(H.multipliedBy(9), H.multipliedBy(11)), List.of());
        RouteAlternative route = follow(
                network, parameters, FixedCrossingConditions.none(), RouteQuery.of("a", "c", DEPARTURE), "a", "b", "c");

        // 20 h of driving: 9, rest, 9, rest, 2; then 2 more hours within the same day's 9
        assertThat(route.legs()).extracting(LegStep::rest).containsExactly(H.multipliedBy(22), Duration.ZERO);
        assertThat(route.medianTime()).isEqualTo(H.multipliedBy(44));
    }

    @Test
    void aLongStopAtTheBorderCountsAsTheDailyRest() {
        Network network = TinyNetworks.builder()
                .city("a", "XX")
                .checkpoint("x", "XX")
                .city("y", "YY")
                .road("a", "x", 100, 8)
                .road("x", "y", 100, 8)
                .build();
        var parameters =
                TinyNetworks.parameters(10, 1.0, new DrivingRules(H.multipliedBy(9), H.multipliedBy(11)), List.of());
        var query = RouteQuery.of("a", "y", DEPARTURE);
        var shortWait = FixedCrossingConditions.builder()
                .wait("x", H.multipliedBy(10), H.multipliedBy(10))
                .build();
        var longWait = FixedCrossingConditions.builder()
                .wait("x", H.multipliedBy(12), H.multipliedBy(12))
                .build();

        assertThat(follow(network, parameters, FixedCrossingConditions.none(), query, "a", "x", "y")
                        .medianTime())
                .isEqualTo(H.multipliedBy(8 + 8 + 11));
        assertThat(follow(network, parameters, shortWait, query, "a", "x", "y").medianTime())
                .isEqualTo(H.multipliedBy(8 + 10 + 8 + 11));
        assertThat(follow(network, parameters, longWait, query, "a", "x", "y").medianTime())
                .isEqualTo(H.multipliedBy(8 + 12 + 8));
    }

    @Test
    void tollsAreTheMeanOfTheTwoEndsCountries() {
        Network network = TinyNetworks.builder()
                .city("a", "XX")
                .city("b", "YY")
                .road("a", "b", 100, 1)
                .build();
        var parameters = new RouteParameters(
                "USD",
                new RoadCosts(1, 0, 0, Map.of("XX", 0.2), 1),
                0,
                new BorderFees(0, Map.of()),
                new DrivingRules(H.multipliedBy(9), H.multipliedBy(11)),
                10,
                List.of(),
                List.of());
        RouteAlternative route = follow(
                network, parameters, FixedCrossingConditions.none(), RouteQuery.of("a", "b", DEPARTURE), "a", "b");
        assertThat(route.cost().distance()).isCloseTo(110, within(1e-9));
    }

    @Test
    void theRouteReportsTheOldestLiveFigureAndAnyStaleOne() {
        Network network = TinyNetworks.builder()
                .city("a", "XX")
                .checkpoint("b", "XX")
                .city("c", "YY")
                .checkpoint("e", "YY")
                .city("f", "ZZ")
                .road("a", "b", 10, 1)
                .road("b", "c", 10, 1)
                .road("c", "e", 10, 1)
                .road("e", "f", 10, 1)
                .build();
        var conditions = FixedCrossingConditions.builder()
                .freshness("b", Freshness.live(H.multipliedBy(2)))
                .freshness("e", Freshness.stale(H.multipliedBy(30)))
                .build();
        RouteAlternative route = follow(network, conditions, "a", "b", "c", "e", "f");

        assertThat(route.liveData()).isEqualTo(new LiveDataUse(Optional.of(H.multipliedBy(30)), true, false, false));
        assertThat(route.crossings())
                .extracting(CrossingStep::freshness)
                .containsExactly(Freshness.live(H.multipliedBy(2)), Freshness.stale(H.multipliedBy(30)));
        assertThat(follow(network, FixedCrossingConditions.none(), "a", "b", "c", "e", "f")
                        .liveData())
                .isEqualTo(new LiveDataUse(Optional.empty(), false, true, false));
    }

    @Test
    void aCrossingIsAskedForTheDirectionTheTruckTravelsThroughIt() {
        // b is a checkpoint of XX: leaving XX through it is EXIT, coming into XX from YY is ENTRY; the outbound queue
        // is 30 h, the inbound 1 h
        CrossingConditions byDirection = new CrossingConditions() {
            @Override
            public CrossingOutlook outlook(String checkpointId, Instant arrival, InspectionChannel queueChannel) {
                throw new AssertionError("asked without a direction");
            }

            @Override
            public CrossingOutlook outlook(
                    String checkpointId, String direction, Instant arrival, InspectionChannel queueChannel) {
                Duration wait = direction.equals("EXIT") ? H.multipliedBy(30) : H;
                return CrossingOutlook.open(wait, wait, Freshness.nominal());
            }
        };

        RouteAlternative leaving = follow(TinyNetworks.twoCrossings(), byDirection, "a", "b", "c");
        RouteAlternative entering = follow(TinyNetworks.twoCrossings(), byDirection, "c", "b", "a");

        assertThat(leaving.crossings()).singleElement().satisfies(c -> {
            assertThat(c.fromCountry() + ">" + c.toCountry()).isEqualTo("XX>YY");
            assertThat(c.waitMedian()).isEqualTo(H.multipliedBy(30));
        });
        assertThat(entering.crossings()).singleElement().satisfies(c -> {
            assertThat(c.fromCountry() + ">" + c.toCountry()).isEqualTo("YY>XX");
            assertThat(c.waitMedian()).isEqualTo(H);
        });
    }
}
