package io.borderflow.routing.client;

import io.borderflow.api.checkpoint.v1.Checkpoint;
import io.borderflow.api.checkpoint.v1.CheckpointStatus;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.ListClosuresRequest;
import io.borderflow.api.checkpoint.v1.MutinyCheckpointServiceGrpc.MutinyCheckpointServiceStub;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusRequest;
import io.borderflow.routing.model.route.BorderSnapshot;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.calendar.OpeningHours;
import io.borderflow.support.calendar.ScheduledClosure;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.security.ServiceCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The local copy of the border conditions route searches read: checkpoint-service's status stream
 * (WatchCheckpointStatus, with the service's own token) for every checkpoint of the network, and each checkpoint's
 * opening calendar (GetCheckpoint and ListClosures, refreshed every {@link #CALENDAR_REFRESH} and whenever the stream
 * has connected again, not on every attempt while checkpoint-service is down). A search reads {@link #snapshots()} and makes no call to checkpoint-service. When the stream fails,
 * the last statuses stand, marked not live, and the stream is opened again every {@link #RETRY}.
 */
@ApplicationScoped
public class CheckpointFeed {
    private static final Logger LOG = Logger.getLogger(CheckpointFeed.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration RETRY = Duration.ofSeconds(5);
    static final Duration CALENDAR_REFRESH = Duration.ofMinutes(5);
    static final Duration DEADLINE = Duration.ofSeconds(2);
    /** A status not confirmed (a status or a heartbeat) for this long is stale even with the stream open. */
    public static final Duration TRUSTED_FOR = HEARTBEAT.multipliedBy(3);
    private static final double DEFAULT_SPREAD = 1.3;

    private record Known(CheckpointStatus status, Instant confirmedAt) {
    }

    private final MutinyCheckpointServiceStub calls;
    private final MutinyCheckpointServiceStub watch;
    private final ServiceCredentials credentials;
    private final Vertx vertx;
    private final Map<String, Known> statuses = new ConcurrentHashMap<>();
    private final Map<String, OpeningCalendar> calendars = new ConcurrentHashMap<>();
    private volatile Set<String> watched = Set.of();
    private volatile boolean connected;
    private volatile boolean stopped;
    private volatile Cancellable stream;
    private volatile long calendarTimer = -1;

    public CheckpointFeed(@GrpcClient("checkpoint") MutinyCheckpointServiceStub calls,
            @GrpcClient("checkpoint-watch") MutinyCheckpointServiceStub watch, ServiceCredentials credentials,
            Vertx vertx) {
        this.calls = calls;
        this.watch = watch;
        this.credentials = credentials;
        this.vertx = vertx;
    }

    /** Starts following these checkpoints (the network's), replacing any earlier set. */
    public synchronized void follow(Set<String> checkpointIds) {
        watched = Set.copyOf(checkpointIds);
        stopped = false;
        if (calendarTimer < 0) {
            calendarTimer = vertx.setPeriodic(CALENDAR_REFRESH.toMillis(), id -> refreshCalendars());
        }
        connect();
    }

    /** Stops the stream and the refreshes (at shutdown). */
    public synchronized void stop() {
        stopped = true;
        connected = false;
        if (stream != null) {
            stream.cancel();
        }
        if (calendarTimer >= 0) {
            vertx.cancelTimer(calendarTimer);
            calendarTimer = -1;
        }
    }

    /** Whether the status stream is open now. */
    public boolean connected() {
        return connected;
    }

    /** What is known now of each checkpoint that has sent a status; checkpoints without one are left out. */
    public Map<String, BorderSnapshot> snapshots() {
        boolean live = connected;
        return statuses.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> snapshot(e.getKey(),
                e.getValue(), calendars.getOrDefault(e.getKey(), OpeningCalendar.alwaysOpen(ZoneId.of("UTC"), List.of())),
                live)));
    }

    private synchronized void connect() {
        if (stopped || watched.isEmpty()) {
            return;
        }
        WatchCheckpointStatusRequest request = WatchCheckpointStatusRequest.newBuilder()
                .addAllNames(watched.stream().sorted().map(id -> "checkpoints/" + id + "/status").toList())
                .setHeartbeatInterval(ProtoTimes.duration(HEARTBEAT)).build();
        stream = watch.withCallCredentials(credentials.callCredentials()).watchCheckpointStatus(request)
                .subscribe().with(update -> {
                    if (!connected) {
                        // (re)connected: the calendars may have changed while the stream was down
                        LOG.infof("following checkpoint-service's status of %d checkpoints", watched.size());
                        refreshCalendars();
                    }
                    connected = true;
                    Instant now = Instant.now();
                    if (update.hasStatus()) {
                        String id = update.getStatus().getName().replaceFirst("^checkpoints/", "").replaceFirst("/status$", "");
                        statuses.put(id, new Known(update.getStatus(), now));
                    } else {
                        statuses.replaceAll((id, known) -> new Known(known.status(), now));
                    }
                }, failure -> lost(Status.fromThrowable(failure).toString()), () -> lost("ended"));
    }

    private void lost(String why) {
        if (connected) {
            LOG.warnf("checkpoint-service status stream lost (%s); routes use the last statuses, marked stale, "
                    + "and the stream is opened again every %d s", why, RETRY.toSeconds());
        } else {
            LOG.debugf("checkpoint-service status stream not open (%s); trying again in %d s", why, RETRY.toSeconds());
        }
        connected = false;
        if (!stopped) {
            vertx.setTimer(RETRY.toMillis(), id -> connect());
        }
    }

    private void refreshCalendars() {
        for (String id : watched) {
            var stub = calls.withCallCredentials(credentials.callCredentials());
            Uni.combine().all().unis(
                            stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                                    .getCheckpoint(GetCheckpointRequest.newBuilder().setName("checkpoints/" + id).build()),
                            stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                                    .listClosures(ListClosuresRequest.newBuilder().setParent("checkpoints/" + id).build()))
                    .asTuple().subscribe().with(
                            both -> calendars.put(id, calendar(both.getItem1().getCheckpoint(),
                                    both.getItem2().getClosuresList())),
                            failure -> LOG.debugf("calendar of checkpoints/%s not refreshed: %s", id,
                                    Status.fromThrowable(failure).getCode()));
        }
    }

    /** The checkpoint's weekly hours with the closures that stand (cancelled ones left out). */
    static OpeningCalendar calendar(Checkpoint checkpoint, List<io.borderflow.api.checkpoint.v1.Closure> closures) {
        ZoneId zone = ZoneId.of(checkpoint.getSchedule().getTimeZone().isEmpty() ? "UTC"
                : checkpoint.getSchedule().getTimeZone());
        List<ScheduledClosure> standing = closures.stream().filter(c -> !c.hasCancelTime())
                .map(c -> new ScheduledClosure(ProtoTimes.instant(c.getStartTime()), ProtoTimes.instant(c.getEndTime()),
                        c.getReason())).toList();
        if (checkpoint.getSchedule().getAlwaysOpen() || checkpoint.getSchedule().getHoursCount() == 0) {
            return OpeningCalendar.alwaysOpen(zone, standing);
        }
        List<OpeningHours> hours = checkpoint.getSchedule().getHoursList().stream().map(h -> {
            EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            h.getDaysList().forEach(d -> days.add(DayOfWeek.of(d.getNumber())));
            return new OpeningHours(days, LocalTime.parse(h.getOpenTime()), LocalTime.parse(h.getCloseTime()));
        }).toList();
        return OpeningCalendar.weekly(zone, hours, standing);
    }

    private static BorderSnapshot snapshot(String id, Known known, OpeningCalendar calendar, boolean live) {
        CheckpointStatus s = known.status();
        double spread = DEFAULT_SPREAD;
        if (s.hasObservedWaits() && s.getObservedWaits().getMedian().getSeconds() > 0) {
            spread = Math.max(1, Math.min(3, (double) s.getObservedWaits().getP90().getSeconds()
                    / s.getObservedWaits().getMedian().getSeconds()));
        }
        return new BorderSnapshot(id, ProtoTimes.instant(s.getUpdateTime()), s.getTrucksWaiting(),
                s.getClearancesPerOpenHour(), s.getArrivalsPerHour(), spread, calendar, known.confirmedAt(), live);
    }
}
