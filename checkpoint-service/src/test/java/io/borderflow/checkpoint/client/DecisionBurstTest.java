package io.borderflow.checkpoint.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsResponse;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A burst of arrivals with declarations while inspection-service is too busy to answer within the 2 s deadline
 * (defect 5 of issue 20). Each call that runs out of time resets its HTTP/2 stream; when the peer's answer came later
 * anyway, the server wrote it on the reset stream and ended the whole connection with a protocol error, and every call
 * still in flight on it failed at once with INTERNAL ("Connection closed after GOAWAY ... PROTOCOL_ERROR"), the next
 * ones with UNAVAILABLE. Now the server stops a call its client has reset and writes nothing more on it
 * ({@code CancelledCallGuard}): no call fails other than by its own deadline.
 */
@QuarkusTest
class DecisionBurstTest {
    private static final String CHECKPOINT = "alakol";
    private static final int TRUCKS = 40;
    private static final CallCredentials OPERATOR = TestTokens.bearer(TestTokens.issuer()
            .token("post-alakol-burst")
            .roles(Roles.BORDER_OPERATOR)
            .checkpoints(List.of(CHECKPOINT))
            .sign());

    @GrpcClient("watch")
    io.grpc.Channel channel;

    @Test
    void aBurstOfArrivalsAtABusyInspectionServiceNeverClosesTheConnectionOrFailsInternal() throws Exception {
        double deadlinesBefore = failures("DEADLINE_EXCEEDED");
        List<StreamCrossingEventsResponse> acks = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        StreamObserver<StreamCrossingEventsRequest> events = CheckpointServiceGrpc.newStub(channel)
                .withCallCredentials(OPERATOR)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .streamCrossingEvents(new StreamObserver<>() {
                    @Override
                    public void onNext(StreamCrossingEventsResponse ack) {
                        acks.add(ack);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
        Instant arrived = Instant.now().minusSeconds(30);
        for (int i = 0; i < TRUCKS; i++) {
            String plate = String.format("BURST%04d", i);
            events.onNext(StreamCrossingEventsRequest.newBuilder()
                    .setEvent(CrossingEvent.newBuilder()
                            .setEventId("burst-" + UUID.randomUUID())
                            .setCheckpoint("checkpoints/" + CHECKPOINT)
                            .setType(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED)
                            .setOccurTime(Timestamp.newBuilder().setSeconds(arrived.getEpochSecond()))
                            .setDirection(Direction.DIRECTION_EXIT)
                            .setTruck(Truck.newBuilder().setPlate(plate).setCarrierId("kaz-trans-01"))
                            .setDeclaration("declarations/e"
                                    + UUID.randomUUID().toString().substring(1)))
                    .build());
        }
        events.onCompleted();
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acks)
                .hasSize(TRUCKS)
                .allSatisfy(
                        ack -> assertThat(ack.getAck().getOutcome()).isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED));

        // every decision call runs out of time (2.5 s answers against a 2 s deadline), 8 at a time: about 10 s, after
        // which no call of the burst is left to disturb the next test
        await().atMost(Duration.ofSeconds(40))
                .until(() -> failures("DEADLINE_EXCEEDED") - deadlinesBefore >= TRUCKS
                        || failures("INTERNAL") + failures("UNAVAILABLE") > 0);

        assertThat(failures("INTERNAL"))
                .as("calls failed by a closed connection")
                .isZero();
        assertThat(failures("UNAVAILABLE"))
                .as("calls refused by a closing connection")
                .isZero();
    }

    /** {@code borderflow_inspection_client_failures_total{code=...}}, 0 when none was counted. */
    private static double failures(String code) {
        String metrics =
                RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher found = Pattern.compile(
                        "^borderflow_inspection_client_failures_total\\{code=\"" + code + "\"[^}]*\\} ([0-9.E+]+)$",
                        Pattern.MULTILINE)
                .matcher(metrics);
        return found.find() ? Double.parseDouble(found.group(1)) : 0;
    }
}
