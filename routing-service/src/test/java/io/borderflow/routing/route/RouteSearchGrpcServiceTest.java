package io.borderflow.routing.route;

import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.routing.v1.BorderCrossing;
import io.borderflow.api.routing.v1.Cargo;
import io.borderflow.api.routing.v1.ChannelChance;
import io.borderflow.api.routing.v1.CloseLegRequest;
import io.borderflow.api.routing.v1.Corridor;
import io.borderflow.api.routing.v1.DataFreshness;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.api.routing.v1.FindRoutesResponse;
import io.borderflow.api.routing.v1.ListLegsRequest;
import io.borderflow.api.routing.v1.Objective;
import io.borderflow.api.routing.v1.ReopenLegRequest;
import io.borderflow.api.routing.v1.Route;
import io.borderflow.api.routing.v1.RouteConstraints;
import io.borderflow.api.routing.v1.RouteLeg;
import io.borderflow.api.routing.v1.RoutingServiceGrpc.RoutingServiceBlockingStub;
import io.borderflow.api.routing.v1.TrainTransit;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.GrpcAssertions.Failure;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FindRoutes end to end inside routing-service, Urumqi to Moscow over the shipped corridor network, with
 * checkpoint-service and inspection-service played by stand-ins served by the service under test: the stand-in's
 * status stream feeds the local cache as the real one would, and stopping a stand-in is a peer going down.
 */
@QuarkusTest
class RouteSearchGrpcServiceTest {
    private static final Duration DAY = Duration.ofDays(1);

    @GrpcClient
    RoutingServiceBlockingStub routing;

    @AfterEach
    void peersBackAndQueuesGone() {
        FakeCheckpointService.comeBack();
        FakeInspectionService.down = false;
        FakeCheckpointService.STATUSES
                .keySet()
                .forEach(id -> FakeCheckpointService.publish(FakeCheckpointService.status(id, 0, 12.5, 0)));
    }

