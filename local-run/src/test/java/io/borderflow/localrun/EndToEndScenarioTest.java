package io.borderflow.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import io.borderflow.api.checkpoint.v1.ChannelWaitEstimate;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.CheckpointStatus;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventAck;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.DirectionStatus;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.ForecastWaitsRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.InspectionChannel;
import io.borderflow.api.checkpoint.v1.OperationalStatus;
import io.borderflow.api.checkpoint.v1.QueueCount;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsResponse;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.api.checkpoint.v1.TruckVisit;
import io.borderflow.api.checkpoint.v1.WaitForecast;
import io.borderflow.api.checkpoint.v1.WaitQuery;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusResponse;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.CheckpointLoad;
import io.borderflow.api.inspection.v1.CreateRulesetRequest;
import io.borderflow.api.inspection.v1.Decision;
import io.borderflow.api.inspection.v1.DecisionReason;
import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.Detection;
import io.borderflow.api.inspection.v1.GetRulePerformanceRequest;
import io.borderflow.api.inspection.v1.GetRulePerformanceResponse;
import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.InspectionOutcome;
import io.borderflow.api.inspection.v1.InspectionResult;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc.InspectionServiceBlockingStub;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.api.inspection.v1.RecordInspectionResultRequest;
import io.borderflow.api.inspection.v1.RiskRule;
import io.borderflow.api.inspection.v1.RulePerformance;
import io.borderflow.api.inspection.v1.Ruleset;
import io.borderflow.api.inspection.v1.RulesetState;
import io.borderflow.api.inspection.v1.SimulateRulesetRequest;
import io.borderflow.api.inspection.v1.SimulateRulesetResponse;
import io.borderflow.api.inspection.v1.SimulationOutcome;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.api.inspection.v1.SubmitDeclarationResponse;
import io.borderflow.api.routing.v1.BorderCrossing;
import io.borderflow.api.routing.v1.Cargo;
import io.borderflow.api.routing.v1.Corridor;
import io.borderflow.api.routing.v1.DataFreshness;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.api.routing.v1.FindRoutesResponse;
import io.borderflow.api.routing.v1.Objective;
import io.borderflow.api.routing.v1.Route;
import io.borderflow.api.routing.v1.RouteConstraints;
import io.borderflow.api.routing.v1.RoutingServiceGrpc;
import io.borderflow.api.routing.v1.RoutingServiceGrpc.RoutingServiceBlockingStub;
import io.borderflow.api.routing.v1.TransportMode;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.GrpcAssertions;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story of issue 8, told once against the suite as separate processes on one machine (the local run's wiring,
 * embedded PostgreSQL, free ports, a fresh data folder), every step through gRPC as a partner would call it: a backlog
 * builds up at Zhaisan, customs sends some of the trucks to the red channel, the status stream reports the queue,
 * route searches from Urumqi to Moscow go round it, officers record what the red inspections found, and a risk analyst
 * replays the day's declarations through a candidate ruleset. Expectations come from the inputs (trucks loaded,
 * declarations submitted) and from what the services answered in earlier steps, never from figures written here.
 */
class EndToEndScenarioTest {
    private static final String ZHAISAN = "checkpoints/zhaisan";
    private static final String ZHAISAN_STATUS = ZHAISAN + "/status";
    /** Trucks cleared over the last hours at Zhaisan's pace (300 a day), so that its clearance rate is observed. */
    private static final int CLEARED = 150;

    private static final Duration CLEARED_OVER = Duration.ofHours(12);
    /** Trucks still waiting, arrived over the last two days: two days of work at that pace. */
    private static final int WAITING = 600;

    private static final Duration WAITING_ARRIVED_OVER = Duration.ofHours(48);
    /** Of the trucks reaching the queue last, with declarations: integrated circuits for Russia, and garments. */
    /** The route search's time margin of dominance (SearchLimits.standard(), "How routes are found" in the README). */
    private static final Duration SEARCH_TIME_MARGIN = Duration.ofMinutes(15);

    private static final int CHIPS_TRUCKS = 3;
    private static final int GARMENT_TRUCKS = 3;

    @TempDir
    Path data;

