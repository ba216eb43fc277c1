package io.borderflow.checkpoint.client;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Inspection in the loop: an arriving truck with a declaration is accepted at once and filed under its decision's
 * channel as soon as inspection-service (here {@link FakeInspectionService}) answers, even when it was down at first.
 */
@QuarkusTest
class DecisionSettlementTest {
    private static final String CHECKPOINT = "kalzhat";
    private static final CallCredentials OPERATOR = TestTokens.bearer(TestTokens.issuer().token("post-kalzhat")
            .roles(Roles.BORDER_OPERATOR).checkpoints(List.of(CHECKPOINT)).sign());

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
        return "KZ" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    private static String declaration(char first) {
        return first + UUID.randomUUID().toString().substring(1);
    }

    private TruckVisit arrive(String plate, String declarationId) {
        Instant now = Instant.now().minusSeconds(5);
        var ack = stub().recordCrossingEvent(RecordCrossingEventRequest.newBuilder().setEvent(CrossingEvent.newBuilder()
                .setEventId("evt-" + UUID.randomUUID()).setCheckpoint("checkpoints/" + CHECKPOINT)
                .setType(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED)
                .setOccurTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .setDirection(Direction.DIRECTION_EXIT)
                .setTruck(Truck.newBuilder().setPlate(plate).setCarrierId("kaz-trans-01"))
                .setDeclaration("declarations/" + declarationId)).build()).getAck();
        assertThat(ack.getOutcome()).isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED);
        return ack.getTruck();
    }

    private TruckVisit awaitTruck(String plate, Predicate<TruckVisit> until) throws InterruptedException {
        TruckVisit truck = null;
        for (int i = 0; i < 100; i++) {
            truck = stub().getTruck(GetTruckRequest.newBuilder()
                    .setName("checkpoints/" + CHECKPOINT + "/trucks/" + plate).build()).getTruck();
            if (until.test(truck)) {
                return truck;
            }
            Thread.sleep(100);
        }
        return truck;
    }

    @Test
    void anArrivalIsFiledUnderItsDecisionsChannel() throws InterruptedException {
        String plate = plate();
        arrive(plate, declaration('a'));

        TruckVisit filed = awaitTruck(plate, TruckVisit::getDecisionReceived);
        assertThat(filed.getDecisionReceived()).isTrue();
        assertThat(filed.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_RED);
        assertThat(filed.getExpectedHandling().getSeconds()).isEqualTo(45 * 60);
    }

    @Test
    void whileInspectionIsDownArrivalsAreAcceptedAndSettledWhenItIsBack() throws InterruptedException {
        FakeInspectionService.DOWN.set(true);
        String plate = plate();

        TruckVisit accepted = arrive(plate, declaration('c'));
        // accepted at once, awaiting its decision under the conservative assumption of a documentary check
        assertThat(accepted.getDecisionReceived()).isFalse();
        assertThat(accepted.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED);
        assertThat(accepted.getExpectedHandling().getSeconds()).isEqualTo(2 * 3600);
        Thread.sleep(1500);
        assertThat(awaitTruck(plate, t -> true).getDecisionReceived()).as("still down").isFalse();

        FakeInspectionService.DOWN.set(false);
        TruckVisit settled = awaitTruck(plate, TruckVisit::getDecisionReceived);
        assertThat(settled.getDecisionReceived()).as("settled by the sweep once inspection-service is back").isTrue();
        assertThat(settled.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_YELLOW);
    }

    @Test
    void aDeclarationInspectionDoesNotKnowIsAskedForOnceAndLeftUnknown() throws InterruptedException {
        String plate = plate();
        arrive(plate, declaration('0').replaceFirst("^.{4}", "0000"));
        Thread.sleep(500);
        int calls = FakeInspectionService.CALLS.get();
        Thread.sleep(2500); // more than two sweeps of 1 s

        TruckVisit truck = awaitTruck(plate, t -> true);
        assertThat(truck.getDecisionReceived()).isFalse();
        assertThat(truck.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED);
        assertThat(FakeInspectionService.CALLS.get()).as("not asked again").isEqualTo(calls);
    }
}