    private RoutingServiceBlockingStub as(CallCredentials credentials) {
        return routing.withDeadlineAfter(20, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    private static Cargo cargo(String hsCode) {
        return Cargo.newBuilder()
                .setOriginCountryCode("CN")
                .setDestinationCountryCode("RU")
                .addGoodsLines(GoodsLine.newBuilder()
                        .setHsCode(hsCode)
                        .setDescription("goods " + hsCode)
                        .setQuantity(100)
                        .setQuantityUnit("pcs")
                        .setNetWeightKg(12_000)
                        .setCustomsValue(250_000)
                        .setCurrency("USD")
                        .setOriginCountryCode("CN"))
                .build();
    }

    private static FindRoutesRequest.Builder urumqiToMoscow(Cargo cargo) {
        return FindRoutesRequest.newBuilder()
                .setOrigin("places/urumqi")
                .setDestination("places/moscow")
                .setCargo(cargo);
    }

    private FindRoutesResponse find(FindRoutesRequest.Builder request) {
        return as(TestTokens.as(Roles.FREIGHT_PLATFORM)).findRoutes(request.build());
    }

    private static boolean crosses(Route route, String checkpointId) {
        return route.getCrossingsList().stream().anyMatch(c -> c.getCheckpoint().equals("checkpoints/" + checkpointId));
    }

    private static Duration duration(com.google.protobuf.Duration d) {
        return ProtoTimes.duration(d);
    }

    /** Only the road through Zhaisan is left: every other crossing to Russia avoided, no ferry. */
    private static FindRoutesRequest.Builder throughZhaisan(Cargo cargo) {
        return urumqiToMoscow(cargo)
                .setConstraints(RouteConstraints.newBuilder()
                        .addAllowedModes(io.borderflow.api.routing.v1.TransportMode.TRANSPORT_MODE_ROAD)
                        .addAllAvoidCheckpoints(List.of(
                                "checkpoints/syrym",
                                "checkpoints/zhelkuar",
                                "checkpoints/mamlyutka",
                                "checkpoints/kairak",
                                "checkpoints/zabaykalsk",
                                "checkpoints/blagoveshchensk",
                                "checkpoints/pogranichny")));
    }

    private BorderCrossing zhaisanOf(FindRoutesResponse response) {
        return response.getRoutesList().stream()
                .flatMap(r -> r.getCrossingsList().stream())
                .filter(c -> c.getCheckpoint().equals("checkpoints/zhaisan"))
                .findFirst()
                .orElseThrow();
    }

    /** Publishes a Zhaisan backlog of 2,500 trucks cleared at 12.5 an hour (about 8 days), and waits for the cache. */
    private void zhaisanBacklog() {
        FakeCheckpointService.publish(FakeCheckpointService.status("zhaisan", 2500, 12.5, 12));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(duration(
                                zhaisanOf(find(throughZhaisan(cargo("940320")))).getWaitMedian()))
                        .isGreaterThan(Duration.ofDays(5)));
    }

    @Test
    void withAZhaisanBacklogTheFastestRouteGoesRoundItAndSaysWhy() {
        zhaisanBacklog();

        FindRoutesResponse response = find(urumqiToMoscow(cargo("940320"))
                .setConstraints(RouteConstraints.newBuilder().setMaxAlternatives(10)));

        assertThat(response.getNoRouteReason()).isEmpty();
        List<Route> routes = response.getRoutesList();
        assertThat(routes).isNotEmpty();
        assertThat(routes).extracting(Route::getRank).startsWith(1);
        Route best = routes.get(0);
        assertThat(crosses(best, "zhaisan")).isFalse();
        assertThat(best.getLabel()).isNotBlank();
        assertThat(best.getExplanation()).isNotBlank();
        assertThat(best.getLegsList()).isNotEmpty();
        assertThat(best.getLegs(0).getFromPlace()).isEqualTo("places/urumqi");
        assertThat(best.getLegs(best.getLegsCount() - 1).getToPlace()).isEqualTo("places/moscow");
        assertThat(duration(best.getP90Time())).isGreaterThanOrEqualTo(duration(best.getMedianTime()));
        assertThat(best.getCost().getTotal())
                .isCloseTo(
                        best.getCost().getDistance()
                                + best.getCost().getTime()
                                + best.getCost().getFerry()
                                + best.getCost().getRail()
                                + best.getCost().getBorderFees(),
                        org.assertj.core.data.Offset.offset(0.05));
        // forced through Zhaisan, the truck finds the queue: about 2,500 / 12.5 an hour, less what drains before
        // it gets there, live from the status stream
        Route viaZhaisan = find(throughZhaisan(cargo("940320"))).getRoutes(0);
        BorderCrossing zhaisan = zhaisanOf(find(throughZhaisan(cargo("940320"))));
        assertThat(duration(zhaisan.getWaitMedian())).isBetween(Duration.ofDays(6), Duration.ofDays(9));
        assertThat(zhaisan.getWaitFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE);
        assertThat(duration(viaZhaisan.getMedianTime())).isGreaterThan(duration(best.getMedianTime()));
        assertThat(viaZhaisan.getLiveData().getStale()).isFalse();
        assertThat(viaZhaisan.getLiveData().hasOldestLiveAge()).isTrue();
    }

    @Test
    void behindBacklogsAtEveryKazakhstanRussiaRoadCrossingTheTrainIsTheFastestWithItsTrainsAndTariffs() {
        FakeCheckpointService.publish(FakeCheckpointService.status("altynkol", 0, 20, 0));
        FakeCheckpointService.publish(FakeCheckpointService.status("mamlyutka-station", 0, 20, 0));
        for (String road : List.of("zhaisan", "syrym", "kairak", "zhelkuar", "mamlyutka")) {
            FakeCheckpointService.publish(FakeCheckpointService.status(road, 2500, 12.5, 12));
        }
        FindRoutesRequest.Builder request = urumqiToMoscow(cargo("940320"))
                .setConstraints(RouteConstraints.newBuilder().setMaxAlternatives(10));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        assertThat(find(request).getRoutes(0).getTrainsCount()).isPositive());

        Route best = find(request).getRoutes(0);
        assertThat(best.getLabel()).isEqualTo("Northern route by rail via Altynkol and Mamlyutka Station");
        assertThat(best.getLegsList())
                .extracting(RouteLeg::getMode)
                .contains(io.borderflow.api.routing.v1.TransportMode.TRANSPORT_MODE_RAIL);
        assertThat(best.getTrainsList()).allSatisfy(train -> {
            assertThat(ProtoTimes.instant(train.getDepartureTime()))
                    .isAfterOrEqualTo(
                            ProtoTimes.instant(train.getReadyTime()).plus(duration(train.getHandlingMedian())))
                    .isBefore(ProtoTimes.instant(train.getArrivalTime()));
            assertThat(duration(train.getHandlingP90())).isGreaterThanOrEqualTo(duration(train.getHandlingMedian()));
            assertThat(train.getTariff()).isPositive();
        });
        assertThat(best.getTrains(best.getTrainsCount() - 1).getToPlace()).isEqualTo("places/moscow");
        assertThat(best.getCost().getRail())
                .isCloseTo(
                        best.getTrainsList().stream()
                                .mapToDouble(TrainTransit::getTariff)
                                .sum(),
                        org.assertj.core.data.Offset.offset(0.05));
        assertThat(best.getCost().getTotal())
                .isCloseTo(
                        best.getCost().getDistance()
                                + best.getCost().getTime()
                                + best.getCost().getFerry()
                                + best.getCost().getRail()
                                + best.getCost().getBorderFees(),
                        org.assertj.core.data.Offset.offset(0.05));
        assertThat(best.getCrossingsList())
                .extracting(BorderCrossing::getCheckpoint)
                .containsExactly("checkpoints/altynkol", "checkpoints/mamlyutka-station");
        assertThat(best.getCrossingsList())
                .allSatisfy(crossing ->
                        assertThat(crossing.getWaitFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE));
        // the road routes, queues and all, are still offered, and say what the train avoids
        assertThat(find(request).getRoutesList())
                .filteredOn(route -> route.getTrainsCount() == 0)
                .isNotEmpty()
                .allSatisfy(route -> assertThat(route.getExplanation()).contains("by road instead of by rail"));
    }

