package io.borderflow.routing.domain.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.borderflow.routing.model.route.ChannelOutlook;
import io.borderflow.routing.model.route.Corridor;
import io.borderflow.routing.model.route.CrossingStep;
import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.InspectionChannel;
import io.borderflow.routing.model.route.LegStep;
import io.borderflow.routing.model.route.LiveDataUse;
import io.borderflow.routing.model.route.NoRouteReason;
import io.borderflow.routing.model.route.RouteAlternative;
import io.borderflow.routing.model.route.RouteResult;
import io.borderflow.routing.model.route.TrainStep;
import io.borderflow.routing.model.route.TransportMode;
import io.borderflow.routing.service.RouteParametersMapping;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The search on the shipped corridor network and route parameters. */
class CorridorNetworkSearchTest {
    private static final Instant DEPARTURE = Instant.parse("2026-03-02T06:00:00Z");
    private static final RoutePlanner PLANNER = ReferenceData.planner();
    private static final RouteQuery URUMQI_MOSCOW = RouteQuery.of("urumqi", "moscow", DEPARTURE);
    private static final FixedCrossingConditions NOMINAL = FixedCrossingConditions.none();
    private static final Set<String> OTHER_KZ_RU = Set.of("syrym", "kairak", "zhelkuar", "mamlyutka");
    private static final List<String> KZ_RU = List.of("zhaisan", "syrym", "kairak", "zhelkuar", "mamlyutka");
    /** Dual-use goods: Russia inspects closely and may refuse; Zhaisan a little less so. */
    private static final CargoOutlook SENSITIVE = CargoOutlook.of(
            Map.of("zhaisan", outlook(0.7, 0.2, 0.09, 0.01)),
            Map.of("RU", outlook(0.3, 0.2, 0.45, 0.05)),
            ChannelOutlook.allGreen());

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

    private static FixedCrossingConditions zhaisanQueue(int days) {
        return FixedCrossingConditions.builder()
                .wait("zhaisan", Duration.ofDays(days), Duration.ofDays(days + 2))
                .build();
    }

    /** The same backlog at each of the five Kazakhstan-Russia crossings of the northern route. */
    private static FixedCrossingConditions northernBacklog(Duration wait) {
        var conditions = FixedCrossingConditions.builder();
        KZ_RU.forEach(checkpoint -> conditions.wait(checkpoint, wait, wait.plusDays(2)));
        return conditions.build();
    }

    private static List<String> checkpoints(RouteAlternative route) {
        return route.crossings().stream().map(CrossingStep::checkpointId).toList();
    }

    private static RouteAlternative first(List<RouteAlternative> routes, Corridor corridor) {
        return routes.stream()
                .filter(route -> route.corridor() == corridor)
                .findFirst()
                .orElseThrow();
    }

