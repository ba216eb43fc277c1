package io.borderflow.checkpoint.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import io.borderflow.api.checkpoint.v1.BatchGetCheckpointStatusesRequest;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CheckpointStatus;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.ListCheckpointsRequest;
import io.borderflow.api.checkpoint.v1.ListTrucksRequest;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusResponse;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads of many checkpoints at once, the way routing-service and partners make them right after a load: some statuses
 * read a moment ago and aged past {@code status-max-age} (1 s) with nothing changed, others changed since (a change is
 * announced as another replica would, by {@code pg_notify}), all in one batch or one watch. An aged status is served
 * from the cache while a fresh one is computed behind it; a changed one is computed for the caller. Before each
 * computation had a session and a Vert.x context of its own, the computation behind the aged status left its session
 * in the caller's context, the changed checkpoint's computation took that session as its own and found it closed
 * (INTERNAL, "Session/EntityManager is closed").
 */
@QuarkusTest
class ConcurrentStatusReadsTest {
    private static final CallCredentials PLATFORM = TestTokens.as(Roles.FREIGHT_PLATFORM);
    private static final CallCredentials OFFICER = TestTokens.as(Roles.CUSTOMS_OFFICER);
    /** Longer than the status cache keeps a status while nothing changes ({@code statusMaxAge}, 1 s). */
    private static final long AGED_MILLIS = 1_300;

    @GrpcClient("watch")
    io.grpc.Channel channel;

    @GrpcClient
    CheckpointServiceGrpc.CheckpointServiceBlockingStub blocking;

    private List<String> names;

    @BeforeEach
    void everyCheckpoint() {
        names =
                stub()
                        .listCheckpoints(ListCheckpointsRequest.newBuilder()
                                .setPageSize(100)
                                .build())
                        .getCheckpointsList()
                        .stream()
                        .map(c -> c.getName() + "/status")
                        .toList();
        assertThat(names).hasSizeGreaterThan(10);
    }

    private CheckpointServiceGrpc.CheckpointServiceBlockingStub stub() {
        return blocking.withCallCredentials(PLATFORM).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    /** Announces a change at these checkpoints, as a commit on any replica does. */
    private static void changed(List<String> statusNames) throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection other = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
                Statement statement = other.createStatement()) {
            for (String name : statusNames) {
                String id = name.replaceFirst("^checkpoints/", "").replaceFirst("/status$", "");
                statement.execute("select pg_notify('checkpoint_status', '" + id + "')");
            }
        }
    }

    /** Reads every status once, then announces a change at every other one, and lets the rest age. */
    private void readThenChangeHalf() throws SQLException, InterruptedException {
        names.forEach(name -> stub().getCheckpointStatus(
                        GetCheckpointStatusRequest.newBuilder().setName(name).build()));
        List<String> half = new ArrayList<>();
        for (int i = 1; i < names.size(); i += 2) {
            half.add(names.get(i));
        }
        changed(half);
        Thread.sleep(AGED_MILLIS);
    }

    @Test
    void aBatchOfAgedAndChangedStatusesAnswersEveryTime() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            readThenChangeHalf();
            try {
                List<CheckpointStatus> statuses = stub().batchGetCheckpointStatuses(
                                BatchGetCheckpointStatusesRequest.newBuilder()
                                        .addAllNames(names)
                                        .build())
                        .getStatusesList();
                assertThat(statuses).extracting(CheckpointStatus::getName).containsExactlyElementsOf(names);
            } catch (StatusRuntimeException e) {
                failures.add("round " + round + ": " + e.getStatus());
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Gets, batches, truck lists (each needs the status) and watches, two callers of each, all at once. */
    @Test
    void concurrentGetsBatchesTruckListsAndWatchesOfEveryCheckpointNeverFail() throws Exception {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 4; round++) {
                readThenChangeHalf();
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Void>> calls = new ArrayList<>();
                for (int caller = 0; caller < 8; caller++) {
                    int kind = caller % 4;
                    int shift = caller;
                    calls.add(CompletableFuture.runAsync(
                            () -> {
                                await(start);
                                List<String> order = new ArrayList<>(names);
                                java.util.Collections.rotate(order, shift * 3);
                                try {
                                    switch (kind) {
                                        case 0 ->
                                            stub().batchGetCheckpointStatuses(
                                                            BatchGetCheckpointStatusesRequest.newBuilder()
                                                                    .addAllNames(order)
                                                                    .build());
                                        case 1 ->
                                            order.forEach(name -> stub().getCheckpointStatus(
                                                            GetCheckpointStatusRequest.newBuilder()
                                                                    .setName(name)
                                                                    .build()));
                                        case 2 ->
                                            order.forEach(name -> stub().withCallCredentials(OFFICER)
                                                    .listTrucks(ListTrucksRequest.newBuilder()
                                                            .setParent(name.replaceFirst("/status$", ""))
                                                            .setPageSize(5)
                                                            .build()));
                                        default -> assertWatchSendsEveryStatus(order);
                                    }
                                } catch (StatusRuntimeException e) {
                                    failures.add("caller " + shift + ": " + e.getStatus());
                                }
                            },
                            callers));
                }
                start.countDown();
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aWatchNamingEveryCheckpointOpensEveryTime() throws Exception {
        for (int round = 0; round < 6; round++) {
            readThenChangeHalf();
            assertWatchSendsEveryStatus(names);
        }
    }

    /** Opens a watch of these checkpoints and waits for a first status of each; fails with the stream's failure. */
    private void assertWatchSendsEveryStatus(List<String> watched) {
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Context.CancellableContext context = Context.current().withCancellation();
        try {
            context.run(() -> CheckpointServiceGrpc.newStub(channel)
                    .withCallCredentials(PLATFORM)
                    .watchCheckpointStatus(
                            WatchCheckpointStatusRequest.newBuilder()
                                    .addAllNames(watched)
                                    .setHeartbeatInterval(Duration.newBuilder().setSeconds(300))
                                    .build(),
                            new StreamObserver<>() {
                                @Override
                                public void onNext(WatchCheckpointStatusResponse value) {
                                    if (value.hasStatus()
                                            && seen.add(value.getStatus().getName())
                                            && seen.containsAll(watched)) {
                                        done.complete(null);
                                    }
                                }

                                @Override
                                public void onError(Throwable t) {
                                    done.completeExceptionally(t);
                                }

                                @Override
                                public void onCompleted() {
                                    done.completeExceptionally(new AssertionError("the watch ended"));
                                }
                            }));
            done.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException failed) {
                throw failed;
            }
            throw new AssertionError("the watch failed", e.getCause());
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new AssertionError(
                    "no status of "
                            + new HashSet<>(watched)
                                    .stream().filter(n -> !seen.contains(n)).toList() + " within 20 s",
                    e);
        } finally {
            context.cancel(null);
        }
        assertThat(seen).containsAll(watched);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
