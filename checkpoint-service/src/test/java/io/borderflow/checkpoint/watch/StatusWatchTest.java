package io.borderflow.checkpoint.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.ListCheckpointsRequest;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusResponse;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * WatchCheckpointStatus: the current status first, then a new one when something changes, announced through the
 * database (PostgreSQL NOTIFY), so a change committed by another replica reaches this one's watchers too; heartbeats
 * in between.
 */
@QuarkusTest
class StatusWatchTest {
    private static final String CHECKPOINT = "alakol";
    private static final CallCredentials PLATFORM = TestTokens.as(Roles.FREIGHT_PLATFORM);

    @GrpcClient("watch")
    io.grpc.Channel channel;

    @GrpcClient
    CheckpointServiceGrpc.CheckpointServiceBlockingStub blocking;

    /** A running watch: its messages as they come, its failure if any, and a way to stop it. */
    private record Watch(
            BlockingQueue<WatchCheckpointStatusResponse> messages,
            AtomicReference<Throwable> failure,
            Context.CancellableContext context)
            implements AutoCloseable {
        WatchCheckpointStatusResponse next() throws InterruptedException {
            WatchCheckpointStatusResponse message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message)
                    .as("a message within 10 s (failure: " + failure.get() + ")")
                    .isNotNull();
            return message;
        }

        /** The next status message, skipping heartbeats. */
        WatchCheckpointStatusResponse nextStatus() throws InterruptedException {
            for (int i = 0; i < 20; i++) {
                WatchCheckpointStatusResponse message = next();
                if (message.hasStatus()) {
                    return message;
                }
            }
            throw new AssertionError("no status among 20 messages");
        }

        @Override
        public void close() {
            context.cancel(null);
        }
    }

    private Watch watch(WatchCheckpointStatusRequest request) {
        BlockingQueue<WatchCheckpointStatusResponse> messages = new LinkedBlockingQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Context.CancellableContext context = Context.current().withCancellation();
        context.run(() -> CheckpointServiceGrpc.newStub(channel)
                .withCallCredentials(PLATFORM)
                .watchCheckpointStatus(request, new StreamObserver<>() {
                    @Override
                    public void onNext(WatchCheckpointStatusResponse value) {
                        messages.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        failure.set(t);
                    }

                    @Override
                    public void onCompleted() {}
                }));
        return new Watch(messages, failure, context);
    }

    private static WatchCheckpointStatusRequest watchOne(long heartbeatSeconds) {
        return WatchCheckpointStatusRequest.newBuilder()
                .addNames("checkpoints/" + CHECKPOINT + "/status")
                .setHeartbeatInterval(Duration.newBuilder().setSeconds(heartbeatSeconds))
                .build();
    }

    private void arrive() {
        Instant now = Instant.now().minusSeconds(10);
        blocking.withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(TestTokens.bearer(TestTokens.issuer()
                        .token("post-alakol")
                        .roles(Roles.BORDER_OPERATOR)
                        .checkpoints(List.of(CHECKPOINT))
                        .sign()))
                .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                        .setEvent(CrossingEvent.newBuilder()
                                .setEventId("watch-" + UUID.randomUUID())
                                .setCheckpoint("checkpoints/" + CHECKPOINT)
                                .setType(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED)
                                .setOccurTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                                .setDirection(Direction.DIRECTION_EXIT)
                                .setTruck(Truck.newBuilder()
                                        .setPlate("W"
                                                + UUID.randomUUID().toString().substring(0, 7))
                                        .setCarrierId("watch-test")))
                        .build());
    }

    @Test
    void theCurrentStatusComesFirstAndAnArrivalSendsANewOne() throws InterruptedException {
        try (Watch watch = watch(watchOne(300))) {
            WatchCheckpointStatusResponse first = watch.nextStatus();
            assertThat(first.getStatus().getName()).isEqualTo("checkpoints/" + CHECKPOINT + "/status");
            int before = first.getStatus().getTrucksWaiting();

            arrive();

            WatchCheckpointStatusResponse changed = watch.nextStatus();
            assertThat(changed.getStatus().getTrucksWaiting()).isEqualTo(before + 1);
        }
    }

    @Test
    void aChangeAnnouncedByAnotherReplicaReachesThisOnesWatchers() throws Exception {
        try (Watch watch = watch(watchOne(300))) {
            watch.nextStatus();
            // another replica commits a change at this checkpoint: its transaction announces it on its own connection
            var config = ConfigProvider.getConfig();
            try (Connection other = DriverManager.getConnection(
                            config.getValue("quarkus.datasource.jdbc.url", String.class),
                            config.getValue("quarkus.datasource.username", String.class),
                            config.getValue("quarkus.datasource.password", String.class));
                    Statement statement = other.createStatement()) {
                statement.execute("select pg_notify('checkpoint_status', '" + CHECKPOINT + "')");
            }
            assertThat(watch.nextStatus().getStatus().getName()).isEqualTo("checkpoints/" + CHECKPOINT + "/status");
        }
    }

    @Test
    void heartbeatsKeepAQuietStreamAlive() throws InterruptedException {
        try (Watch watch = watch(watchOne(1))) {
            watch.nextStatus();
            WatchCheckpointStatusResponse heartbeat = watch.next();
            while (heartbeat.hasStatus()) {
                heartbeat = watch.next();
            }
            assertThat(heartbeat.hasHeartbeatTime()).isTrue();
            assertThat(Instant.ofEpochSecond(heartbeat.getHeartbeatTime().getSeconds()))
                    .isAfter(Instant.now().minusSeconds(30));
        }
    }

    @Test
    void aBorderIsWatchedCheckpointByCheckpoint() throws InterruptedException {
        int onBorder = blocking.withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(PLATFORM)
                .listCheckpoints(ListCheckpointsRequest.newBuilder()
                        .setBorder("CN-KZ")
                        .setPageSize(100)
                        .build())
                .getCheckpointsCount();
        assertThat(onBorder).isGreaterThan(1);
        try (Watch watch = watch(WatchCheckpointStatusRequest.newBuilder()
                .setBorder("CN-KZ")
                .setHeartbeatInterval(Duration.newBuilder().setSeconds(300))
                .build())) {
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < onBorder; i++) {
                names.add(watch.nextStatus().getStatus().getName());
            }
            assertThat(names).doesNotHaveDuplicates().hasSize(onBorder).contains("checkpoints/nur-zholy/status");
        }
    }

    @Test
    void badWatchesFailBeforeAnythingIsSent() throws InterruptedException {
        for (var request : List.of(
                WatchCheckpointStatusRequest.getDefaultInstance(),
                WatchCheckpointStatusRequest.newBuilder()
                        .addNames("checkpoints/atlantis/status")
                        .build(),
                WatchCheckpointStatusRequest.newBuilder().setBorder("FR-DE").build(),
                watchOne(0).toBuilder()
                        .setHeartbeatInterval(Duration.newBuilder().setSeconds(3600))
                        .build())) {
            try (Watch watch = watch(request)) {
                await().atMost(java.time.Duration.ofSeconds(5))
                        .until(() -> watch.failure().get() != null);
                assertThat(watch.messages()).as(request.toString()).isEmpty();
                Status.Code code = Status.fromThrowable(watch.failure().get()).getCode();
                assertThat(code).as(request.toString()).isIn(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND);
            }
        }
    }
}
