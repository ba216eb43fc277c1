package io.borderflow.checkpoint.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.checkpoint.service.DecisionSettlement;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The decision sweep does not pile onto a peer that is down (issue 22): one sweep at a time per replica, and a
 * circuit breaker that stops the calls once most of the last ones failed. Its own profile, so that the breaker it
 * opens (for a minute here) holds no other test back.
 */
@QuarkusTest
@TestProfile(DecisionSweepGuardTest.QuickBreaker.class)
class DecisionSweepGuardTest {
    private static final String CHECKPOINT = "zhaisan";
    private static final CallCredentials OPERATOR = TestTokens.bearer(TestTokens.issuer()
            .token("operator-zhaisan-guard")
            .roles(Roles.BORDER_OPERATOR)
            .checkpoints(List.of(CHECKPOINT))
            .sign());

    /** A breaker that opens after 4 calls of which half failed, and stays open a minute. */
    public static class QuickBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "io.borderflow.checkpoint.client.InspectionClient/asked/CircuitBreaker/requestVolumeThreshold",
                    "4",
                    "io.borderflow.checkpoint.client.InspectionClient/asked/CircuitBreaker/delay",
                    "60000");
        }
    }

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    @Inject
    DecisionSettlement settlement;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void peerBackUp() {
        FakeInspectionService.DOWN.set(false);
    }

    private void arrive(String declarationId) {
        var ack = checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(OPERATOR)
                .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                        .setEvent(CrossingEvent.newBuilder()
                                .setEventId("evt-" + UUID.randomUUID())
                                .setCheckpoint("checkpoints/" + CHECKPOINT)
                                .setType(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED)
                                .setOccurTime(Timestamp.newBuilder()
                                        .setSeconds(
                                                Instant.now().minusSeconds(5).getEpochSecond()))
                                .setDirection(Direction.DIRECTION_EXIT)
                                .setTruck(Truck.newBuilder()
                                        .setPlate("KZ"
                                                + UUID.randomUUID()
                                                        .toString()
                                                        .substring(0, 6)
                                                        .toUpperCase())
                                        .setCarrierId(FakeInspectionService.OWNER))
                                .setDeclaration("declarations/" + declarationId))
                        .build())
                .getAck();
        assertThat(ack.getOutcome()).isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED);
    }

    @Test
    void aSweepThatFindsTheLastOneStillGoingIsSkippedAndCounted() {
        double before = registry.counter("borderflow.decision.sweeps.skipped").count();
        // wait for the periodic sweep to be idle, start one, and at once try another
        await().atMost(Duration.ofSeconds(10)).until(settlement::sweepUnlessSweeping);
        boolean second = settlement.sweepUnlessSweeping();

        assertThat(second).as("a second sweep while the first runs").isFalse();
        assertThat(registry.counter("borderflow.decision.sweeps.skipped").count())
                .isGreaterThanOrEqualTo(before + 1);
    }

    @Test
    void onceMostCallsFailTheBreakerOpensAndTheSweepsStopAskingThePeer() throws InterruptedException {
        FakeInspectionService.DOWN.set(true);
        String declaration = "c" + UUID.randomUUID().toString().substring(1);
        arrive(declaration);
        // each ask is a call and its retry; four failed asks open the breaker
        await().atMost(Duration.ofSeconds(15))
                .until(() -> registry.find("borderflow.inspection.client.failures")
                                .tag("code", InspectionClient.CIRCUIT_OPEN)
                                .counter()
                        != null);
        int asked = FakeInspectionService.asked(declaration);

        Thread.sleep(3500); // three more sweeps, one a second
        assertThat(FakeInspectionService.asked(declaration))
                .as("calls reaching the peer while the breaker is open")
                .isEqualTo(asked);
        assertThat(registry.find("borderflow.inspection.client.failures")
                        .tag("code", InspectionClient.CIRCUIT_OPEN)
                        .counter()
                        .count())
                .as("asks refused by the open breaker")
                .isGreaterThanOrEqualTo(3);
    }
}
