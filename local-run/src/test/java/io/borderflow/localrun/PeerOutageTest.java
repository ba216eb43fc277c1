package io.borderflow.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.InspectionChannel;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.api.checkpoint.v1.TruckVisit;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.api.inspection.v1.SubmitDeclarationResponse;
import io.borderflow.api.routing.v1.Cargo;
import io.borderflow.api.routing.v1.DataFreshness;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.api.routing.v1.RoutingServiceGrpc;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer stopped with SIGKILL, the suite running as separate processes on one database: each service goes on with
 * what it has, says so, and recovers by itself when the peer is back on the same address. One suite serves both
 * tests; each brings back what it stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerOutageTest {
    @TempDir
    static Path data;

    private int[] ports;
    private RunningSuite suite;

    @BeforeAll
    void startTheSuite() throws Exception {
        ports = FreePorts.take(4);
        suite = RunningSuite.start(FreePorts.suite(data, ports));
    }

    @AfterAll
    void stopTheSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    /**
     * inspection-service stopped while a truck arrives: checkpoint-service accepts the arrival at once, files the truck
     * as awaiting its decision under the conservative assumption, and settles it under the decision's channel once
     * inspection-service is back.
     */
    @Test
    void anArrivalIsAcceptedWhileInspectionIsDownAndSettledWhenItIsBack() throws Exception {
        CallCredentials officer = TestTokens.bearer(suite.issuer()
                .token("officer-kairak")
                .roles(Roles.CUSTOMS_OFFICER)
                .sign());
        CallCredentials post = TestTokens.bearer(suite.issuer()
                .token("post-kairak")
                .roles(Roles.BORDER_OPERATOR)
                .checkpoints(List.of("kairak"))
                .sign());
        ManagedChannel inspection = channel(ports[2]);
        ManagedChannel checkpoint = channel(ports[1]);
        try {
            // integrated circuits bound for Russia: RED under ruleset 2
            SubmitDeclarationResponse submitted = InspectionServiceGrpc.newBlockingStub(inspection)
                    .withCallCredentials(officer)
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    .submitDeclaration(SubmitDeclarationRequest.newBuilder()
                            .setRequestId("outage-test-0001")
                            .setDeclaration(chips())
                            .build());
            assertThat(submitted.getDecision().getChannel()).isEqualTo(Channel.CHANNEL_RED);
            String declaration = submitted.getDeclaration().getName();

            kill("inspection-service", ports[2]);

            var checkpoints = CheckpointServiceGrpc.newBlockingStub(checkpoint).withCallCredentials(post);
            Instant started = Instant.now();
            RecordCrossingEventRequest arrival = RecordCrossingEventRequest.newBuilder()
                    .setEvent(CrossingEvent.newBuilder()
                            .setEventId("outage-arrival-0001")
                            .setCheckpoint("checkpoints/kairak")
                            .setType(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED)
                            .setOccurTime(Timestamp.newBuilder()
                                    .setSeconds(Instant.now().getEpochSecond() - 5))
                            .setDirection(Direction.DIRECTION_EXIT)
                            .setDeclaration(declaration)
                            .setTruck(Truck.newBuilder().setPlate("555 OUT 02").setCarrierId("kaz-trans-01")))
                    .build();
            var ack = checkpoints
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .recordCrossingEvent(arrival)
                    .getAck();
            assertThat(ack.getOutcome()).isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED);
            assertThat(Duration.between(started, Instant.now()))
                    .as("accepted without waiting for the peer")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(ack.getTruck().getDecisionReceived()).isFalse();
            assertThat(ack.getTruck().getDeclaration()).isEqualTo(declaration);

            // back on the same port: the periodic settlement files the truck under its decision
            SuiteFaults.startReplica(suite, "inspection-service", ports[2]);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        TruckVisit truck = checkpoints
                                .withDeadlineAfter(10, TimeUnit.SECONDS)
                                .getTruck(GetTruckRequest.newBuilder()
                                        .setName("checkpoints/kairak/trucks/555OUT02")
                                        .build())
                                .getTruck();
                        assertThat(truck.getDecisionReceived()).isTrue();
                        assertThat(truck.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_RED);
                    });
            // the border post resends the arrival it is unsure of: nothing is stored twice
            assertThat(checkpoints
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .recordCrossingEvent(arrival)
                            .getAck()
                            .getOutcome())
                    .isEqualTo(EventOutcome.EVENT_OUTCOME_DUPLICATE);
            assertThat(visitsOf("kairak", "555OUT02"))
                    .as("one visit of the truck, settled once")
                    .isEqualTo(1);
        } finally {
            inspection.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            checkpoint.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * checkpoint-service stopped: route searches still answer, from the last statuses, marked stale; once it is back
     * the status stream is opened again and the figures are live again.
     */
    @Test
    void routesComeBackMarkedStaleWhileCheckpointServiceIsDownAndLiveWhenItIsBack() throws Exception {
        CallCredentials platform = TestTokens.bearer(
                suite.issuer().token("platform").roles(Roles.FREIGHT_PLATFORM).sign());
        ManagedChannel routing = channel(ports[3]);
        try {
            var routes = RoutingServiceGrpc.newBlockingStub(routing).withCallCredentials(platform);
            FindRoutesRequest search = FindRoutesRequest.newBuilder()
                    .setOrigin("places/urumqi")
                    .setDestination("places/moscow")
                    .setCargo(Cargo.newBuilder()
                            .setOriginCountryCode("CN")
                            .setDestinationCountryCode("RU")
                            .addAllGoodsLines(chips().getGoodsLinesList()))
                    .build();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(routes.withDeadlineAfter(10, TimeUnit.SECONDS)
                                    .findRoutes(search)
                                    .getRoutes(0)
                                    .getCrossings(0)
                                    .getWaitFreshness())
                            .isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE));

            kill("checkpoint-service", ports[1]);
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var route = routes.withDeadlineAfter(10, TimeUnit.SECONDS)
                        .findRoutes(search)
                        .getRoutes(0);
                assertThat(route.getLiveData().getStale()).isTrue();
                assertThat(route.getCrossings(0).getWaitFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_STALE);
            });

            SuiteFaults.startReplica(suite, "checkpoint-service", ports[1]);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(routes.withDeadlineAfter(10, TimeUnit.SECONDS)
                                    .findRoutes(search)
                                    .getRoutes(0)
                                    .getLiveData()
                                    .getStale())
                            .isFalse());
        } finally {
            routing.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private int visitsOf(String checkpointId, String plateKey) throws Exception {
        try (Connection connection = SuiteDatabase.connect(ports[0], "checkpoint");
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from truck_visit where checkpoint_id = ? and plate_key = ?")) {
            query.setString(1, checkpointId);
            query.setString(2, plateKey);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** SIGKILL to the service listening on {@code port} (the original process, or a replica started in its place). */
    private void kill(String service, int port) throws InterruptedException {
        Process process = suite.processes()
                .getOrDefault(service + "@" + port, suite.processes().get(service));
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

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
                .setVehiclePlate("555 OUT 02")
                .setOriginCountryCode("CN")
                .setDestinationCountryCode("RU")
                .setCheckpoint("checkpoints/kairak")
                .build();
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("localhost", port)
                .usePlaintext()
                .build();
    }
}