    @Test
    void theCargosExpectedInspectionComesFromInspectionService() {
        Route chips = find(urumqiToMoscow(cargo("8542310000"))).getRoutes(0);
        Route furniture = find(urumqiToMoscow(cargo("940320"))).getRoutes(0);

        BorderCrossing crossing = chips.getCrossings(0);
        assertThat(crossing.getChannelFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE);
        assertThat(crossing.getChannelsList())
                .filteredOn(c -> c.getChannel() == Channel.CHANNEL_RED)
                .extracting(ChannelChance::getProbability)
                .containsExactly(0.6);
        assertThat(duration(crossing.getExpectedInspection())).isEqualTo(Duration.ofHours(3));
        assertThat(chips.getRisk().getRedInspectionProbability())
                .isGreaterThan(furniture.getRisk().getRedInspectionProbability());
        assertThat(furniture.getCrossings(0).getChannelsList())
                .filteredOn(c -> c.getChannel() == Channel.CHANNEL_GREEN)
                .extracting(ChannelChance::getProbability)
                .containsExactly(0.95);
    }

    /**
     * A declaration inspection-service does not know is NOT_FOUND at every checkpoint of the search at once; the search
     * answers NOT_FOUND once and drops none of the other checkpoints' answers (they were logged as errors Mutiny had
     * to drop, which the soak test caught).
     */
    @Test
    void anUnknownDeclarationIsNotFoundWithNoFailureLeftUnhandled() {
        List<Throwable> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.smallrye.mutiny.infrastructure.Infrastructure.setDroppedExceptionHandler(dropped::add);
        try {
            for (int i = 0; i < 5; i++) {
                FindRoutesRequest unknown = FindRoutesRequest.newBuilder()
                        .setOrigin("places/urumqi")
                        .setDestination("places/moscow")
                        .setDeclaration("declarations/00000000-0000-0000-0000-00000000000" + i)
                        .build();
                assertFails(() -> find(unknown.toBuilder()), Status.Code.NOT_FOUND, "DECLARATION_NOT_FOUND");
            }
        } finally {
            io.smallrye.mutiny.infrastructure.Infrastructure.resetDroppedExceptionHandler();
        }
        assertThat(dropped).isEmpty();
    }

