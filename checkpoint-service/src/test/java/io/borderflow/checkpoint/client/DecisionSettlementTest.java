package io.borderflow.checkpoint.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.InspectionChannel;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.api.checkpoint.v1.TruckVisit;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Inspection in the loop: an arriving truck with a declaration is accepted at once and filed under its decision's
 * channel as soon as inspection-service (here {@link FakeInspectionService}) answers, even when it was down at first.
 */
@QuarkusTest
class DecisionSettlementTest {
    private static final String CHECKPOINT = "kalzhat";
    private static final CallCredentials OPERATOR = TestTokens.bearer(TestTokens.issuer()
            .token("post-kalzhat")
            .roles(Roles.BORDER_OPERATOR)
            .checkpoints(List.of(CHECKPOINT))
            .sign());

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    @AfterEach
    void peerBackUp() {
        FakeInspectionService.DOWN.set(false);
    }

    private CheckpointServiceBlockingStub stub() {
        return checkpoints.withDeadlineAfter(10, TimeUnit.SECONDS).withCallCredentials(OPERATOR);
    }

    private static String plate() {
        return "KZ"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    private static String declaration(char first) {
        return first + UUID.randomUUID().toString().substring(1);
    }

    private TruckVisit arrive(String plate, String declarationId) {
        return arrive(plate, declarationId, FakeInspectionService.OWNER);
    }

    private TruckVisit arrive(String plate, String declarationId, String carrierId) {
        Instant now = Instant.now().minusSeconds(5);
        var ack = stub().recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                        .setEvent(CrossingEvent.newBuilder()
                                .setEventId("evt-" + UUID.randomUUID())
                                .setCheckpoint("checkpoints/" + CHECKPOINT)
                                .setType(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED)
                                .setOccurTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                                .setDirection(Direction.DIRECTION_EXIT)
                                .setTruck(Truck.newBuilder().setPlate(plate).setCarrierId(carrierId))
                                .setDeclaration("declarations/" + declarationId))
                        .build())
                .getAck();
        assertThat(ack.getOutcome()).isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED);
        return ack.getTruck();
    }

    private TruckVisit truck(String plate) {
        return stub().getTruck(GetTruckRequest.newBuilder()
                        .setName("checkpoints/" + CHECKPOINT + "/trucks/" + plate)
                        .build())
                .getTruck();
    }

    /** The truck once its decision is filed (fails after 10 s). */
    private TruckVisit awaitDecision(String plate) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> truck(plate), TruckVisit::getDecisionReceived);
    }

    /** Waits until the decision on the declaration has been asked for at least {@code times} times. */
    private static void awaitAsked(String declarationId, int times) {
        await().atMost(Duration.ofSeconds(10)).until(() -> FakeInspectionService.asked(declarationId) >= times);
    }

    @Test
    void anArrivalIsFiledUnderItsDecisionsChannel() {
        String plate = plate();
        arrive(plate, declaration('a'));

        TruckVisit filed = awaitDecision(plate);
        assertThat(filed.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_RED);
        assertThat(filed.getExpectedHandling().getSeconds()).isEqualTo(45 * 60);
    }

    /**
     * A truck of another carrier that names kaz-trans-01's declaration (a slip at the booth, or a carrier's booking
     * naming a declaration it read somewhere) never gets that declaration's channel: checkpoint-service asks for the
     * truck's own carrier, and inspection-service shows the declaration to its carrier only, so the truck is left as
     * one whose declaration is unknown, and GetTruck shows nothing of the other carrier's decision.
     */
    @Test
    void aTruckNamingAnotherCarriersDeclarationGetsNothingOfItsDecision() {
        String plate = plate();
        String othersDeclaration = declaration('a');
        arrive(plate, othersDeclaration, "other-carrier");
        awaitAsked(othersDeclaration, 1);
        // the same declaration for its own carrier's truck is filed RED: the answer above was the carrier check
        String ownPlate = plate();
        arrive(ownPlate, othersDeclaration);
        assertThat(awaitDecision(ownPlate).getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_RED);

        TruckVisit truck = truck(plate);
        assertThat(truck.getDecisionReceived()).isFalse();
        assertThat(truck.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED);
        assertThat(truck.getExpectedHandling().getSeconds()).isNotEqualTo(45 * 60);
    }

    @Test
    void whileInspectionIsDownArrivalsAreAcceptedAndSettledWhenItIsBack() {
        FakeInspectionService.DOWN.set(true);
        String plate = plate();
        String declaration = declaration('c');

        TruckVisit accepted = arrive(plate, declaration);
        // accepted at once, awaiting its decision: no expected handling until the decision gives it
        assertThat(accepted.getDecisionReceived()).isFalse();
        assertThat(accepted.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED);
        assertThat(accepted.hasExpectedHandling()).isFalse();
        // asked right after the arrival and again by a sweep (each try is one call plus its one retry)
        awaitAsked(declaration, 3);
        assertThat(truck(plate).getDecisionReceived()).as("still down").isFalse();

        FakeInspectionService.DOWN.set(false);
        TruckVisit settled = awaitDecision(plate);
        assertThat(settled.getChannel())
                .as("settled by the sweep once inspection-service is back")
                .isEqualTo(InspectionChannel.INSPECTION_CHANNEL_YELLOW);
    }

    @Test
    void aDeclarationInspectionDoesNotKnowIsLeftUnknownAndNotAskedAgain() {
        String plate = plate();
        String unknown = declaration('0').replaceFirst("^.{4}", "0000");
        arrive(plate, unknown);
        awaitAsked(unknown, 1);
        // a truck whose decision never comes is asked for on every sweep (a call and its retry each time): the sweeps
        // it counts are sweeps that passed over the unknown declaration too
        String stuck = declaration('d');
        arrive(plate(), stuck);
        awaitAsked(stuck, 4);
        int answered = FakeInspectionService.asked(unknown);
        awaitAsked(stuck, FakeInspectionService.asked(stuck) + 4);

        TruckVisit truck = truck(plate);
        assertThat(truck.getDecisionReceived()).isFalse();
        assertThat(truck.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED);
        assertThat(FakeInspectionService.asked(unknown))
                .as("not asked again over two sweeps")
                .isEqualTo(answered);
    }
}
