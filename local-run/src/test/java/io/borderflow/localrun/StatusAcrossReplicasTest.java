package io.borderflow.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusResponse;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of checkpoint-service on one database, as separate processes: an event recorded through one reaches
 * the status watchers connected to the other (PostgreSQL LISTEN/NOTIFY, no other infrastructure).
 */
class StatusAcrossReplicasTest {

    @TempDir
    Path data;

    @Test
    void anEventRecordedThroughOneReplicaReachesTheWatchersOfTheOther() throws Exception {
        int[] ports = FreePorts.take(5);
        SuiteSettings settings = FreePorts.suite(data, ports);
        try (RunningSuite suite = RunningSuite.start(settings)) {
            SuiteFaults.startReplica(suite, "checkpoint-service", ports[4]);
            ManagedChannel first = ManagedChannelBuilder.forAddress("localhost", ports[1])
                    .usePlaintext()
                    .build();
            ManagedChannel second = ManagedChannelBuilder.forAddress("localhost", ports[4])
                    .usePlaintext()
                    .build();
            BlockingQueue<WatchCheckpointStatusResponse> seenBySecond = new LinkedBlockingQueue<>();
            Context.CancellableContext watch = Context.current().withCancellation();
            try {
                watch.run(() -> CheckpointServiceGrpc.newStub(second)
                        .withCallCredentials(TestTokens.bearer(suite.issuer()
                                .token("platform")
                                .roles(Roles.FREIGHT_PLATFORM)
                                .sign()))
                        .watchCheckpointStatus(
                                WatchCheckpointStatusRequest.newBuilder()
                                        .addNames("checkpoints/zhaisan/status")
                                        .setHeartbeatInterval(
                                                Duration.newBuilder().setSeconds(300))
                                        .build(),
                                new StreamObserver<>() {
                                    @Override
                                    public void onNext(WatchCheckpointStatusResponse value) {
                                        seenBySecond.add(value);
                                    }

                                    @Override
                                    public void onError(Throwable t) {}

                                    @Override
                                    public void onCompleted() {}
                                }));
                WatchCheckpointStatusResponse initial = seenBySecond.poll(30, TimeUnit.SECONDS);
                assertThat(initial).as("the current status first").isNotNull();
                int before = initial.getStatus().getTrucksWaiting();

                Instant now = Instant.now().minusSeconds(10);
                CheckpointServiceGrpc.newBlockingStub(first)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withCallCredentials(TestTokens.bearer(suite.issuer()
                                .token("post-zhaisan")
                                .roles(Roles.BORDER_OPERATOR)
                                .checkpoints(List.of("zhaisan"))
                                .sign()))
                        .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                                .setEvent(CrossingEvent.newBuilder()
                                        .setEventId("replica-test-000001")
                                        .setCheckpoint("checkpoints/zhaisan")
                                        .setType(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED)
                                        .setOccurTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                                        .setDirection(Direction.DIRECTION_EXIT)
                                        .setTruck(Truck.newBuilder()
                                                .setPlate("777 REP 01")
                                                .setCarrierId("kaz-trans-01")))
                                .build());

                WatchCheckpointStatusResponse update = seenBySecond.poll(15, TimeUnit.SECONDS);
                while (update != null && !update.hasStatus()) {
                    update = seenBySecond.poll(15, TimeUnit.SECONDS);
                }
                assertThat(update).as("the other replica's watcher is told").isNotNull();
                assertThat(update.getStatus().getTrucksWaiting()).isEqualTo(before + 1);
            } finally {
                watch.cancel(null);
                first.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                second.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