    /**
     * A stored declaration stands for the cargo for its own carrier only: routing-service forwards the caller's token,
     * inspection-service shows the declaration to its carrier alone, and an assessment made for the owner is never
     * served from the cache to anyone else (a freight platform, another carrier), who are told it does not exist.
     */
    @Test
    void aStoredDeclarationCanStandForTheCargoOfItsOwnCarrierOnly() {
        FindRoutesRequest.Builder byDeclaration = FindRoutesRequest.newBuilder()
                .setOrigin("places/urumqi")
                .setDestination("places/moscow")
                .setDeclaration("declarations/" + java.util.UUID.randomUUID());
        CallCredentials owner = TestTokens.bearer(TestTokens.issuer()
                .token("fleet-kaz-trans")
                .roles(Roles.CARRIER)
                .carrier(FakeInspectionService.OWNER)
                .sign());
        CallCredentials otherCarrier = TestTokens.bearer(TestTokens.issuer()
                .token("fleet-other")
                .roles(Roles.CARRIER)
                .carrier("other-carrier")
                .sign());

        BorderCrossing crossing =
                as(owner).findRoutes(byDeclaration.build()).getRoutes(0).getCrossings(0);

        assertThat(crossing.getChannelFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE);
        assertThat(crossing.getChannelsList())
                .filteredOn(c -> c.getChannel() == Channel.CHANNEL_RED)
                .extracting(ChannelChance::getProbability)
                .containsExactly(0.6);
        // the owner's assessment is cached now; the same declaration for anyone else is still not there
        assertFails(
                () -> as(otherCarrier).findRoutes(byDeclaration.build()),
                Status.Code.NOT_FOUND,
                "DECLARATION_NOT_FOUND");
        assertFails(() -> find(byDeclaration), Status.Code.NOT_FOUND, "DECLARATION_NOT_FOUND");
        assertFails(
                () -> as(owner)
                        .findRoutes(byDeclaration
                                .clone()
                                .setDeclaration("declarations/00000000-0000-0000-0000-000000000000")
                                .build()),
                Status.Code.NOT_FOUND,
                "DECLARATION_NOT_FOUND");
        assertThat(assertFails(
                                () -> find(byDeclaration.clone().setCargo(cargo("940320"))),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_ROUTE_QUERY")
                        .badFields())
                .containsExactly("cargo");
    }

    @Test
    void aSearchReadsTheBorderWaitsFromTheStreamAndAsksCheckpointServiceNothing() {
        zhaisanBacklog(); // the Zhaisan wait the searches see came through the stream
        int before = FakeCheckpointService.STATUS_CALLS.get();

        for (String hs : List.of("940320", "870899", "854231", "620342", "847130")) {
            FindRoutesResponse response = find(urumqiToMoscow(cargo(hs)));
            assertThat(response.getRoutesList()).isNotEmpty();
            assertThat(response.getRoutes(0).getLiveData().getStale()).isFalse();
        }

        assertThat(FakeCheckpointService.STATUS_CALLS.get())
                .as("status calls during the searches")
                .isEqualTo(before);
    }

    @Test
    void whenCheckpointServiceStopsRoutesStillComeBackFromTheLastStatusMarkedStale() {
        zhaisanBacklog();
        FakeCheckpointService.goDown();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            FindRoutesResponse response = find(throughZhaisan(cargo("940320")));
            assertThat(response.getRoutes(0).getLiveData().getStale()).isTrue();
            BorderCrossing zhaisan = zhaisanOf(response);
            assertThat(zhaisan.getWaitFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_STALE);
            assertThat(duration(zhaisan.getWaitMedian())).isGreaterThan(Duration.ofDays(5));
        });

