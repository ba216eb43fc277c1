package io.borderflow.benchmarks;

import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CheckpointStatus;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsResponse;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.support.security.Roles;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads a backlog into a running suite (the local run) the way a border post would report it, through one
 * StreamCrossingEvents stream: trucks cleared at the checkpoint's pace over the last days, and the trucks still waiting,
 * arrived over those days. Then prints the status the checkpoint computes from them. Times are counted back from the
 * start of the current hour and ids and plates carry that hour, so a second run within the hour is acknowledged
 * DUPLICATE and changes nothing, while a run in a later hour loads a new backlog.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.borderflow.benchmarks.BacklogLoad [checkpoint] [waiting] [cleared-per-day] [days]
 * </pre>
 * Defaults: zhaisan, 2,500 waiting, 300 cleared a day, over 3 days; the suite on localhost:9101 (CHECKPOINT_PORT),
 * tokens from the local run's development issuer in .local (BORDERFLOW_DATA_DIR).
 */
public final class BacklogLoad {
    private BacklogLoad() {}

    public static void main(String[] args) throws Exception {
        String checkpoint = args.length > 0 ? args[0] : "zhaisan";
        int waiting = args.length > 1 ? Integer.parseInt(args[1]) : 2500;
        int clearedPerDay = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int days = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int port = Integer.parseInt(System.getenv().getOrDefault("CHECKPOINT_PORT", "9101"));
        Path data = Path.of(System.getenv().getOrDefault("BORDERFLOW_DATA_DIR", ".local"));
        DevTokenIssuer issuer = DevTokenIssuer.inFolder(data.resolve("dev-issuer"));
        CallCredentials operator = bearer(issuer.token("backlog-load")
                .roles(Roles.BORDER_OPERATOR)
                .checkpoints(List.of(checkpoint))
                .sign());
        CallCredentials reader = bearer(
                issuer.token("backlog-load").roles(Roles.FREIGHT_PLATFORM).sign());

        List<CrossingEvent> events = events(
                checkpoint,
                waiting,
                clearedPerDay,
                days,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", port)
                .usePlaintext()
                .build();
        try {
            Instant start = Instant.now();
            Map<EventOutcome, Integer> outcomes = stream(channel, operator, events);
            Duration took = Duration.between(start, Instant.now());
            System.out.printf(
                    Locale.ROOT,
                    "%d events to checkpoints/%s in %.1f s (%.0f events/s): %s%n",
                    events.size(),
                    checkpoint,
                    took.toMillis() / 1000.0,
                    events.size() * 1000.0 / Math.max(1, took.toMillis()),
                    outcomes);
            CheckpointStatus status = CheckpointServiceGrpc.newBlockingStub(channel)
                    .withCallCredentials(reader)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getCheckpointStatus(GetCheckpointStatusRequest.newBuilder()
                            .setName("checkpoints/" + checkpoint + "/status")
                            .build())
                    .getStatus();
            System.out.println(summary(status));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Cleared trucks (ARRIVED, then CLEARED after a wait of 3 to 4 days) and waiting trucks, oldest first. */
    static List<CrossingEvent> events(String checkpoint, int waiting, int clearedPerDay, int days, Instant now) {
        List<CrossingEvent> events = new ArrayList<>();
        String run = java.time.format.DateTimeFormatter.ofPattern("ddHH")
                .withZone(java.time.ZoneOffset.UTC)
                .format(now);
        long window = Duration.ofDays(days).toSeconds();
        int cleared = clearedPerDay * days;
        for (int i = 0; i < cleared; i++) {
            Instant clear = now.minusSeconds(window - window * (i + 1L) / cleared + 60);
            Instant arrive = clear.minus(Duration.ofHours(72 + i % 24));
            String plate = String.format(Locale.ROOT, "B%sC%06d", run, i);
            String id = "backlog-" + checkpoint + "-" + run + "-";
            events.add(event(
                    checkpoint, id + "arrived-c" + i, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, arrive, plate));
            events.add(event(
                    checkpoint, id + "cleared-c" + i, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, clear, plate));
        }
        for (int i = 0; i < waiting; i++) {
            Instant arrive = now.minusSeconds(window - window * (i + 1L) / waiting + 60);
            events.add(event(
                    checkpoint,
                    "backlog-" + checkpoint + "-" + run + "-arrived-w" + i,
                    CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                    arrive,
                    String.format(Locale.ROOT, "B%sW%06d", run, i)));
        }
        return events;
    }

    private static CrossingEvent event(String checkpoint, String id, CrossingEventType type, Instant at, String plate) {
        return CrossingEvent.newBuilder()
                .setEventId(id)
                .setCheckpoint("checkpoints/" + checkpoint)
                .setType(type)
                .setOccurTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond()))
                .setDirection(Direction.DIRECTION_EXIT)
                .setTruck(Truck.newBuilder().setPlate(plate).setCarrierId("backlog-carrier"))
                .build();
    }

    private static Map<EventOutcome, Integer> stream(
            ManagedChannel channel, CallCredentials operator, List<CrossingEvent> events) throws InterruptedException {
        Map<EventOutcome, Integer> outcomes = new EnumMap<>(EventOutcome.class);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        StreamObserver<StreamCrossingEventsRequest> requests = CheckpointServiceGrpc.newStub(channel)
                .withCallCredentials(operator)
                .streamCrossingEvents(new StreamObserver<>() {
                    @Override
                    public void onNext(StreamCrossingEventsResponse response) {
                        synchronized (outcomes) {
                            outcomes.merge(response.getAck().getOutcome(), 1, Integer::sum);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        failure.set(t);
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
        for (CrossingEvent event : events) {
            requests.onNext(
                    StreamCrossingEventsRequest.newBuilder().setEvent(event).build());
        }
        requests.onCompleted();
        if (!done.await(30, TimeUnit.MINUTES) || failure.get() != null) {
            throw new IllegalStateException("the stream did not finish: " + failure.get(), failure.get());
        }
        return outcomes;
    }

    static String summary(CheckpointStatus s) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT, "%s: %s (%s)%n", s.getName(), s.getOperationalStatus(), s.getStatusReason()));
        text.append(String.format(
                Locale.ROOT,
                "  waiting %d, cleared last 24 h %d, arrivals %.1f/h, capacity %.1f/open h (%s)%n",
                s.getTrucksWaiting(),
                s.getClearancesLast24H(),
                s.getArrivalsPerHour(),
                s.getClearancesPerOpenHour(),
                s.getCapacityBasis()));
        if (s.hasObservedWaits()) {
            text.append(String.format(
                    Locale.ROOT,
                    "  observed waits of cleared trucks: median %.1f h, p90 %.1f h (%d trucks)%n",
                    s.getObservedWaits().getMedian().getSeconds() / 3600.0,
                    s.getObservedWaits().getP90().getSeconds() / 3600.0,
                    s.getObservedWaits().getTrucks()));
        }
        s.getEstimatedWaitsList()
                .forEach(w -> text.append(String.format(
                        Locale.ROOT,
                        "  a truck arriving now, %s: waits %s (%s, %s)%n",
                        w.getChannel(),
                        w.hasWait()
                                ? String.format(
                                        Locale.ROOT, "%.1f days", w.getWait().getSeconds() / 86400.0)
                                : "more than a year",
                        w.getMethod(),
                        w.getBasis())));
        text.append("  backlog forecast to clear: ")
                .append(
                        s.hasBacklogClearTime()
                                ? Instant.ofEpochSecond(s.getBacklogClearTime().getSeconds())
                                        .toString()
                                : "not within a year at this rate");
        return text.toString();
    }

    private static CallCredentials bearer(String jwt) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + jwt);
                applier.apply(headers);
            }
        };
    }
}
