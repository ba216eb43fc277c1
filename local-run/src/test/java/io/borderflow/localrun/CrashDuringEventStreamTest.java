package io.borderflow.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventAck;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsResponse;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of checkpoint-service in the middle of a client stream of crossing events, as separate processes on one
 * database: the client resends what it has no acknowledgement for once the service is back, and every event ends up
 * stored exactly once: what was acknowledged before the crash was durable (it comes back DUPLICATE), and nothing is
 * counted twice.
 */
class CrashDuringEventStreamTest {
    private static final int EVENTS = 400;
    private static final String CHECKPOINT = "syrym";

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedEventSurvivesAKillAndResendingStoresNothingTwice() throws Exception {
        int[] ports = FreePorts.take(5);
        SuiteSettings settings = FreePorts.suite(data, ports);
        try (RunningSuite suite = RunningSuite.start(settings)) {
            String victim = "checkpoint-service@" + ports[4];
            SuiteFaults.startReplica(suite, "checkpoint-service", ports[4]);
            CallCredentials post = TestTokens.bearer(suite.issuer()
                    .token("post-syrym")
                    .roles(Roles.BORDER_OPERATOR)
                    .checkpoints(List.of(CHECKPOINT))
                    .sign());
            List<CrossingEvent> events = events();

            // first pass: the replica is killed (SIGKILL) once 50 events are acknowledged
            Map<String, EventOutcome> firstAcks = new ConcurrentHashMap<>();
            CountDownLatch fifty = new CountDownLatch(50);
            CountDownLatch ended = new CountDownLatch(1);
            ManagedChannel toVictim = channel(ports[4]);
            try {
                StreamObserver<StreamCrossingEventsRequest> requests = CheckpointServiceGrpc.newStub(toVictim)
                        .withCallCredentials(post)
                        .streamCrossingEvents(observer(firstAcks, fifty, ended));
                for (CrossingEvent event : events) {
                    requests.onNext(StreamCrossingEventsRequest.newBuilder()
                            .setEvent(event)
                            .build());
                }
                requests.onCompleted();
                assertThat(fifty.await(60, TimeUnit.SECONDS))
                        .as("50 acknowledgements before the kill")
                        .isTrue();
                suite.processes().get(victim).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                assertThat(ended.await(30, TimeUnit.SECONDS))
                        .as("the stream ends with the process")
                        .isTrue();
            } finally {
                toVictim.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            assertThat(firstAcks).as("killed in the middle of the stream").hasSizeBetween(50, EVENTS - 1);
            assertThat(firstAcks.values()).containsOnly(EventOutcome.EVENT_OUTCOME_ACCEPTED);

            // the replica comes back on the same port and database; the client resends what was not acknowledged,
            // and here everything, to prove that an acknowledged event was stored before its acknowledgement
            SuiteFaults.startReplica(suite, "checkpoint-service", ports[4]);
            Map<String, EventOutcome> secondAcks = new ConcurrentHashMap<>();
            CountDownLatch all = new CountDownLatch(EVENTS);
            CountDownLatch done = new CountDownLatch(1);
            ManagedChannel toRestarted = channel(ports[4]);
            try {
                StreamObserver<StreamCrossingEventsRequest> requests = CheckpointServiceGrpc.newStub(toRestarted)
                        .withCallCredentials(post)
                        .streamCrossingEvents(observer(secondAcks, all, done));
                events.forEach(event -> requests.onNext(
                        StreamCrossingEventsRequest.newBuilder().setEvent(event).build()));
                requests.onCompleted();
                assertThat(all.await(120, TimeUnit.SECONDS))
                        .as("every event acknowledged after the restart")
                        .isTrue();
            } finally {
                toRestarted.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            assertThat(secondAcks).hasSize(EVENTS);
            firstAcks
                    .keySet()
                    .forEach(id -> assertThat(secondAcks.get(id))
                            .as(id + ", acknowledged before the kill")
                            .isEqualTo(EventOutcome.EVENT_OUTCOME_DUPLICATE));
            assertThat(secondAcks.values()).doesNotContain(EventOutcome.EVENT_OUTCOME_REJECTED);

            // stored exactly once: the other replica counts every truck once
            ManagedChannel toOther = channel(ports[1]);
            try {
                int waiting = CheckpointServiceGrpc.newBlockingStub(toOther)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withCallCredentials(post)
                        .getCheckpointStatus(GetCheckpointStatusRequest.newBuilder()
                                .setName("checkpoints/" + CHECKPOINT + "/status")
                                .build())
                        .getStatus()
                        .getTrucksWaiting();
                assertThat(waiting).isEqualTo(EVENTS);
            } finally {
                toOther.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    /** One ARRIVED event per truck, a second apart, an hour ago. */
    private static List<CrossingEvent> events() {
        Instant start = Instant.now().minusSeconds(3600);
        List<CrossingEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(CrossingEvent.newBuilder()
                    .setEventId(String.format("crash-test-%06d", i))
                    .setCheckpoint("checkpoints/" + CHECKPOINT)
                    .setType(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED)
                    .setOccurTime(Timestamp.newBuilder().setSeconds(start.getEpochSecond() + i))
                    .setDirection(Direction.DIRECTION_EXIT)
                    .setTruck(Truck.newBuilder()
                            .setPlate(String.format("CR %05d", i))
                            .setCarrierId("kaz-trans-01"))
                    .build());
        }
        return events;
    }

    private static StreamObserver<StreamCrossingEventsResponse> observer(
            Map<String, EventOutcome> acks, CountDownLatch counted, CountDownLatch ended) {
        return new StreamObserver<>() {
            @Override
            public void onNext(StreamCrossingEventsResponse response) {
                CrossingEventAck ack = response.getAck();
                acks.put(ack.getEventId(), ack.getOutcome());
                counted.countDown();
            }

            @Override
            public void onError(Throwable t) {
                ended.countDown();
            }

            @Override
            public void onCompleted() {
                ended.countDown();
            }
        };
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("localhost", port)
                .usePlaintext()
                .build();
    }
}