    @Test
    void aZhaisanBacklogRedInspectionsRoutesAroundItAndAWhatIfOverTheDaysDeclarations() throws Exception {
        int[] ports = FreePorts.take(4);
        Instant storyStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        try (RunningSuite suite = RunningSuite.start(FreePorts.suite(data, ports))) {
            ManagedChannel checkpointChannel = channel(ports[1]);
            ManagedChannel inspectionChannel = channel(ports[2]);
            ManagedChannel routingChannel = channel(ports[3]);
            try {
                new Story(suite.issuer(), checkpointChannel, inspectionChannel, routingChannel, storyStart).tell();
            } finally {
                for (ManagedChannel channel : List.of(checkpointChannel, inspectionChannel, routingChannel)) {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** The partners of the story, each with its own token, and what earlier steps left for later ones. */
    private static final class Story {
        private final ManagedChannel checkpointChannel;
        private final ManagedChannel inspectionChannel;
        private final ManagedChannel routingChannel;
        private final Instant storyStart;
        private final CallCredentials platform;
        private final CallCredentials post;
        private final CallCredentials officer;
        private final CallCredentials analyst;
        private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        private final List<Decision> redDecisions = new ArrayList<>();
        /** The garments' decisions: GREEN, or YELLOW where the random compliance sample drew the declaration. */
        private final List<Decision> harmlessDecisions = new ArrayList<>();

        Story(
                DevTokenIssuer issuer,
                ManagedChannel checkpointChannel,
                ManagedChannel inspectionChannel,
                ManagedChannel routingChannel,
                Instant storyStart) {
            this.checkpointChannel = checkpointChannel;
            this.inspectionChannel = inspectionChannel;
            this.routingChannel = routingChannel;
            this.storyStart = storyStart;
            platform = TestTokens.bearer(issuer.token("freight-platform-e2e")
                    .roles(Roles.FREIGHT_PLATFORM)
                    .sign());
            post = TestTokens.bearer(issuer.token("post-zhaisan-e2e")
                    .roles(Roles.BORDER_OPERATOR)
                    .checkpoints(List.of("zhaisan"))
                    .sign());
            officer = TestTokens.bearer(issuer.token("officer-zhaisan-e2e")
                    .roles(Roles.CUSTOMS_OFFICER)
                    .sign());
            analyst = TestTokens.bearer(
                    issuer.token("analyst-e2e").roles(Roles.RISK_ANALYST).sign());
        }

        void tell() throws Exception {
            Route before = routesBeforeAnything();
            // 2. A freight platform watches Zhaisan's status; the stream starts with the status now (no queue)
            try (StatusWatch watch = StatusWatch.open(checkpointChannel, platform)) {
                CheckpointStatus empty = watch.first();
                loadTheBacklog();
                declareAndArriveTheLastTrucks();
                CheckpointStatus congested = theStatusStreamShowsTheBacklog(watch, empty);
                routesAfterTheBacklog(before, congested);
            }
            recordTheRedInspections();
            simulateACandidateRuleset();
        }

        /** 1. Before anything: the fastest route is northern, through Zhaisan, on live (empty) border figures. */
        private Route routesBeforeAnything() {
            // routing-service opens its status stream at start-up, and asks inspection-service for the cargo's
            // assessment on the first search of it: wait until both of Zhaisan's figures are live
            AtomicReference<FindRoutesResponse> found = new AtomicReference<>();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        FindRoutesResponse response =
                                routes().findRoutes(search(cargo(chips())).build());
                        BorderCrossing zhaisan = zhaisanOf(response.getRoutes(0));
                        assertThat(zhaisan.getWaitFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE);
                        assertThat(zhaisan.getChannelFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE);
                        found.set(response);
                    });
            FindRoutesResponse response = found.get();
            assertThat(response.getNoRouteReason()).isEmpty();
            Route best = response.getRoutes(0);
            assertThat(best.getRank()).isEqualTo(1);
            assertThat(best.getCorridor()).isEqualTo(Corridor.CORRIDOR_NORTHERN);
            assertThat(best.getLabel()).contains("Zhaisan");
            assertThat(best.getLegs(0).getFromPlace()).isEqualTo("places/urumqi");
            assertThat(best.getLegs(best.getLegsCount() - 1).getToPlace()).isEqualTo("places/moscow");
            BorderCrossing zhaisan = zhaisanOf(best);
            assertThat(zhaisan.getFromCountryCode()).isEqualTo("KZ");
            assertThat(zhaisan.getToCountryCode()).isEqualTo("RU");
            assertThat(zhaisan.getChannelFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE);
            // integrated circuits for Russia: inspection-service's assessment gives them a chance of RED at Zhaisan
            assertThat(zhaisan.getChannelsList()).anySatisfy(c -> {
                assertThat(c.getChannel()).isEqualTo(Channel.CHANNEL_RED);
                assertThat(c.getProbability()).isPositive();
            });
            assertThat(best.getRisk().getRedInspectionProbability()).isPositive();
            assertThat(ProtoTimes.duration(zhaisan.getWaitMedian())).isLessThan(Duration.ofHours(1));
            assertThat(best.getLiveData().getStale()).isFalse();
            return best;
        }

        /** 3. The border post reports the backlog through one event stream: every event acknowledged ACCEPTED. */
        private void loadTheBacklog() throws InterruptedException {
            List<CrossingEvent> events = new ArrayList<>();
            Instant clearedFrom = now.minus(CLEARED_OVER);
            for (int i = 0; i < CLEARED; i++) {
                Instant cleared = clearedFrom.plusSeconds(CLEARED_OVER.toSeconds() * (i + 1) / CLEARED - 30);
                Instant arrived = cleared.minus(Duration.ofHours(40 + i % 8));
                String plate = String.format("E2E C%04d", i);
                events.add(
                        event("e2e-arrived-c" + i, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, arrived, plate, ""));
                events.add(
                        event("e2e-cleared-c" + i, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, cleared, plate, ""));
            }
            Instant waitingFrom = now.minus(WAITING_ARRIVED_OVER);
            for (int i = 0; i < WAITING; i++) {
                Instant arrived = waitingFrom.plusSeconds(WAITING_ARRIVED_OVER.toSeconds() * i / WAITING);
                events.add(event(
                        "e2e-arrived-w" + i,
                        CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                        arrived,
                        String.format("E2E W%04d", i),
                        ""));
            }
            List<CrossingEventAck> acks = stream(events);
            assertThat(acks)
                    .extracting(CrossingEventAck::getEventId)
                    .containsExactlyElementsOf(
                            events.stream().map(CrossingEvent::getEventId).toList());
            assertThat(acks)
                    .allSatisfy(ack -> assertThat(ack.getOutcome())
                            .as(ack.toString())
                            .isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED));
        }

        /**
         * 4. Customs decides the declarations of the last trucks to come: integrated circuits (HS 8542, CHPL tier 1)
         * bound for Russia are RED, garments GREEN (or YELLOW when the 5% random compliance sample draws one); the
         * trucks arrive with their declarations and checkpoint-service files each under its decision's channel.
         */
        private void declareAndArriveTheLastTrucks() throws InterruptedException {
            String deciding = activeRuleset().getName();
            List<CrossingEvent> arrivals = new ArrayList<>();
            for (int i = 0; i < CHIPS_TRUCKS + GARMENT_TRUCKS; i++) {
                boolean chips = i < CHIPS_TRUCKS;
                String plate = String.format("E2E D%04d", i);
                Declaration.Builder declaration =
                        (chips ? chips() : garments()).toBuilder().setVehiclePlate(plate);
                SubmitDeclarationResponse submitted = inspection(officer)
                        .submitDeclaration(SubmitDeclarationRequest.newBuilder()
                                .setRequestId("e2e-declaration-" + i)
                                .setDeclaration(declaration)
                                .build());
                Decision decision = submitted.getDecision();
                assertThat(submitted.getDeclaration().getName()).startsWith("declarations/");
                assertThat(decision.getName())
                        .isEqualTo(submitted.getDeclaration().getName() + "/decision");
                assertThat(decision.getCheckpoint()).isEqualTo(ZHAISAN);
                assertThat(decision.getRuleset()).isEqualTo(deciding);
                if (chips) {
                    assertThat(decision.getChannel()).as(decision.toString()).isEqualTo(Channel.CHANNEL_RED);
                    assertThat(decision.getReasonsList())
                            .extracting(DecisionReason::getRuleId)
                            .contains("CHPL-TIER-1");
                    redDecisions.add(decision);
                } else {
                    // released, unless the random compliance sample (a stable draw from the content) picked it
                    assertThat(decision.getChannel())
                            .as(decision.toString())
                            .isEqualTo(decision.getRandomSample() ? Channel.CHANNEL_YELLOW : Channel.CHANNEL_GREEN);
                    assertThat(decision.getReasonsList())
                            .extracting(DecisionReason::getRuleId)
                            .doesNotContain("CHPL-TIER-1");
                    harmlessDecisions.add(decision);
                }
                arrivals.add(event(
                        "e2e-arrived-d" + i,
                        CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                        now.minusSeconds(60L * (CHIPS_TRUCKS + GARMENT_TRUCKS - i)),
                        plate,
                        submitted.getDeclaration().getName()));
            }
            assertThat(stream(arrivals))
                    .allSatisfy(ack -> assertThat(ack.getOutcome())
                            .as(ack.toString())
                            .isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED));

            assertThat(harmlessDecisions)
                    .extracting(Decision::getChannel)
                    .as("not every garment drawn by the sample")
                    .contains(Channel.CHANNEL_GREEN);
            for (int i = 0; i < CHIPS_TRUCKS + GARMENT_TRUCKS; i++) {
                String name = ZHAISAN + "/trucks/E2ED" + String.format("%04d", i);
                InspectionChannel expected = filedUnder(decision(i).getChannel());
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            TruckVisit truck = checkpoints(post, 10)
                                    .getTruck(GetTruckRequest.newBuilder()
                                            .setName(name)
                                            .build())
                                    .getTruck();
                            assertThat(truck.getDecisionReceived()).as(name).isTrue();
                            assertThat(truck.getChannel()).as(name).isEqualTo(expected);
                        });
            }
        }

        /** The queue of the trucks leaving Kazakhstan at the checkpoint. */
        private static DirectionStatus leaving(CheckpointStatus status) {
            return status.getDirectionsList().stream()
                    .filter(d -> d.getDirection() == Direction.DIRECTION_EXIT)
                    .findFirst()
                    .orElseThrow();
        }

        /**
         * 5. The status stream reports the queue: an update counts every truck loaded, the declared ones under their
         * channels, and a truck arriving now waits longer than on the empty crossing; GetCheckpointStatus agrees.
         */
        private CheckpointStatus theStatusStreamShowsTheBacklog(StatusWatch watch, CheckpointStatus empty) {
            int expectedWaiting = WAITING + CHIPS_TRUCKS + GARMENT_TRUCKS;
            assertThat(empty.getName()).isEqualTo(ZHAISAN_STATUS);
            assertThat(empty.getTrucksWaiting()).isZero();
            Duration emptyWait = unknownChannelWait(empty);

            Map<InspectionChannel, Integer> filed = new EnumMap<>(InspectionChannel.class);
            for (int i = 0; i < CHIPS_TRUCKS + GARMENT_TRUCKS; i++) {
                filed.merge(filedUnder(decision(i).getChannel()), 1, Integer::sum);
            }
            filed.put(InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED, WAITING);
            CheckpointStatus congested = watch.awaitStatus(
                    Duration.ofSeconds(60),
                    s -> s.getTrucksWaiting() == expectedWaiting
                            && filed.entrySet().stream().allMatch(e -> count(s, e.getKey()) == e.getValue()));
            assertThat(count(congested, InspectionChannel.INSPECTION_CHANNEL_RED))
                    .isEqualTo(CHIPS_TRUCKS);
            assertThat(congested.getName()).isEqualTo(ZHAISAN_STATUS);
            assertThat(congested.getOperationalStatus()).isEqualTo(OperationalStatus.OPERATIONAL_STATUS_CONGESTED);
            assertThat(congested.getStatusReason()).contains(expectedWaiting + " trucks wait");
            assertThat(congested.getClearancesLast24H()).isEqualTo(CLEARED);
            assertThat(congested.getObservedWaits().getTrucks()).isEqualTo(CLEARED);
            Duration wait = unknownChannelWait(congested);
            assertThat(wait).isGreaterThan(emptyWait).isGreaterThanOrEqualTo(Duration.ofDays(1));
            // the fluid model: the work ahead over the clearance rate the status states, in the direction the trucks
            // travel (they leave Kazakhstan; the entering direction is empty)
            DirectionStatus leaving = leaving(congested);
            assertThat(leaving.getTrucksWaiting()).isEqualTo(expectedWaiting);
            assertThat(leaving.getOperationalStatus()).isEqualTo(OperationalStatus.OPERATIONAL_STATUS_CONGESTED);
            double hours = leaving.getTrucksWaiting() / leaving.getClearancesPerOpenHour();
            assertThat(wait.toMinutes() / 60.0).isCloseTo(hours, withPercentage(15));

            CheckpointStatus asked = checkpoints(platform, 10)
                    .getCheckpointStatus(GetCheckpointStatusRequest.newBuilder()
                            .setName(ZHAISAN_STATUS)
                            .build())
                    .getStatus();
            assertThat(asked.getTrucksWaiting()).isEqualTo(congested.getTrucksWaiting());
            assertThat(asked.getWaitingList()).containsExactlyInAnyOrderElementsOf(congested.getWaitingList());
            assertThat(asked.getOperationalStatus()).isEqualTo(congested.getOperationalStatus());
            assertThat(asked.getClearancesLast24H()).isEqualTo(congested.getClearancesLast24H());
            assertThat(unknownChannelWait(asked)).isCloseTo(wait, Duration.ofHours(1));
            return congested;
        }

        /**
         * 6. After the backlog the fastest route no longer queues at Zhaisan; forced through Zhaisan, the truck meets
         * the queue, live; and the explanations say what the difference is.
         */
        private void routesAfterTheBacklog(Route before, CheckpointStatus congested) {
            AtomicReference<FindRoutesResponse> forced = new AtomicReference<>();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        FindRoutesResponse response = routes().findRoutes(
                                        throughZhaisan(cargo(chips())).build());
                        BorderCrossing zhaisan = zhaisanOf(response.getRoutes(0));
                        assertThat(zhaisan.getWaitFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE);
                        assertThat(ProtoTimes.duration(zhaisan.getWaitMedian())).isGreaterThan(Duration.ofDays(1));
                        forced.set(response);
                    });
            FindRoutesResponse after =
                    routes().findRoutes(search(cargo(chips())).build());
            Route best = after.getRoutes(0);
            assertThat(best.getCorridor()).isEqualTo(Corridor.CORRIDOR_NORTHERN);
            assertThat(crossesZhaisan(best)).as(summary(after)).isFalse();
            assertThat(best.getLiveData().getStale()).isFalse();
            assertThat(best.getExplanation()).startsWith("fastest: ");
            // through Zhaisan the truck now meets the queue the status reports (forecast for when it gets there), so
            // it is slower than the route that goes round, and than the same road before the backlog
            Route viaZhaisan = forced.get().getRoutes(0);
            BorderCrossing queue = zhaisanOf(viaZhaisan);
            assertThat(viaZhaisan.getLabel()).isEqualTo(before.getLabel());
            assertThat(ProtoTimes.duration(queue.getWaitMedian()))
                    .isGreaterThan(ProtoTimes.duration(zhaisanOf(before).getWaitMedian()));
            assertThat(ProtoTimes.duration(viaZhaisan.getMedianTime()))
                    .isGreaterThan(ProtoTimes.duration(best.getMedianTime()))
                    .isGreaterThan(ProtoTimes.duration(before.getMedianTime()));
            // the way round is no faster than the best before the backlog, to within the search's 15-minute time
            // margin: before, a route up to 15 minutes faster than the one through Zhaisan may have been dropped as
            // matched by it (SearchLimits.standard(); whether it was depends on the hour the search ran)
            assertThat(ProtoTimes.duration(best.getMedianTime()))
                    .isGreaterThanOrEqualTo(
                            ProtoTimes.duration(before.getMedianTime()).minus(SEARCH_TIME_MARGIN));
            // the wait at Zhaisan is checkpoint-service's own forecast for the truck's arrival, direction (leaving
            // Kazakhstan) and channel: routing applies the same forecast (QueueForecast) to the status it streams, so
            // the two differ only by the seconds between the statuses they start from
            WaitForecast forecast = checkpoints(platform, 10)
                    .forecastWaits(ForecastWaitsRequest.newBuilder()
                            .addQueries(WaitQuery.newBuilder()
                                    .setCheckpoint("checkpoints/zhaisan")
                                    .setDirection(Direction.DIRECTION_EXIT)
                                    .setArrivalTime(queue.getArrivalTime())
                                    .setChannel(InspectionChannel.INSPECTION_CHANNEL_GREEN))
                            .build())
                    .getForecasts(0);
            assertThat(forecast.hasOpensTime()).isFalse();
            assertThat(queue.getWaitMedian().getSeconds() / 3600.0)
                    .isCloseTo(forecast.getWait().getSeconds() / 3600.0, withPercentage(2));
            // the route through Zhaisan is slower and dearer with no less risk, so it is not offered beside the
            // best; any alternative that still queues at Zhaisan would say so
            if (after.getRoutesCount() == 1) {
                assertThat(best.getExplanation()).endsWith("no other route found is faster, cheaper or less risky");
            }
            after.getRoutesList().stream()
                    .filter(EndToEndScenarioTest::crossesZhaisan)
                    .forEach(route -> assertThat(route.getExplanation())
                            .as(route.getLabel())
                            .contains("queues at Zhaisan (about "));
        }

        /**
         * 7. Officers record what the red inspections found (misdeclared goods confirming CHPL-TIER-1 on all but the
         * last truck, nothing on the last), once per decision; the rule performance of the period reads them back.
         */
        private void recordTheRedInspections() {
            for (int i = 0; i < redDecisions.size(); i++) {
                Decision decision = redDecisions.get(i);
                boolean found = i < redDecisions.size() - 1;
                RecordInspectionResultRequest request = RecordInspectionResultRequest.newBuilder()
                        .setDecision(decision.getName())
                        .setOutcome(
                                found
                                        ? InspectionOutcome.INSPECTION_OUTCOME_MISDECLARED_GOODS
                                        : InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING)
                        .addAllConfirmedRuleIds(found ? List.of("CHPL-TIER-1") : List.of())
                        .setNotes(found ? "unloaded: processors declared as memory" : "unloaded: as declared")
                        .build();
                InspectionResult result =
                        inspection(officer).recordInspectionResult(request).getResult();
                assertThat(result.getName()).isEqualTo(decision.getName().replace("/decision", "/result"));
                assertThat(result.getOutcome()).isEqualTo(request.getOutcome());
                assertThat(result.getConfirmedRuleIdsList()).isEqualTo(request.getConfirmedRuleIdsList());
                assertThat(result.getNotes()).isEqualTo(request.getNotes());
                assertThat(result.getRecordedBy()).isEqualTo("officer-zhaisan-e2e");
                assertThat(ProtoTimes.instant(result.getRecordTime()))
                        .isBetween(storyStart, Instant.now().plusSeconds(5));
                GrpcAssertions.assertFails(
                        () -> inspection(officer).recordInspectionResult(request),
                        Status.Code.FAILED_PRECONDITION,
                        "RESULT_ALREADY_RECORDED");
            }

            GetRulePerformanceResponse performance = inspection(analyst)
                    .getRulePerformance(GetRulePerformanceRequest.newBuilder()
                            .setStartTime(ProtoTimes.timestamp(storyStart))
                            .setEndTime(ProtoTimes.timestamp(Instant.now().plusSeconds(60)))
                            .build());
            assertThat(performance.getDecisions()).isEqualTo(redDecisions.size() + harmlessDecisions.size());
            RulePerformance tier1 = performance.getRulesList().stream()
                    .filter(r -> r.getRuleId().equals("CHPL-TIER-1"))
                    .findFirst()
                    .orElseThrow();
            assertThat(tier1.getHits()).isEqualTo(redDecisions.size());
            assertThat(tier1.getInspections()).isEqualTo(redDecisions.size());
            assertThat(tier1.getConfirmedFindings()).isEqualTo(redDecisions.size() - 1);
            assertThat(tier1.getHitRate()).isCloseTo((redDecisions.size() - 1.0) / redDecisions.size(), within(1e-9));
        }

        /**
         * 8. A risk analyst drafts the active ruleset with one rule changed (CHPL-TIER-1 at weight 20 and at least a
         * documentary check instead of a physical inspection) and replays the story's declarations at Zhaisan through
         * it: the red trucks move to YELLOW, the garments stay released or sampled, and every violation found is
         * still inspected, though no longer physically.
         */
        private void simulateACandidateRuleset() {
            Ruleset active = activeRuleset();
            Ruleset.Builder candidate = active.toBuilder()
                    .clearName()
                    .clearVersion()
                    .clearState()
                    .clearCreateTime()
                    .clearActivateTime()
                    .setDisplayName("CHPL tier 1 to documentary checks")
                    .setDescription(active.getDescription() + " Candidate: CHPL tier 1 goods get a documentary check "
                            + "unless other indicators add up to a physical inspection.");
            int tier1 = -1;
            for (int i = 0; i < candidate.getRulesCount(); i++) {
                if (candidate.getRules(i).getRuleId().equals("CHPL-TIER-1")) {
                    tier1 = i;
                }
            }
            assertThat(tier1).as("the active ruleset has CHPL-TIER-1").isNotNegative();
            RiskRule changed = candidate.getRules(tier1).toBuilder()
                    .setWeight(20)
                    .setMinimumChannel(Channel.CHANNEL_YELLOW)
                    .build();
            candidate.setRules(tier1, changed);
            Ruleset draft = inspection(analyst)
                    .createRuleset(CreateRulesetRequest.newBuilder()
                            .setRequestId("e2e-candidate-0001")
                            .setRuleset(candidate)
                            .build())
                    .getRuleset();
            assertThat(draft.getState()).isEqualTo(RulesetState.RULESET_STATE_DRAFT);
            assertThat(draft.getVersion()).isGreaterThan(active.getVersion());
            assertThat(draft.getRules(tier1)).isEqualTo(changed);

            // the day the story started, so that every per-day figure is a plain count
            SimulateRulesetResponse report = inspection(analyst)
                    .simulateRuleset(SimulateRulesetRequest.newBuilder()
                            .setRulesetName(draft.getName())
                            .setCheckpoint(ZHAISAN)
                            .setStartTime(ProtoTimes.timestamp(storyStart))
                            .setEndTime(ProtoTimes.timestamp(storyStart.plus(Duration.ofDays(1))))
                            .build());
            assertThat(report.getDays()).isEqualTo(1.0);
            int declared = redDecisions.size() + harmlessDecisions.size();
            assertThat(report.getDeclarations()).isEqualTo(declared);
            assertThat(report.getActive().getRuleset()).isEqualTo(active.getName());
            assertThat(report.getCandidate().getRuleset()).isEqualTo(draft.getName());

            // the active ruleset replayed gives the decisions made
            Map<Channel, Long> decided = new EnumMap<>(Channel.class);
            redDecisions.forEach(d -> decided.merge(d.getChannel(), 1L, Long::sum));
            harmlessDecisions.forEach(d -> decided.merge(d.getChannel(), 1L, Long::sum));
            Map<Channel, Long> activeCounts = counts(report.getActive());
            Map<Channel, Long> candidateCounts = counts(report.getCandidate());
            decided.forEach((channel, n) ->
                    assertThat(activeCounts.get(channel)).as(channel.name()).isEqualTo(n));
            // the shift: every red truck to a documentary check. The garments stay released, but the random sample is
            // drawn from the content and the ruleset version, so the candidate draws afresh: one may move between
            // GREEN and YELLOW. Released or documentary together, they stay as many.
            int red = redDecisions.size();
            assertThat(candidateCounts.get(Channel.CHANNEL_RED)).isEqualTo(activeCounts.get(Channel.CHANNEL_RED) - red);
            assertThat(candidateCounts.get(Channel.CHANNEL_GREEN) + candidateCounts.get(Channel.CHANNEL_YELLOW))
                    .isEqualTo(
                            activeCounts.get(Channel.CHANNEL_GREEN) + activeCounts.get(Channel.CHANNEL_YELLOW) + red);
            assertThat(candidateCounts.get(Channel.CHANNEL_YELLOW)).isGreaterThanOrEqualTo(red);
            assertThat(candidateCounts.get(Channel.CHANNEL_REFUSED))
                    .isEqualTo(activeCounts.get(Channel.CHANNEL_REFUSED));
            assertThat(report.getCandidate().getChannelsList())
                    .allSatisfy(share ->
                            assertThat(share.getShare()).isCloseTo((double) share.getCount() / declared, within(1e-9)));

            // physical inspections at Zhaisan fall by the red trucks, per day of the period
            CheckpointLoad activeLoad = load(report.getActive());
            CheckpointLoad candidateLoad = load(report.getCandidate());
            assertThat(activeLoad.getDeclarationsPerDay()).isEqualTo(declared);
            assertThat(activeLoad.getPhysicalInspectionsPerDay()).isEqualTo(red);
            assertThat(candidateLoad.getPhysicalInspectionsPerDay()).isZero();
            assertThat(candidateLoad.getInspectionHoursPerDay()).isLessThan(activeLoad.getInspectionHoursPerDay());

            // the violations recorded in step 7: still inspected, no longer physically
            long found = red - 1;
            Detection activeDetection = report.getActive().getDetection();
            Detection candidateDetection = report.getCandidate().getDetection();
            assertThat(activeDetection.getViolationsFound()).isEqualTo(found);
            assertThat(activeDetection.getStillPhysicallyInspected()).isEqualTo(found);
            assertThat(candidateDetection.getViolationsFound()).isEqualTo(found);
            assertThat(candidateDetection.getStillInspected()).isEqualTo(found);
            assertThat(candidateDetection.getStillPhysicallyInspected()).isZero();
            assertThat(candidateDetection.getDetectionRate()).isEqualTo(1.0);
        }

        /** The decision of the i-th declared truck. */
        private Decision decision(int i) {
            return i < CHIPS_TRUCKS ? redDecisions.get(i) : harmlessDecisions.get(i - CHIPS_TRUCKS);
        }

        private Ruleset activeRuleset() {
            return inspection(analyst)
                    .getRuleset(GetRulesetRequest.newBuilder()
                            .setName("rulesets/active")
                            .build())
                    .getRuleset();
        }

        private List<CrossingEventAck> stream(List<CrossingEvent> events) throws InterruptedException {
            List<CrossingEventAck> acks = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            StreamObserver<StreamCrossingEventsRequest> requests = CheckpointServiceGrpc.newStub(checkpointChannel)
                    .withCallCredentials(post)
                    .withDeadlineAfter(90, TimeUnit.SECONDS)
                    .streamCrossingEvents(new StreamObserver<>() {
                        @Override
                        public void onNext(StreamCrossingEventsResponse response) {
                            acks.add(response.getAck());
                        }

                        @Override
                        public void onError(Throwable t) {
                            failure.set(t);
                            done.countDown();
                        }

                        @Override
                        public void onCompleted() {
                            done.countDown();
                        }
                    });
            events.forEach(e -> requests.onNext(
                    StreamCrossingEventsRequest.newBuilder().setEvent(e).build()));
            requests.onCompleted();
            assertThat(done.await(100, TimeUnit.SECONDS))
                    .as("the event stream ends")
                    .isTrue();
            assertThat(failure.get())
                    .as("the event stream ends without an error")
                    .isNull();
            assertThat(acks).hasSize(events.size());
            return acks;
        }

        private CheckpointServiceBlockingStub checkpoints(CallCredentials who, int seconds) {
            return CheckpointServiceGrpc.newBlockingStub(checkpointChannel)
                    .withCallCredentials(who)
                    .withDeadlineAfter(seconds, TimeUnit.SECONDS);
        }

        private InspectionServiceBlockingStub inspection(CallCredentials who) {
            return InspectionServiceGrpc.newBlockingStub(inspectionChannel)
                    .withCallCredentials(who)
                    .withDeadlineAfter(10, TimeUnit.SECONDS);
        }

        private RoutingServiceBlockingStub routes() {
            return RoutingServiceGrpc.newBlockingStub(routingChannel)
                    .withCallCredentials(platform)
                    .withDeadlineAfter(20, TimeUnit.SECONDS);
        }
    }

    /** WatchCheckpointStatus for Zhaisan, collecting every update, cancelled on close. */
    private static final class StatusWatch implements AutoCloseable {
        private final List<CheckpointStatus> statuses = new CopyOnWriteArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicReference<ClientCallStreamObserver<WatchCheckpointStatusRequest>> call =
                new AtomicReference<>();

        static StatusWatch open(ManagedChannel channel, CallCredentials who) {
            StatusWatch watch = new StatusWatch();
            CheckpointServiceGrpc.newStub(channel)
                    .withCallCredentials(who)
                    .withDeadlineAfter(150, TimeUnit.SECONDS)
                    .watchCheckpointStatus(
                            WatchCheckpointStatusRequest.newBuilder()
                                    .addNames(ZHAISAN_STATUS)
                                    .setHeartbeatInterval(com.google.protobuf.Duration.newBuilder()
                                            .setSeconds(5))
                                    .build(),
                            new ClientResponseObserver<WatchCheckpointStatusRequest, WatchCheckpointStatusResponse>() {
                                @Override
                                public void beforeStart(ClientCallStreamObserver<WatchCheckpointStatusRequest> stream) {
                                    watch.call.set(stream);
                                }

                                @Override
                                public void onNext(WatchCheckpointStatusResponse update) {
                                    if (update.hasStatus()) {
                                        watch.statuses.add(update.getStatus());
                                    }
                                }

                                @Override
                                public void onError(Throwable t) {
                                    watch.failure.compareAndSet(null, t);
                                }

                                @Override
                                public void onCompleted() {}
                            });
            return watch;
        }

        CheckpointStatus first() {
            return awaitStatus(Duration.ofSeconds(30), s -> true);
        }

        CheckpointStatus awaitStatus(Duration atMost, Predicate<CheckpointStatus> wanted) {
            AtomicReference<CheckpointStatus> found = new AtomicReference<>();
            Awaitility.await()
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertThat(failure.get())
                                .as("the status stream is alive")
                                .isNull();
                        CheckpointStatus match =
                                statuses.stream().filter(wanted).findFirst().orElse(null);
                        assertThat(match)
                                .as("a status update as wanted among " + statuses.size())
                                .isNotNull();
                        found.set(match);
                    });
            return found.get();
        }

        @Override
        public void close() {
            ClientCallStreamObserver<WatchCheckpointStatusRequest> stream = call.get();
            if (stream != null) {
                stream.cancel("the story moved on", null);
            }
        }
    }

    private static CrossingEvent event(
            String id, CrossingEventType type, Instant at, String plate, String declaration) {
        return CrossingEvent.newBuilder()
                .setEventId(id)
                .setCheckpoint(ZHAISAN)
                .setType(type)
                .setOccurTime(ProtoTimes.timestamp(at))
                .setDirection(Direction.DIRECTION_EXIT)
                .setTruck(Truck.newBuilder().setPlate(plate).setCarrierId("kaz-trans-01"))
                .setDeclaration(declaration)
                .build();
    }

    /** Integrated circuits (HS 8542 31, CHPL tier 1) from China through Kazakhstan to Russia, presented at Zhaisan. */
    private static Declaration chips() {
        return Declaration.newBuilder()
                .addGoodsLines(GoodsLine.newBuilder()
                        .setHsCode("8542310000")
                        .setDescription("Processors")
                        .setQuantity(1000)
                        .setQuantityUnit("pcs")
                        .setNetWeightKg(120)
                        .setCustomsValue(250000)
                        .setCurrency("USD")
                        .setOriginCountryCode("CN"))
                .setConsignor(Party.newBuilder().setName("Shenzhen Components").setCountryCode("CN"))
                .setConsignee(Party.newBuilder().setName("OOO Vektor").setCountryCode("RU"))
                .setCarrierId("kaz-trans-01")
                .setVehiclePlate("E2E 0000")
                .setOriginCountryCode("CN")
                .addTransitCountryCodes("KZ")
                .setDestinationCountryCode("RU")
                .setCheckpoint(ZHAISAN)
                .build();
    }

    /** Cotton trousers on the same way: nothing on any list. */
    private static Declaration garments() {
        return Declaration.newBuilder()
                .addGoodsLines(GoodsLine.newBuilder()
                        .setHsCode("6203420000")
                        .setDescription("Cotton trousers")
                        .setQuantity(500)
                        .setQuantityUnit("pcs")
                        .setNetWeightKg(300)
                        .setCustomsValue(6000)
                        .setCurrency("USD")
                        .setOriginCountryCode("CN"))
                .setConsignor(Party.newBuilder().setName("Urumqi Garments").setCountryCode("CN"))
                .setConsignee(Party.newBuilder().setName("OOO Moda").setCountryCode("RU"))
                .setCarrierId("kaz-trans-01")
                .setVehiclePlate("E2E 0000")
                .setOriginCountryCode("CN")
                .addTransitCountryCodes("KZ")
                .setDestinationCountryCode("RU")
                .setCheckpoint(ZHAISAN)
                .build();
    }

    /** The goods and countries of a declaration, as routing takes them. */
    private static Cargo cargo(Declaration declaration) {
        return Cargo.newBuilder()
                .addAllGoodsLines(declaration.getGoodsLinesList())
                .setOriginCountryCode(declaration.getOriginCountryCode())
                .setDestinationCountryCode(declaration.getDestinationCountryCode())
                .setConsignor(declaration.getConsignor())
                .setConsignee(declaration.getConsignee())
                .build();
    }

    private static FindRoutesRequest.Builder search(Cargo cargo) {
        return FindRoutesRequest.newBuilder()
                .setOrigin("places/urumqi")
                .setDestination("places/moscow")
                .setCargo(cargo)
                .setObjective(Objective.OBJECTIVE_FASTEST)
                .setConstraints(RouteConstraints.newBuilder().setMaxAlternatives(10));
    }

    /** Only the road through Zhaisan: every other crossing into Russia avoided, no ferry. */
    private static FindRoutesRequest.Builder throughZhaisan(Cargo cargo) {
        return search(cargo)
                .setConstraints(RouteConstraints.newBuilder()
                        .setMaxAlternatives(10)
                        .addAllowedModes(TransportMode.TRANSPORT_MODE_ROAD)
                        .addAllAvoidCheckpoints(List.of(
                                "checkpoints/syrym",
                                "checkpoints/zhelkuar",
                                "checkpoints/mamlyutka",
                                "checkpoints/kairak",
                                "checkpoints/zabaykalsk",
                                "checkpoints/blagoveshchensk",
                                "checkpoints/pogranichny")));
    }

    private static BorderCrossing zhaisanOf(Route route) {
        return route.getCrossingsList().stream()
                .filter(c -> c.getCheckpoint().equals(ZHAISAN))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Zhaisan crossing on " + route.getLabel()));
    }

    private static boolean crossesZhaisan(Route route) {
        return route.getCrossingsList().stream().anyMatch(c -> c.getCheckpoint().equals(ZHAISAN));
    }

    /** The channel checkpoint-service files a truck under for a decision's channel (the same names). */
    private static InspectionChannel filedUnder(Channel channel) {
        return InspectionChannel.valueOf(channel.name().replace("CHANNEL_", "INSPECTION_CHANNEL_"));
    }

    private static int count(CheckpointStatus status, InspectionChannel channel) {
        return status.getWaitingList().stream()
                .filter(q -> q.getChannel() == channel)
                .mapToInt(QueueCount::getTrucks)
                .sum();
    }

    /** The estimated wait of a truck arriving now whose decision is not known; a year when it would not be served. */
    private static Duration unknownChannelWait(CheckpointStatus status) {
        ChannelWaitEstimate estimate = status.getEstimatedWaitsList().stream()
                .filter(w -> w.getChannel() == InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no estimate for an undecided truck in " + status));
        return estimate.hasWait() ? ProtoTimes.duration(estimate.getWait()) : Duration.ofDays(366);
    }

    /** The routes in a line or two each, for assertion messages. */
    private static String summary(FindRoutesResponse response) {
        StringBuilder text = new StringBuilder();
        for (Route route : response.getRoutesList()) {
            text.append(String.format(
                    "  %d %s %s | %s | %.2f days USD %.0f red %.3f refusal %.3f%n",
                    route.getRank(),
                    route.getCorridor(),
                    route.getLabel(),
                    route.getExplanation(),
                    route.getMedianTime().getSeconds() / 86400.0,
                    route.getCost().getTotal(),
                    route.getRisk().getRedInspectionProbability(),
                    route.getRisk().getRefusalOrRedirectProbability()));
            for (BorderCrossing c : route.getCrossingsList()) {
                text.append(String.format(
                        "      %s wait %.2f h %s%n",
                        c.getCheckpoint(), c.getWaitMedian().getSeconds() / 3600.0, c.getWaitFreshness()));
            }
        }
        return text.toString();
    }

    private static Map<Channel, Long> counts(SimulationOutcome outcome) {
        Map<Channel, Long> counts = new EnumMap<>(Channel.class);
        outcome.getChannelsList().forEach(share -> counts.put(share.getChannel(), share.getCount()));
        return counts;
    }

    private static CheckpointLoad load(SimulationOutcome outcome) {
        return outcome.getCheckpointsList().stream()
                .filter(l -> l.getCheckpoint().equals(ZHAISAN))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Zhaisan load in " + outcome));
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("localhost", port)
                .usePlaintext()
                .build();
    }
}
