package io.borderflow.routing.route;

import io.borderflow.api.checkpoint.v1.BatchGetCheckpointStatusesRequest;
import io.borderflow.api.checkpoint.v1.BatchGetCheckpointStatusesResponse;
import io.borderflow.api.checkpoint.v1.Checkpoint;
import io.borderflow.api.checkpoint.v1.CheckpointStatus;
import io.borderflow.api.checkpoint.v1.Closure;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointResponse;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusResponse;
import io.borderflow.api.checkpoint.v1.ListClosuresRequest;
import io.borderflow.api.checkpoint.v1.ListClosuresResponse;
import io.borderflow.api.checkpoint.v1.MutinyCheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.OpeningSchedule;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusResponse;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.security.Roles;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The checkpoint-service stand-in of routing-service's tests, served by the service under test itself: every
 * checkpoint is open round the clock in Asia/Almaty with the closures a test sets; statuses are what a test publishes,
 * streamed to watchers at once. {@link #down} makes it refuse every call and end open streams, as a stopped
 * checkpoint-service would. {@code fake-checkpoint.calendar-delay} and {@code fake-checkpoint.watch-delay} (a test
 * profile's settings, or {@link #calendarDelay} and {@link #watchDelay} at run time) make it slow to answer, as a
 * freshly started one is. Only the {@code service} role may call it, so the tests also prove that routing presents
 * its own token.
 */
@GrpcService
@RolesAllowed(Roles.SERVICE)
public class FakeCheckpointService extends MutinyCheckpointServiceGrpc.CheckpointServiceImplBase {
    static final Map<String, CheckpointStatus> STATUSES = new ConcurrentHashMap<>();
    static final Map<String, List<Closure>> CLOSURES = new ConcurrentHashMap<>();
    static final AtomicInteger STATUS_READS = new AtomicInteger();
    /** GetCheckpointStatus and BatchGetCheckpointStatuses calls: what a search that asked per request would make. */
    static final AtomicInteger STATUS_CALLS = new AtomicInteger();

    static volatile boolean down;
    /** How long GetCheckpoint and ListClosures take, and how long a new watch stays silent; null: as configured. */
    static volatile Duration calendarDelay;

    static volatile Duration watchDelay;
    private static volatile BroadcastProcessor<WatchCheckpointStatusResponse> updates = BroadcastProcessor.create();

    /** A status of {@code waiting} trucks, cleared at {@code perHour} while open, arriving at {@code arrivals} an hour. */
    static CheckpointStatus status(String checkpointId, int waiting, double perHour, double arrivals) {
        return CheckpointStatus.newBuilder()
                .setName("checkpoints/" + checkpointId + "/status")
                .setTrucksWaiting(waiting)
                .setClearancesPerOpenHour(perHour)
                .setArrivalsPerHour(arrivals)
                .setUpdateTime(ProtoTimes.timestamp(Instant.now()))
                .build();
    }

    /** Stores the status and sends it to every watcher. */
    static void publish(CheckpointStatus status) {
        String id = status.getName().replaceFirst("^checkpoints/", "").replaceFirst("/status$", "");
        STATUSES.put(id, status);
        updates.onNext(
                WatchCheckpointStatusResponse.newBuilder().setStatus(status).build());
    }

    /** Stops answering and ends every open stream with UNAVAILABLE. */
    static void goDown() {
        down = true;
        BroadcastProcessor<WatchCheckpointStatusResponse> old = updates;
        updates = BroadcastProcessor.create();
        old.onError(
                Status.UNAVAILABLE.withDescription("checkpoint-service stopped").asRuntimeException());
    }

    static void comeBack() {
        down = false;
    }

    @Override
    public Multi<WatchCheckpointStatusResponse> watchCheckpointStatus(WatchCheckpointStatusRequest request) {
        if (down) {
            return Multi.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
        }
        STATUS_READS.incrementAndGet();
        Duration heartbeat = ProtoTimes.duration(request.getHeartbeatInterval());
        // the statuses as they are when the stream starts sending (after the watch delay, if any)
        Multi<WatchCheckpointStatusResponse> all = Multi.createFrom().deferred(() -> {
            List<WatchCheckpointStatusResponse> initial = request.getNamesList().stream()
                    .map(name ->
                            STATUSES.get(name.replaceFirst("^checkpoints/", "").replaceFirst("/status$", "")))
                    .filter(java.util.Objects::nonNull)
                    .map(status -> WatchCheckpointStatusResponse.newBuilder()
                            .setStatus(status)
                            .build())
                    .toList();
            Multi<WatchCheckpointStatusResponse> heartbeats = Multi.createFrom()
                    .ticks()
                    .every(heartbeat)
                    .map(tick -> WatchCheckpointStatusResponse.newBuilder()
                            .setHeartbeatTime(ProtoTimes.timestamp(Instant.now()))
                            .build());
            Multi<WatchCheckpointStatusResponse> live = updates;
            return Multi.createBy()
                    .merging()
                    .streams(Multi.createFrom().iterable(initial), live, heartbeats)
                    .select()
                    .where(update -> !down);
        });
        Duration silent = delay("fake-checkpoint.watch-delay", watchDelay);
        return silent.isZero()
                ? all
                : Uni.createFrom()
                        .voidItem()
                        .onItem()
                        .delayIt()
                        .by(silent)
                        .onItem()
                        .transformToMulti(ready -> all);
    }

    private static Duration delay(String setting, Duration set) {
        return set != null
                ? set
                : org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getOptionalValue(setting, Duration.class)
                        .orElse(Duration.ZERO);
    }

    private static <T> Uni<T> slowly(T answer) {
        Duration delay = delay("fake-checkpoint.calendar-delay", calendarDelay);
        Uni<T> item = Uni.createFrom().item(answer);
        return delay.isZero() ? item : item.onItem().delayIt().by(delay);
    }

    @Override
    public Uni<GetCheckpointStatusResponse> getCheckpointStatus(GetCheckpointStatusRequest request) {
        STATUS_CALLS.incrementAndGet();
        return Uni.createFrom()
                .failure(Status.UNIMPLEMENTED
                        .withDescription("routing reads the stream")
                        .asRuntimeException());
    }

    @Override
    public Uni<BatchGetCheckpointStatusesResponse> batchGetCheckpointStatuses(
            BatchGetCheckpointStatusesRequest request) {
        STATUS_CALLS.incrementAndGet();
        return Uni.createFrom()
                .failure(Status.UNIMPLEMENTED
                        .withDescription("routing reads the stream")
                        .asRuntimeException());
    }

    @Override
    public Uni<GetCheckpointResponse> getCheckpoint(GetCheckpointRequest request) {
        if (down) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
        }
        return slowly(GetCheckpointResponse.newBuilder()
                .setCheckpoint(Checkpoint.newBuilder()
                        .setName(request.getName())
                        .setSchedule(OpeningSchedule.newBuilder()
                                .setTimeZone("Asia/Almaty")
                                .setAlwaysOpen(true)))
                .build());
    }

    @Override
    public Uni<ListClosuresResponse> listClosures(ListClosuresRequest request) {
        if (down) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
        }
        String id = request.getParent().substring("checkpoints/".length());
        return slowly(ListClosuresResponse.newBuilder()
                .addAllClosures(CLOSURES.getOrDefault(id, List.of()))
                .build());
    }
}