        // back: the stream is opened again and the figures are live once more
        FakeCheckpointService.comeBack();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(find(urumqiToMoscow(cargo("940320")))
                                .getRoutes(0)
                                .getLiveData()
                                .getStale())
                        .isFalse());
    }

    @Test
    void whenInspectionServiceIsDownANewCargoIsAssumedToGetADocumentaryCheck() {
        FakeInspectionService.down = true;

        Route route = find(urumqiToMoscow(cargo("870899"))).getRoutes(0);

        BorderCrossing crossing = route.getCrossings(0);
        assertThat(crossing.getChannelFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_NOMINAL);
        assertThat(crossing.getChannelsList())
                .filteredOn(c -> c.getChannel() == Channel.CHANNEL_YELLOW)
                .extracting(ChannelChance::getProbability)
                .containsExactly(1.0);
    }

    @Test
    void aClosedLegIsAvoidedFromTheNextSearchUntilItIsReopened() {
        CallCredentials operator = TestTokens.as(Roles.NETWORK_OPERATOR);
        Route before = find(urumqiToMoscow(cargo("940320"))).getRoutes(0);
        String firstLeg = before.getLegs(0).getLeg();

        var closed = as(operator)
                .closeLeg(CloseLegRequest.newBuilder()
                        .setName(firstLeg)
                        .setReason("landslide on the road")
                        .build())
                .getLeg();
        try {
            assertThat(closed.getClosed()).isTrue();
            assertThat(closed.getClosureReason()).isEqualTo("landslide on the road");
            assertThat(as(TestTokens.as(Roles.FREIGHT_PLATFORM))
                            .listLegs(ListLegsRequest.newBuilder()
                                    .setPlace(before.getLegs(0).getFromPlace())
                                    .setPageSize(100)
                                    .build())
                            .getLegsList())
                    .filteredOn(l -> l.getName().equals(firstLeg))
                    .singleElement()
                    .satisfies(l -> assertThat(l.getClosed()).isTrue());
            List<Route> after = find(urumqiToMoscow(cargo("940320"))).getRoutesList();
            assertThat(after)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getLegsList())
                            .noneMatch(l -> l.getLeg().equals(firstLeg)));
        } finally {
            assertThat(as(operator)
                            .reopenLeg(ReopenLegRequest.newBuilder()
                                    .setName(firstLeg)
                                    .build())
                            .getLeg()
                            .getClosed())
                    .isFalse();
        }
        assertThat(find(urumqiToMoscow(cargo("940320"))).getRoutes(0).getLegs(0).getLeg())
                .isEqualTo(firstLeg);

        assertFails(
                () -> as(operator)
                        .closeLeg(CloseLegRequest.newBuilder()
                                .setName("legs/atlantis-express")
                                .setReason("no such road")
                                .build()),
                Status.Code.NOT_FOUND,
                "LEG_NOT_FOUND");
        assertFails(
                () -> as(operator)
                        .closeLeg(CloseLegRequest.newBuilder().setName(firstLeg).build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_REASON");
        assertThat(Status.fromThrowable(org.assertj.core.api.Assertions.catchThrowable(
                                () -> as(TestTokens.as(Roles.FREIGHT_PLATFORM))
                                        .closeLeg(CloseLegRequest.newBuilder()
                                                .setName(firstLeg)
                                                .setReason("not mine to close")
                                                .build())))
                        .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void constraintsAndObjectivesShapeTheAnswer() {
        List<Route> avoiding = find(urumqiToMoscow(cargo("940320"))
                        .setConstraints(RouteConstraints.newBuilder()
                                .addAvoidCountryCodes("KZ")
                                .setMaxAlternatives(3)))
                .getRoutesList();
        assertThat(avoiding).isNotEmpty().hasSizeLessThanOrEqualTo(3).allSatisfy(r -> {
            assertThat(r.getCorridor()).isEqualTo(Corridor.CORRIDOR_RUSSIA_CHINA_DIRECT);
            assertThat(r.getCrossingsList())
                    .noneMatch(c -> c.getToCountryCode().equals("KZ")
                            || c.getFromCountryCode().equals("KZ"));
        });
        var departure = ProtoTimes.timestamp(Instant.now().plus(Duration.ofHours(1)));
        Route cheapest = find(urumqiToMoscow(cargo("940320"))
                        .setDepartureTime(departure)
                        .setObjective(Objective.OBJECTIVE_CHEAPEST))
                .getRoutes(0);
        Route fastest = find(urumqiToMoscow(cargo("940320"))
                        .setDepartureTime(departure)
                        .setObjective(Objective.OBJECTIVE_FASTEST))
                .getRoutes(0);
        assertThat(cheapest.getCost().getTotal())
                .isLessThanOrEqualTo(fastest.getCost().getTotal());
        assertThat(duration(fastest.getMedianTime())).isLessThanOrEqualTo(duration(cheapest.getMedianTime()));

        FindRoutesResponse tooSoon = find(urumqiToMoscow(cargo("940320"))
                .setConstraints(RouteConstraints.newBuilder()
                        .setLatestArrivalTime(ProtoTimes.timestamp(Instant.now().plus(DAY)))));
        assertThat(tooSoon.getRoutesList()).isEmpty();
        assertThat(tooSoon.getNoRouteReason()).isEqualTo("LATEST_ARRIVAL_UNREACHABLE");
    }

    @Test
    void badRequestsAreRefusedNamingTheFields() {
        Failure malformed = assertFails(
                () -> find(FindRoutesRequest.newBuilder()
                        .setOrigin("urumqi")
                        .setDestination("places/moscow")
                        .setCargo(cargo("94").toBuilder().setDestinationCountryCode("ru"))
                        .setDepartureTime(ProtoTimes.timestamp(Instant.now().plus(Duration.ofDays(90))))
                        .setConstraints(RouteConstraints.newBuilder()
                                .addAvoidCheckpoints("zhaisan")
                                .setMaxAlternatives(11))),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_ROUTE_QUERY");
        assertThat(malformed.badFields()).contains("origin", "constraints.avoid_checkpoints[0]");
        Failure shape = assertFails(
                () -> find(urumqiToMoscow(cargo("94").toBuilder()
                                .setDestinationCountryCode("ru")
                                .build())
                        .setDepartureTime(ProtoTimes.timestamp(Instant.now().plus(Duration.ofDays(90))))
                        .setConstraints(RouteConstraints.newBuilder().setMaxAlternatives(11))),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_ROUTE_QUERY");
        assertThat(shape.badFields())
                .containsExactlyInAnyOrder(
                        "departure_time",
                        "constraints.max_alternatives",
                        "cargo.goods_lines[0].hs_code",
                        "cargo.destination_country_code");
        assertThat(assertFails(
                                () -> find(urumqiToMoscow(cargo("940320"))
                                        .setDepartureTime(ProtoTimes.timestamp(
                                                Instant.now().minus(Duration.ofDays(10))))),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_ROUTE_QUERY")
                        .badFields())
                .as("a departure in the distant past")
                .containsExactly("departure_time");
        assertFails(
                () -> find(FindRoutesRequest.newBuilder()
                        .setOrigin("places/urumqi")
                        .setDestination("places/moscow")),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_ROUTE_QUERY");
        assertFails(
                () -> find(urumqiToMoscow(cargo("940320")).setDestination("places/atlantis")),
                Status.Code.NOT_FOUND,
                "PLACE_NOT_FOUND");
        assertThat(Status.fromThrowable(org.assertj.core.api.Assertions.catchThrowable(() -> as(TestTokens.as(
                                        Roles.CUSTOMS_OFFICER))
                                .findRoutes(urumqiToMoscow(cargo("940320")).build())))
                        .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }
}