    private static CrossingStep crossingInto(RouteAlternative route, String from, String to) {
        return route.crossings().stream()
                .filter(c -> c.fromCountry().equals(from) && c.toCountry().equals(to))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void withoutQueuesTheNorthernRouteGoesThroughZhaisan() {
        RouteAlternative best = PLANNER.findRoutes(URUMQI_MOSCOW, NOMINAL, Set.of())
                .alternatives()
                .get(0);

        assertThat(best.corridor()).isEqualTo(Corridor.NORTHERN);
        assertThat(best.label()).isEqualTo("Northern route via Nur Zholy and Zhaisan");
        assertThat(checkpoints(best)).containsExactly("nur-zholy", "zhaisan");
        assertThat(best.distanceKm()).isEqualTo(5058);
        // 84.3 h of driving at 9 h a day: nine daily rests of 11 h
        assertThat(best.medianTime())
                .isEqualTo(Duration.ofMinutes(Math.round(84.3 * 60)).plusHours(99));
        assertThat(best.cost().time()).isCloseTo(best.medianTime().toMinutes() / 60.0 * 15, within(0.01));
        assertThat(best.cost().borderFees()).isEqualTo(60);
        assertThat(best.cost().total())
                .isCloseTo(
                        best.cost().distance()
                                + best.cost().time()
                                + best.cost().ferry()
                                + best.cost().borderFees(),
                        within(1e-9));
        assertThat(best.p90Time()).isGreaterThan(best.medianTime());
    }

    @Test
    void aFourDayQueueAtZhaisanSendsTheFastestRouteThroughAnotherCrossing() {
        RouteAlternative nominal = PLANNER.findRoutes(URUMQI_MOSCOW, NOMINAL, Set.of())
                .alternatives()
                .get(0);
        RouteAlternative best = PLANNER.findRoutes(URUMQI_MOSCOW, zhaisanQueue(4), Set.of())
                .alternatives()
                .get(0);

        assertThat(checkpoints(best)).doesNotContain("zhaisan").containsAnyElementsOf(OTHER_KZ_RU);
        assertThat(best.corridor()).isEqualTo(Corridor.NORTHERN);
        assertThat(best.medianTime()).isLessThan(nominal.medianTime().plusDays(1));
    }

    @Test
    void withShortQueuesEverywhereTheFastestRouteIsNorthern() {
        var queues = FixedCrossingConditions.builder();
        List<String> everyCheckpoint = ReferenceData.NETWORK.places().stream()
                .map(Place::checkpointId)
                .filter(Objects::nonNull)
                .toList();
        for (int i = 0; i < everyCheckpoint.size(); i++) {
            Duration wait = Duration.ofHours(1 + i % 4);
            queues.wait(everyCheckpoint.get(i), wait, wait.multipliedBy(2));
        }
        FixedCrossingConditions shortQueues = queues.build();
        RouteConstraints avoidingKazakhstan = RouteConstraints.none().avoidingCountries(Set.of("KZ"));

        for (String origin : List.of("urumqi", "khorgos")) {
            RouteQuery query = RouteQuery.of(origin, "moscow", DEPARTURE);
            RouteAlternative best = PLANNER.findRoutes(query, shortQueues, Set.of())
                    .alternatives()
                    .get(0);
            RouteAlternative direct = PLANNER.findRoutes(
                            query.withConstraints(avoidingKazakhstan), shortQueues, Set.of())
                    .alternatives()
                    .get(0);

            assertThat(best.corridor()).as(origin).isEqualTo(Corridor.NORTHERN);
            assertThat(best.crossings())
                    .as(origin)
                    .hasSize(2)
                    .allSatisfy(crossing -> assertThat(crossing.queueTime())
                            .isEqualTo(shortQueues
                                    .outlook(crossing.checkpointId(), crossing.arrival(), InspectionChannel.GREEN)
                                    .waitMedian())
                            .isBetween(Duration.ofHours(1), Duration.ofHours(4)));
            assertThat(direct.corridor()).as(origin).isEqualTo(Corridor.RUSSIA_CHINA_DIRECT);
            assertThat(best.medianTime()).as(origin).isLessThan(direct.medianTime());
        }
    }

    @Test
    void withTheNorthernCrossingsCongestedTheDirectRouteIsTheLessRiskyAlternative() {
        // dual-use goods: every customs entry may refuse them, Russia's more often than Kazakhstan's
        var dualUse = CargoOutlook.of(
                Map.of(),
                Map.of("KZ", outlook(0.6, 0.2, 0.18, 0.02), "RU", outlook(0.3, 0.2, 0.45, 0.05)),
                ChannelOutlook.allGreen());
        RouteQuery query = URUMQI_MOSCOW
                .withObjective(Objective.weighted(1, 1, 1))
                .withCargo(dualUse)
                .withConstraints(RouteConstraints.none().withMaxAlternatives(10));
        FixedCrossingConditions congested = northernBacklog(Duration.ofDays(4));

        List<RouteAlternative> routes =
                PLANNER.findRoutes(query, congested, Set.of()).alternatives();

        // the Middle Corridor back into Russia through Azerbaijan is slower than a 4-day queue, and dearer: not offered
        assertThat(routes)
                .extracting(RouteAlternative::corridor)
                .contains(Corridor.NORTHERN, Corridor.RUSSIA_CHINA_DIRECT);
        RouteAlternative northern = first(routes, Corridor.NORTHERN);
        RouteAlternative direct = first(routes, Corridor.RUSSIA_CHINA_DIRECT);
        assertThat(crossingInto(northern, "KZ", "RU").queueTime()).isEqualTo(Duration.ofDays(4));
        // a trade-off, not a detour kept by mistake: behind its queue the northern route is still faster and
        // cheaper; the direct route passes one customs entry instead of two
        assertThat(northern.medianTime()).isLessThan(direct.medianTime());
        assertThat(northern.cost().total()).isLessThan(direct.cost().total());
        assertThat(direct.crossings()).hasSize(1);
        assertThat(direct.risk().refusalOrRedirect()).isLessThan(northern.risk().refusalOrRedirect());

        // for a cargo nobody refuses the direct route is worse on every count, and is not offered
        List<RouteAlternative> clear = PLANNER.findRoutes(query.withCargo(CargoOutlook.clear()), congested, Set.of())
                .alternatives();
        assertThat(clear).extracting(RouteAlternative::corridor).containsOnly(Corridor.NORTHERN);
    }

    @Test
    void withTheNorthernCrossingsCongestedEachOfTheThreeCorridorsIsOffered() {
        var dualUse = CargoOutlook.of(
                Map.of(),
                Map.of("KZ", outlook(0.6, 0.2, 0.18, 0.02), "RU", outlook(0.3, 0.2, 0.45, 0.05)),
                ChannelOutlook.allGreen());
        FixedCrossingConditions congested = northernBacklog(Duration.ofDays(8));

        for (String origin : List.of("urumqi", "khorgos")) {
            RouteQuery query = RouteQuery.of(origin, "moscow", DEPARTURE)
                    .withObjective(Objective.weighted(1, 1, 1))
                    .withCargo(dualUse)
                    .withConstraints(RouteConstraints.none().withMaxAlternatives(10));

            List<RouteAlternative> routes =
                    PLANNER.findRoutes(query, congested, Set.of()).alternatives();

            // by road, one route per corridor; besides them, the container train past the road queues
            List<RouteAlternative> byRoad =
                    routes.stream().filter(route -> route.trains().isEmpty()).toList();
            assertThat(byRoad)
                    .extracting(RouteAlternative::corridor)
                    .as(origin)
                    .containsExactlyInAnyOrder(
                            Corridor.NORTHERN, Corridor.MIDDLE_CORRIDOR, Corridor.RUSSIA_CHINA_DIRECT);
            assertThat(routes)
                    .as(origin)
                    .hasSize(4)
                    .filteredOn(route -> !route.trains().isEmpty())
                    .singleElement()
                    .satisfies(train -> assertThat(train.label())
                            .isEqualTo("Northern route by rail via Altynkol and Mamlyutka Station"));
            RouteAlternative northern = first(byRoad, Corridor.NORTHERN);
            RouteAlternative middle = first(byRoad, Corridor.MIDDLE_CORRIDOR);
            RouteAlternative direct = first(byRoad, Corridor.RUSSIA_CHINA_DIRECT);
            // across the Caspian and back into Russia through Azerbaijan, past every Kazakhstan-Russia queue
            assertThat(checkpoints(middle))
                    .as(origin)
                    .doesNotContainAnyElementsOf(KZ_RU)
                    .contains("yarag-kazmalyar");
            assertThat(middle.legs())
                    .as(origin)
                    .anySatisfy(leg -> assertThat(leg.mode()).isEqualTo(TransportMode.FERRY));
            assertThat(middle.label())
                    .as(origin)
                    .startsWith("Middle Corridor via ")
                    .endsWith("and Yarag Kazmalyar");
            assertThat(crossingInto(northern, "KZ", "RU").queueTime())
                    .as(origin)
                    .isEqualTo(Duration.ofDays(8));
            // a real choice: the fastest, the cheapest and the least risky are three different routes
            assertThat(middle.medianTime())
                    .as(origin)
                    .isLessThan(northern.medianTime())
                    .isLessThan(direct.medianTime());
            assertThat(northern.cost().total())
                    .as(origin)
                    .isLessThan(middle.cost().total())
                    .isLessThan(direct.cost().total());
            assertThat(direct.risk().refusalOrRedirect())
                    .as(origin)
                    .isLessThan(middle.risk().refusalOrRedirect())
                    .isLessThan(northern.risk().refusalOrRedirect() + 1e-12);
        }
    }

    @Test
    void withTheNorthernQueuesShortTheMiddleCorridorToMoscowIsNotOffered() {
        RouteResult result = PLANNER.findRoutes(
                URUMQI_MOSCOW.withConstraints(RouteConstraints.none().withMaxAlternatives(10)),
                northernBacklog(Duration.ofHours(6)),
                Set.of());
        RouteAlternative middle = PLANNER.findRoutes(
                        URUMQI_MOSCOW.withConstraints(RouteConstraints.none()
                                .avoidingCheckpoints(Set.copyOf(KZ_RU))
                                .withModes(Set.of(TransportMode.ROAD, TransportMode.FERRY))),
                        NOMINAL,
                        Set.of())
                .alternatives()
                .get(0);

        assertThat(result.alternatives()).extracting(RouteAlternative::corridor).containsOnly(Corridor.NORTHERN);
        // nor is the train: days of handling and waiting for trains lose to a six-hour queue
        assertThat(result.alternatives())
                .allSatisfy(route -> assertThat(route.trains()).isEmpty());
        // slower and dearer than the northern route with its queue: dominated, not a choice
        assertThat(middle.corridor()).isEqualTo(Corridor.MIDDLE_CORRIDOR);
        assertThat(middle.medianTime())
                .isGreaterThan(result.alternatives().get(0).medianTime());
        assertThat(middle.cost().total())
                .isGreaterThan(result.alternatives().get(0).cost().total());
    }

    @Test
    void aBacklogLongerThanTheDirectRoutesDetourMakesItFasterButDearer() {
        RouteAlternative northernOpen = PLANNER.findRoutes(URUMQI_MOSCOW, NOMINAL, Set.of())
                .alternatives()
                .get(0);
        RouteAlternative directOpen = PLANNER.findRoutes(
                        URUMQI_MOSCOW.withConstraints(RouteConstraints.none().avoidingCountries(Set.of("KZ"))),
                        NOMINAL,
                        Set.of())
                .alternatives()
                .get(0);
        // a day more than the direct route's extra time (it is some 6,800 km longer)
        Duration backlog =
                directOpen.medianTime().minus(northernOpen.medianTime()).plusDays(1);

        // by road only: with a backlog this long, the Middle Corridor's ferry would beat both (see above)
        RouteResult result = PLANNER.findRoutes(
                URUMQI_MOSCOW.withConstraints(RouteConstraints.none()
                        .withModes(Set.of(TransportMode.ROAD))
                        .withMaxAlternatives(10)),
                northernBacklog(backlog),
                Set.of());

        RouteAlternative best = result.alternatives().get(0);
        assertThat(best.corridor()).isEqualTo(Corridor.RUSSIA_CHINA_DIRECT);
        assertThat(best.placeIds()).isEqualTo(directOpen.placeIds());
        assertThat(best.arrival()).isEqualTo(directOpen.arrival());
        RouteAlternative northern = first(result.alternatives(), Corridor.NORTHERN);
        assertThat(crossingInto(northern, "KZ", "RU").queueTime()).isEqualTo(backlog);
        assertThat(northern.medianTime()).isGreaterThan(best.medianTime());
        assertThat(northern.cost().total()).isLessThan(best.cost().total());
    }

    @Test
    void aSaferRouteThroughTheQueueIsExplainedAgainstTheFasterOnes() {
        RouteResult result = PLANNER.findRoutes(
                URUMQI_MOSCOW.withObjective(Objective.leastRisk()).withCargo(SENSITIVE), zhaisanQueue(4), Set.of());

        RouteAlternative best = result.alternatives().get(0);
        assertThat(checkpoints(best)).contains("zhaisan");
        assertThat(best.risk().refusalOrRedirect()).isCloseTo(0.01, within(1e-12));
        assertThat(best.crossings().get(1).queueTime()).isEqualTo(Duration.ofDays(4));
        assertThat(result.alternatives()).hasSizeGreaterThan(1);
        RouteAlternative faster = result.alternatives().get(1);
        assertThat(faster.explanation())
                .startsWith("avoids the Zhaisan queue (about 4 days); ")
                .contains("days faster, USD ")
                .contains("cheaper; risk of refusal 5.0% instead of 1.0%");
    }

    @Test
    void aClosureCoveringTheArrivalAddsTheWaitForTheOpening() {
        RouteQuery viaZhaisan =
                URUMQI_MOSCOW.withConstraints(RouteConstraints.none().avoidingCheckpoints(OTHER_KZ_RU));
        RouteAlternative open =
                PLANNER.findRoutes(viaZhaisan, NOMINAL, Set.of()).alternatives().get(0);
        Instant arrival = open.crossings().get(1).arrival();
        var holiday = FixedCrossingConditions.builder()
                .wait("zhaisan", Duration.ofHours(5), Duration.ofHours(8))
                .closed("zhaisan", arrival.minus(Duration.ofHours(1)), arrival.plus(Duration.ofHours(30)))
                .build();

        RouteAlternative closed =
                PLANNER.findRoutes(viaZhaisan, holiday, Set.of()).alternatives().get(0);

        CrossingStep crossing = closed.crossings().get(1);
        assertThat(crossing.checkpointId()).isEqualTo("zhaisan");
        assertThat(crossing.arrival()).isEqualTo(arrival);
        assertThat(crossing.opensAt()).contains(arrival.plus(Duration.ofHours(30)));
        assertThat(crossing.waitForOpening()).isEqualTo(Duration.ofHours(30));
        assertThat(crossing.cleared()).isEqualTo(arrival.plus(Duration.ofHours(35)));
        // the 35 h stop is also the driver's rest, so at most one daily rest is saved later on
        assertThat(closed.arrival()).isAfterOrEqualTo(open.arrival().plus(Duration.ofHours(35 - 11)));
    }

    @Test
    void aHolidayAtACrossingOfTheFastestRouteMovesItToAnotherCrossingOfThatBorder() {
        RouteAlternative usual = PLANNER.findRoutes(URUMQI_MOSCOW, NOMINAL, Set.of())
                .alternatives()
                .get(0);

        assertThat(usual.crossings()).hasSize(2);
        for (CrossingStep crossing : usual.crossings()) {
            String checkpoint = crossing.checkpointId();
            // a three-day holiday that began the day before the truck would get there
            Instant from = crossing.arrival().minus(Duration.ofDays(1));
            Instant until = from.plus(Duration.ofDays(3));
            var holiday = FixedCrossingConditions.builder()
                    .closed(checkpoint, from, until)
                    .build();

            RouteAlternative waitingItOut = PLANNER.follow(URUMQI_MOSCOW, holiday, usual.placeIds());
            RouteAlternative best = PLANNER.findRoutes(URUMQI_MOSCOW, holiday, Set.of())
                    .alternatives()
                    .get(0);

            assertThat(waitingItOut.crossings())
                    .filteredOn(c -> c.checkpointId().equals(checkpoint))
                    .singleElement()
                    .satisfies(held -> assertThat(held.opensAt()).contains(until));
            assertThat(checkpoints(best)).as(checkpoint).doesNotContain(checkpoint);
            CrossingStep instead = crossingInto(best, crossing.fromCountry(), crossing.toCountry());
            assertThat(instead.opensAt()).as(checkpoint).isEmpty();
            assertThat(best.arrival())
                    .as(checkpoint)
                    .isBefore(waitingItOut.arrival())
                    .isAfterOrEqualTo(usual.arrival());
        }
    }

    @Test
    void aSensitiveCargoCarriesMoreRiskAcrossTheKazakhstanRussiaBorderThanAHarmlessOne() {
        ChannelOutlook harmless = outlook(0.95, 0.04, 0.01, 0);
        // integrated circuits of the CHPL's tier 1: Russia's customs inspect most and refuse some on entry
        ChannelOutlook chplTier1 = outlook(0.2, 0.15, 0.6, 0.05);
        RouteQuery query = URUMQI_MOSCOW.withConstraints(RouteConstraints.none().withMaxAlternatives(10));

        RouteAlternative plain = PLANNER.findRoutes(
                        query.withCargo(CargoOutlook.everywhere(harmless)), NOMINAL, Set.of())
                .alternatives()
                .get(0);
        RouteAlternative sensitive = PLANNER.findRoutes(
                        query.withCargo(CargoOutlook.of(Map.of(), Map.of("RU", chplTier1), harmless)),
                        NOMINAL,
                        Set.of())
                .alternatives()
                .get(0);

        assertThat(sensitive.placeIds()).isEqualTo(plain.placeIds());
        CrossingStep sensitiveBorder = crossingInto(sensitive, "KZ", "RU");
        CrossingStep plainBorder = crossingInto(plain, "KZ", "RU");
        assertThat(sensitiveBorder.channels()).isEqualTo(chplTier1);
        assertThat(plainBorder.channels()).isEqualTo(harmless);
        assertThat(crossingInto(sensitive, "CN", "KZ").channels()).isEqualTo(harmless);
        assertThat(sensitiveBorder.expectedInspection()).isGreaterThan(plainBorder.expectedInspection());
        for (RouteAlternative route : List.of(plain, sensitive)) {
            double noRefusal = route.crossings().stream()
                    .mapToDouble(c -> 1 - c.channels().refused())
                    .reduce(1, (a, b) -> a * b);
            double noRed = route.crossings().stream()
                    .mapToDouble(c -> 1 - c.channels().red())
                    .reduce(1, (a, b) -> a * b);
            assertThat(route.risk().refusalOrRedirect()).isCloseTo(1 - noRefusal, within(1e-12));
            assertThat(route.risk().redInspection()).isCloseTo(1 - noRed, within(1e-12));
        }
        assertThat(sensitive.risk().refusalOrRedirect())
                .isGreaterThan(plain.risk().refusalOrRedirect());
        assertThat(sensitive.risk().redInspection()).isGreaterThan(plain.risk().redInspection());
        assertThat(sensitive.medianTime()).isGreaterThan(plain.medianTime());
    }

    @Test
    void theMiddleCorridorWaitsForAPlaceOnBoardAndTheNextSailing() {
        RouteResult result = PLANNER.findRoutes(RouteQuery.of("urumqi", "istanbul", DEPARTURE), NOMINAL, Set.of());

        RouteAlternative best = result.alternatives().get(0);
        assertThat(best.corridor()).isEqualTo(Corridor.MIDDLE_CORRIDOR);
        assertThat(best.label())
                .startsWith("Middle Corridor via Nur Zholy, the ")
                .endsWith(" ferry, Red Bridge and Sarpi");
        assertThat(best.ferries()).singleElement().satisfies(ferry -> {
            FerryService service = ReferenceData.PARAMETERS.ferries().stream()
                    .filter(s ->
                            s.legId().equals(ferry.legId()) && s.fromPlace().equals(ferry.from()))
                    .findFirst()
                    .orElseThrow();
            Instant boardable = ferry.readyAt().plus(service.boardingWaitMedian());
            assertThat(ferry.sailing()).isAfterOrEqualTo(boardable).isBefore(boardable.plus(Duration.ofDays(1)));
            assertThat(Duration.between(Instant.parse("2026-01-01T14:00:00Z"), ferry.sailing())
                                    .toHours()
                            % 24)
                    .isZero();
            assertThat(Duration.between(ferry.sailing(), ferry.landing()))
                    .isEqualTo(ReferenceData.NETWORK
                            .link(ferry.legId())
                            .orElseThrow()
                            .typicalDuration());
            assertThat(ferry.tariff()).isEqualTo(899.25);
        });
        assertThat(best.cost().ferry()).isEqualTo(899.25);
        assertThat(checkpoints(best)).hasSize(5);

        // by road only, the way to Istanbul is round the Caspian: through Russia into Azerbaijan at Yarag-Kazmalyar
        RouteQuery roadOnly = RouteQuery.of("urumqi", "istanbul", DEPARTURE)
                .withConstraints(RouteConstraints.none().withModes(Set.of(TransportMode.ROAD)));
        RouteAlternative overland =
                PLANNER.findRoutes(roadOnly, NOMINAL, Set.of()).alternatives().get(0);
        assertThat(overland.ferries()).isEmpty();
        assertThat(checkpoints(overland)).contains("yarag-kazmalyar", "red-bridge", "sarpi");
        assertThat(overland.medianTime()).isGreaterThan(best.medianTime());
        RouteQuery roadOnlyAvoidingRussia = roadOnly.withConstraints(
                RouteConstraints.none().withModes(Set.of(TransportMode.ROAD)).avoidingCountries(Set.of("RU")));
        assertThat(PLANNER.findRoutes(roadOnlyAvoidingRussia, NOMINAL, Set.of()).noRoute())
                .contains(NoRouteReason.NO_CONNECTION);
    }

    @Test
    void behindFourDayRoadQueuesTheContainerTrainThroughAltynkolIsTheFastest() {
        RouteQuery query = URUMQI_MOSCOW
                .withCargo(SENSITIVE)
                .withConstraints(RouteConstraints.none().withMaxAlternatives(10));
        List<RouteAlternative> routes = PLANNER.findRoutes(query, northernBacklog(Duration.ofDays(4)), Set.of())
                .alternatives();

        RouteAlternative train = routes.get(0);
        RouteAlternative road = routes.stream()
                .filter(route -> route.trains().isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(train.label()).isEqualTo("Northern route by rail via Altynkol and Mamlyutka Station");
        assertThat(train.medianTime()).isLessThan(road.medianTime());
        assertThat(train.cost().total()).isGreaterThan(road.cost().total());
        assertThat(road.explanation())
                .contains("queues at Zhaisan (about 4 days)")
                .contains("goes by road instead of by rail");
        // the road queues are not the train's: it crosses at the railway border stations, under the same customs
        assertThat(train.crossings())
                .extracting(CrossingStep::checkpointId, CrossingStep::fromCountry, CrossingStep::toCountry)
                .containsExactly(tuple("altynkol", "CN", "KZ"), tuple("mamlyutka-station", "KZ", "RU"));
        assertThat(train.crossings())
                .allSatisfy(crossing -> assertThat(crossing.queueTime()).isZero());
        assertThat(train.crossings().get(1).channels().probability(InspectionChannel.RED))
                .isEqualTo(0.45);
        assertThat(train.risk().redInspection()).isGreaterThan(0.45 - 1e-9);
        // out of Altynkol the load waits for the change of gauge, then for the day's train
        TrainStep fromAltynkol = train.trains().stream()
                .filter(step -> step.from().equals("altynkol"))
                .findFirst()
                .orElseThrow();
        TrainService gaugeChange = ReferenceData.PARAMETERS.trains().stream()
                .filter(service -> service.legId().equals(fromAltynkol.legId())
                        && service.fromPlace().equals("altynkol"))
                .findFirst()
                .orElseThrow();
        assertThat(fromAltynkol.handlingMedian())
                .isEqualTo(gaugeChange.handlingMedian())
                .isEqualTo(Duration.ofDays(1));
        assertThat(fromAltynkol.readyAt()).isEqualTo(train.crossings().get(0).cleared());
        Instant handled = fromAltynkol.readyAt().plus(fromAltynkol.handlingMedian());
        assertThat(fromAltynkol.departure()).isAfterOrEqualTo(handled).isBefore(handled.plus(Duration.ofDays(1)));
        assertThat(train.cost().rail())
                .isEqualTo(
                        train.trains().stream().mapToDouble(TrainStep::tariff).sum())
                .isPositive();
        assertThat(train.legs())
                .filteredOn(leg -> leg.mode() == TransportMode.RAIL)
                .extracting(LegStep::to)
                .endsWith("moscow");

        // ranked by cost, the road comes first and the train says what it changes
        List<RouteAlternative> byCost = PLANNER.findRoutes(
                        query.withObjective(Objective.cheapest()), northernBacklog(Duration.ofDays(4)), Set.of())
                .alternatives();
        assertThat(byCost.get(0).trains()).isEmpty();
        assertThat(byCost)
                .filteredOn(route -> !route.trains().isEmpty())
                .singleElement()
                .satisfies(route -> assertThat(route.explanation())
                        .contains("goes by rail from ")
                        .contains(" to Moscow")
                        .contains("faster"));

        // without rail, the same search offers only road routes
        List<RouteAlternative> roadOnly = PLANNER.findRoutes(
                        query.withConstraints(RouteConstraints.none()
                                .withModes(Set.of(TransportMode.ROAD, TransportMode.FERRY))
                                .withMaxAlternatives(10)),
                        northernBacklog(Duration.ofDays(4)),
                        Set.of())
                .alternatives();
        assertThat(roadOnly)
                .isNotEmpty()
                .allSatisfy(route -> assertThat(route.legs())
                        .noneSatisfy(leg -> assertThat(leg.mode()).isEqualTo(TransportMode.RAIL)));
        assertThat(roadOnly.get(0).placeIds()).isEqualTo(road.placeIds());
    }

    @Test
    void theTrainIsOfferedOnceTheRoadQueuesPassAboutThreeDays() {
        RouteQuery query = URUMQI_MOSCOW.withConstraints(RouteConstraints.none().withMaxAlternatives(10));

        List<RouteAlternative> shorter = PLANNER.findRoutes(query, northernBacklog(Duration.ofHours(60)), Set.of())
                .alternatives();
        List<RouteAlternative> longer = PLANNER.findRoutes(query, northernBacklog(Duration.ofHours(84)), Set.of())
                .alternatives();

        assertThat(shorter).allSatisfy(route -> assertThat(route.trains()).isEmpty());
        assertThat(longer.get(0).trains()).isNotEmpty();
        assertThat(longer.get(0).medianTime()).isLessThan(longer.get(1).medianTime());
    }

    @Test
    void avoidingKazakhstanLeavesTheDirectRussiaChinaRoute() {
        RouteQuery query = URUMQI_MOSCOW.withConstraints(RouteConstraints.none().avoidingCountries(Set.of("KZ")));
        RouteResult result = PLANNER.findRoutes(query, NOMINAL, Set.of());

        assertThat(result.alternatives()).isNotEmpty().allSatisfy(route -> {
            assertThat(route.corridor()).isEqualTo(Corridor.RUSSIA_CHINA_DIRECT);
            assertThat(route.placeIds())
                    .noneMatch(id -> ReferenceData.NETWORK
                            .place(id)
                            .orElseThrow()
                            .country()
                            .equals("KZ"));
        });
        assertThat(result.alternatives().get(0).label()).isEqualTo("Russia-China direct route via Zabaykalsk");
    }

    @Test
    void avoidedCheckpointsAreNeverCrossed() {
        RouteQuery query = URUMQI_MOSCOW
                .withCargo(SENSITIVE)
                .withConstraints(RouteConstraints.none()
                        .avoidingCheckpoints(Set.of("zhaisan", "nur-zholy"))
                        .withMaxAlternatives(10));
        RouteResult result = PLANNER.findRoutes(query, NOMINAL, Set.of());

        assertThat(result.alternatives())
                .isNotEmpty()
                .allSatisfy(route -> assertThat(route.placeIds()).doesNotContain("zhaisan", "nur-zholy"));
    }

    @Test
    void closedLegsAreNotTaken() {
        RouteResult result = PLANNER.findRoutes(
                URUMQI_MOSCOW.withCargo(SENSITIVE), NOMINAL, Set.of("aktobe-zhaisan", "khorgos-nur-zholy"));

        assertThat(result.alternatives())
                .isNotEmpty()
                .allSatisfy(route -> assertThat(route.legs())
                        .extracting(LegStep::legId)
                        .doesNotContain("aktobe-zhaisan", "khorgos-nur-zholy"));
        RouteResult cutOff = PLANNER.findRoutes(
                URUMQI_MOSCOW,
                NOMINAL,
                Set.of("samara-moscow", "kazan-moscow", "volgograd-moscow", "mamlyutka-station-moscow"));
        assertThat(cutOff.noRoute()).contains(NoRouteReason.NO_CONNECTION);
    }

    @Test
    void theLatestArrivalIsHonoured() {
        Instant fastest = PLANNER.findRoutes(URUMQI_MOSCOW, NOMINAL, Set.of())
                .alternatives()
                .get(0)
                .arrival();

        RouteResult tooEarly = PLANNER.findRoutes(
                URUMQI_MOSCOW.withConstraints(RouteConstraints.none().arrivingBy(fastest.minus(Duration.ofHours(1)))),
                NOMINAL,
                Set.of());
        assertThat(tooEarly.noRoute()).contains(NoRouteReason.LATEST_ARRIVAL_UNREACHABLE);

        Instant latest = fastest.plus(Duration.ofHours(12));
        RouteResult inTime = PLANNER.findRoutes(
                URUMQI_MOSCOW
                        .withCargo(SENSITIVE)
                        .withConstraints(
                                RouteConstraints.none().arrivingBy(latest).withMaxAlternatives(10)),
                zhaisanQueue(1),
                Set.of());
        assertThat(inTime.alternatives())
                .isNotEmpty()
                .allSatisfy(route -> assertThat(route.arrival()).isBeforeOrEqualTo(latest));
    }

    @Test
    void theParetoSetHoldsNoDominatedRoute() {
        var queues = FixedCrossingConditions.builder()
                .wait("zhaisan", Duration.ofDays(3), Duration.ofDays(5))
                .wait("syrym", Duration.ofHours(30), Duration.ofDays(3))
                .wait("nur-zholy", Duration.ofHours(20), Duration.ofDays(2))
                .wait("kairak", Duration.ofHours(10), Duration.ofHours(20))
                .build();
        var cargo = CargoOutlook.of(
                Map.of(
                        "zhaisan",
                        outlook(0.7, 0.2, 0.09, 0.01),
                        "syrym",
                        outlook(0.6, 0.2, 0.18, 0.02),
                        "mamlyutka",
                        outlook(0.4, 0.2, 0.36, 0.04)),
                Map.of("RU", outlook(0.3, 0.2, 0.45, 0.05)),
                ChannelOutlook.allGreen());
        for (Objective objective : List.of(
                Objective.fastest(), Objective.cheapest(), Objective.leastRisk(), Objective.weighted(1, 1, 1))) {
            RouteResult result = PLANNER.findRoutes(
                    URUMQI_MOSCOW
                            .withObjective(objective)
                            .withCargo(cargo)
                            .withConstraints(RouteConstraints.none().withMaxAlternatives(10)),
                    queues,
                    Set.of());
            List<RouteAlternative> routes = result.alternatives();
            assertThat(routes).as("%s", objective.kind()).hasSizeGreaterThan(2);
            for (RouteAlternative a : routes) {
                for (RouteAlternative b : routes) {
                    boolean dominated = a != b
                            && a.medianTime().compareTo(b.medianTime()) <= 0
                            && a.cost().total() <= b.cost().total()
                            && a.risk().refusalOrRedirect() <= b.risk().refusalOrRedirect();
                    assertThat(dominated)
                            .as("%s: %s dominates %s", objective.kind(), a.label(), b.label())
                            .isFalse();
                }
            }
            assertThat(routes)
                    .extracting(RouteAlternative::rank)
                    .containsExactly(
                            IntStream.rangeClosed(1, routes.size()).boxed().toArray(Integer[]::new));
        }
    }

    @Test
    void aLaterDepartureNeverArrivesEarlierOnTheSameRoute() {
        List<String> middleCorridor = PLANNER.findRoutes(
                        RouteQuery.of("urumqi", "istanbul", DEPARTURE), NOMINAL, Set.of())
                .alternatives()
                .get(0)
                .placeIds();
        var closures = FixedCrossingConditions.builder()
                .wait("nur-zholy", Duration.ofHours(12), Duration.ofDays(1))
                .closed("nur-zholy", DEPARTURE.plus(Duration.ofHours(20)), DEPARTURE.plus(Duration.ofHours(50)))
                .wait("red-bridge", Duration.ofHours(3), Duration.ofHours(6))
                .build();
        Instant previous = Instant.MIN;
        for (int step = 0; step < 4 * 24; step++) {
            Instant departure = DEPARTURE.plus(Duration.ofHours(step));
            RouteAlternative route =
                    PLANNER.follow(RouteQuery.of("urumqi", "istanbul", departure), closures, middleCorridor);
            assertThat(route.arrival()).as("leaving at %s", departure).isAfterOrEqualTo(previous);
            previous = route.arrival();
        }
    }

    @Test
    void theSameQueryGivesTheSameAnswer() {
        RouteQuery query = URUMQI_MOSCOW
                .withCargo(SENSITIVE)
                .withObjective(Objective.weighted(2, 1, 1))
                .withConstraints(RouteConstraints.none().withMaxAlternatives(10));
        RouteResult first = PLANNER.findRoutes(query, zhaisanQueue(2), Set.of("kazan-moscow"));
        RouteResult again = new RoutePlanner(
                        ReferenceData.network(ReferenceData.NETWORK_FILE),
                        RouteParametersMapping.parameters(ReferenceData.PARAMETERS_FILE))
                .findRoutes(query, zhaisanQueue(2), new HashSet<>(List.of("kazan-moscow")));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void theRouteSaysHowFreshItsBorderFiguresAre() {
        var live = FixedCrossingConditions.builder()
                .defaultFreshness(Freshness.live(Duration.ofMinutes(5)))
                .freshness("zhaisan", Freshness.live(Duration.ofMinutes(40)))
                .build();
        RouteAlternative best =
                PLANNER.findRoutes(URUMQI_MOSCOW, live, Set.of()).alternatives().get(0);
        assertThat(best.liveData())
                .isEqualTo(new LiveDataUse(Optional.of(Duration.ofMinutes(40)), false, false, false));
    }

    @Test
    void eachSearchStaysWithinItsLabelBudget() {
        for (RouteQuery query : List.of(
                URUMQI_MOSCOW,
                URUMQI_MOSCOW.withCargo(SENSITIVE),
                RouteQuery.of("urumqi", "istanbul", DEPARTURE),
                RouteQuery.of("vladivostok", "istanbul", DEPARTURE),
                RouteQuery.of("istanbul", "harbin", DEPARTURE).withObjective(Objective.cheapest()))) {
            RouteResult result = PLANNER.findRoutes(query, zhaisanQueue(4), Set.of());
            assertThat(result.found())
                    .as(query.origin() + "-" + query.destination())
                    .isTrue();
            assertThat(result.stats().truncated()).isFalse();
            assertThat(result.stats().labelsCreated()).isLessThan(2_000);
        }
    }
}
