package io.borderflow.routing.client;

import io.borderflow.api.checkpoint.v1.Checkpoint;
import io.borderflow.api.checkpoint.v1.CheckpointStatus;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.ListClosuresRequest;
import io.borderflow.api.checkpoint.v1.MutinyCheckpointServiceGrpc.MutinyCheckpointServiceStub;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusRequest;
import io.borderflow.routing.config.RoutingConfig;
import io.borderflow.routing.model.route.BorderDataCoverage;
import io.borderflow.routing.model.route.BorderSnapshot;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.calendar.OpeningHours;
import io.borderflow.support.calendar.ScheduledClosure;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.security.ServiceCredentials;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.jboss.logging.Logger;

/**
 * The local copy of the border conditions route searches read, from checkpoint-service with the service's own token:
 * <ul>
 * <li>the status stream (WatchCheckpointStatus) of every checkpoint of the network, opened again after a failure
 * with a back-off from {@link #RETRY_FIRST} doubling to {@link #RETRY_MAX}, and reset once it delivers;</li>
 * <li>each checkpoint's opening calendar (GetCheckpoint and ListClosures), fetched a few checkpoints at a time
 * ({@code calendars-in-flight}, 4) so that a freshly started checkpoint-service answers each within its deadline,
 * each call retried once, refreshed every {@code calendar-refresh} (5 minutes) and whenever the stream has connected
 * again; a round that left any calendar unfetched is tried again sooner, with a back-off from 2 s to 1 minute.</li>
 * </ul>
 * A search reads {@link #snapshots()} and makes no call to checkpoint-service. What could not be had is never made
 * up: the last status and calendar stand (stale, with their age), and a checkpoint that has neither yet has none
 * (unknown), which the search says in the answer rather than taking it as open with no queue. Every failure is
 * logged at WARN and counted ({@code borderflow_checkpoint_feed_failures_total}); how many checkpoints are live,
 * stale or unknown is the gauge {@code borderflow_border_data_checkpoints}.
 */
@ApplicationScoped
public class CheckpointFeed {
    private static final Logger LOG = Logger.getLogger(CheckpointFeed.class);
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    static final Duration RETRY_MAX = Duration.ofSeconds(30);
    /** A status not confirmed (a status or a heartbeat) for this long is stale even with the stream open. */
    public static final Duration TRUSTED_FOR = HEARTBEAT.multipliedBy(3);

    private static final double DEFAULT_SPREAD = 1.3;

    private record Known(CheckpointStatus status, Instant confirmedAt) {}

    private final MutinyCheckpointServiceStub calls;
    private final MutinyCheckpointServiceStub watch;
    private final ServiceCredentials credentials;
    private final Vertx vertx;
    private final RoutingConfig.CheckpointFeed config;
    private final Map<String, Known> statuses = new ConcurrentHashMap<>();
    private final Map<String, BorderSnapshot.KnownCalendar> calendars = new ConcurrentHashMap<>();
    private final Counter streamFailures;
    private final Counter calendarFailures;
    private volatile Set<String> watched = Set.of();
    private volatile boolean connected;
    private volatile boolean stopped;
    private volatile Cancellable stream;
    private volatile long calendarTimer = -1;
    /** Stream failures since it last delivered, and calendar rounds that left a calendar unfetched, in a row. */
    private int streamAttempts;

    private int calendarAttempts;
    private boolean refreshing;
    private boolean refreshAgain;

    public CheckpointFeed(
            @GrpcClient("checkpoint") MutinyCheckpointServiceStub calls,
            @GrpcClient("checkpoint-watch") MutinyCheckpointServiceStub watch,
            ServiceCredentials credentials,
            Vertx vertx,
            RoutingConfig config,
            MeterRegistry registry) {
        this.calls = calls;
        this.watch = watch;
        this.credentials = credentials;
        this.vertx = vertx;
        this.config = config.checkpointFeed();
        this.streamFailures = Counter.builder("borderflow.checkpoint.feed.failures")
                .tag("call", "watch")
                .description("Failures of checkpoint-service's status stream (it is opened again with back-off)")
                .register(registry);
        this.calendarFailures = Counter.builder("borderflow.checkpoint.feed.failures")
                .tag("call", "calendar")
                .description("Calendars of a checkpoint that a refresh could not fetch (the last one stands)")
                .register(registry);
        gauge(registry, "status", "live", BorderDataCoverage::statusLive);
        gauge(registry, "status", "stale", BorderDataCoverage::statusStale);
        gauge(registry, "status", "unknown", BorderDataCoverage::statusUnknown);
        gauge(registry, "calendar", "live", BorderDataCoverage::calendarLive);
        gauge(registry, "calendar", "stale", BorderDataCoverage::calendarStale);
        gauge(registry, "calendar", "unknown", BorderDataCoverage::calendarUnknown);
    }

    private void gauge(
            MeterRegistry registry, String figure, String freshness, ToIntFunction<BorderDataCoverage> count) {
        Gauge.builder(
                        "borderflow.border.data.checkpoints",
                        this,
                        feed -> count.applyAsInt(feed.coverage(Instant.now())))
                .tag("figure", figure)
                .tag("freshness", freshness)
                .description("Checkpoints whose status or calendar is live, stale or unknown in routing's copy")
                .register(registry);
    }

    /** Starts following these checkpoints (the network's), replacing any earlier set. */
    public synchronized void follow(Set<String> checkpointIds) {
        watched = Set.copyOf(checkpointIds);
        stopped = false;
        connect();
        refreshCalendars();
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

    /** What is known now of every checkpoint followed: its last status and its calendar, each if there is one. */
    public Map<String, BorderSnapshot> snapshots() {
        boolean live = connected;
        Map<String, BorderSnapshot> all = new TreeMap<>();
        for (String id : watched) {
            Known known = statuses.get(id);
            all.put(
                    id,
                    new BorderSnapshot(
                            id,
                            Optional.ofNullable(known).map(k -> queue(k, live)),
                            Optional.ofNullable(calendars.get(id))));
        }
        return all;
    }

    /** A status is live while the stream is open and confirmed it within this ({@link #TRUSTED_FOR}). */
    public Duration statusTrustedFor() {
        return TRUSTED_FOR;
    }

    /** A calendar is live while its last refresh succeeded, within two refresh periods. */
    public Duration calendarTrustedFor() {
        return config.calendarRefresh().multipliedBy(2);
    }

    /** How many of the checkpoints followed have a live, a stale or no status and calendar at {@code now}. */
    public BorderDataCoverage coverage(Instant now) {
        return BorderDataCoverage.of(snapshots().values(), now, statusTrustedFor(), calendarTrustedFor());
    }

    private synchronized void connect() {
        if (stopped || watched.isEmpty()) {
            return;
        }
        WatchCheckpointStatusRequest request = WatchCheckpointStatusRequest.newBuilder()
                .addAllNames(watched.stream()
                        .sorted()
                        .map(id -> "checkpoints/" + id + "/status")
                        .toList())
                .setHeartbeatInterval(ProtoTimes.duration(HEARTBEAT))
                .build();
        stream = watch.withCallCredentials(credentials.callCredentials())
                .watchCheckpointStatus(request)
                .subscribe()
                .with(
                        update -> {
                            if (!connected) {
                                onConnected();
                            }
                            Instant now = Instant.now();
                            if (update.hasStatus()) {
                                String id = update.getStatus()
                                        .getName()
                                        .replaceFirst("^checkpoints/", "")
                                        .replaceFirst("/status$", "");
                                statuses.put(id, new Known(update.getStatus(), now));
                            } else {
                                statuses.replaceAll((id, known) -> new Known(known.status(), now));
                            }
                        },
                        failure -> lost(Status.fromThrowable(failure).toString()),
                        () -> lost("ended"));
    }

    private synchronized void onConnected() {
        connected = true;
        streamAttempts = 0;
        LOG.infof("following checkpoint-service's status of %d checkpoints", watched.size());
        // the calendars may have changed while the stream was down
        refreshCalendars();
    }

    private synchronized void lost(String why) {
        boolean was = connected;
        connected = false;
        streamFailures.increment();
        if (stopped) {
            return;
        }
        Duration wait = backoff(++streamAttempts);
        if (was) {
            LOG.warnf(
                    "checkpoint-service status stream lost (%s); routes use the last statuses, marked stale; "
                            + "opening it again in %d ms",
                    why, wait.toMillis());
        } else {
            LOG.warnf(
                    "checkpoint-service status stream could not be opened (%s, attempt %d); %d of %d checkpoints "
                            + "have no status yet (marked unknown in routes); trying again in %d ms",
                    why, streamAttempts, watched.size() - statuses.size(), watched.size(), wait.toMillis());
        }
        vertx.setTimer(wait.toMillis(), id -> connect());
    }

    /** The wait before attempt {@code attempt + 1}: {@link #RETRY_FIRST}, doubled each time, at most {@link #RETRY_MAX}. */
    static Duration backoff(int attempt) {
        long millis = RETRY_FIRST.toMillis() << Math.min(Math.max(attempt - 1, 0), 16);
        return Duration.ofMillis(Math.min(millis, RETRY_MAX.toMillis()));
    }

    /** A round of calendar fetches, one at a time: a round asked for while one runs follows it. */
    private synchronized void refreshCalendars() {
        if (stopped || watched.isEmpty()) {
            return;
        }
        if (refreshing) {
            refreshAgain = true;
            return;
        }
        refreshing = true;
        if (calendarTimer >= 0) {
            vertx.cancelTimer(calendarTimer);
            calendarTimer = -1;
        }
        List<String> ids = watched.stream().sorted().toList();
        Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUni(id -> calendar(id)
                        .map(calendars -> new Fetched(id, calendars, null))
                        .onFailure()
                        .recoverWithItem(failure -> new Fetched(id, null, Status.fromThrowable(failure)))
                        .invoke(this::keep))
                .merge(config.calendarsInFlight())
                .collect()
                .asList()
                .subscribe()
                .with(this::fetched, failure -> fetched(List.of()));
    }

    private record Fetched(String id, Calendars calendar, Status failure) {}

    /** A checkpoint's calendar with every standing closure, and per direction with the closures that apply to it. */
    record Calendars(OpeningCalendar all, Map<String, OpeningCalendar> directions) {}

    /** Keeps a checkpoint's calendar as soon as it came, or marks the one it had as not current. */
    private void keep(Fetched fetched) {
        if (fetched.calendar() != null) {
            calendars.put(
                    fetched.id(),
                    new BorderSnapshot.KnownCalendar(
                            fetched.calendar().all(), fetched.calendar().directions(), Instant.now(), true));
        } else {
            calendarFailures.increment();
            calendars.computeIfPresent(
                    fetched.id(),
                    (id, known) -> new BorderSnapshot.KnownCalendar(
                            known.calendar(), known.directions(), known.fetchedAt(), false));
        }
    }

    private synchronized void fetched(List<Fetched> round) {
        List<String> failed = new ArrayList<>();
        for (Fetched fetched : round) {
            if (fetched.calendar() == null) {
                failed.add(fetched.id() + " (" + fetched.failure().getCode() + ")");
            }
        }
        refreshing = false;
        Duration next = config.calendarRefresh();
        if (!failed.isEmpty() || round.isEmpty()) {
            next = backoff(++calendarAttempts).multipliedBy(2);
            next = next.compareTo(config.calendarRefresh()) < 0 ? next : config.calendarRefresh();
            long none =
                    watched.stream().filter(id -> !calendars.containsKey(id)).count();
            LOG.warnf(
                    "calendars of %d of %d checkpoints not fetched from checkpoint-service: %s; %d have none yet "
                            + "(routes mark their opening hours unknown), the others keep their last (marked stale); "
                            + "trying again in %d s",
                    failed.size(), watched.size(), String.join(", ", failed), none, next.toSeconds());
        } else {
            calendarAttempts = 0;
        }
        if (stopped) {
            return;
        }
        if (refreshAgain) {
            refreshAgain = false;
            refreshCalendars();
            return;
        }
        calendarTimer = vertx.setTimer(next.toMillis(), id -> {
            synchronized (this) {
                calendarTimer = -1;
            }
            refreshCalendars();
        });
    }

    /** One checkpoint's calendar: its weekly hours and closures, each call with its deadline, retried once. */
    private Uni<Calendars> calendar(String id) {
        var stub = calls.withCallCredentials(credentials.callCredentials());
        long deadline = config.deadline().toMillis();
        Uni<Calendars> both = Uni.createFrom()
                .deferred(() -> Uni.combine()
                        .all()
                        .unis(
                                stub.withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
                                        .getCheckpoint(GetCheckpointRequest.newBuilder()
                                                .setName("checkpoints/" + id)
                                                .build()),
                                stub.withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
                                        .listClosures(ListClosuresRequest.newBuilder()
                                                .setParent("checkpoints/" + id)
                                                .build()))
                        .asTuple()
                        .map(pair -> calendars(
                                pair.getItem1().getCheckpoint(), pair.getItem2().getClosuresList())));
        return both.onFailure(CheckpointFeed::worthRetrying)
                .retry()
                .withBackOff(Duration.ofMillis(250))
                .atMost(1);
    }

    /** Reads are safe to repeat; retried when the peer was slow, busy or away, not when it refused the request. */
    private static boolean worthRetrying(Throwable failure) {
        Status.Code code = Status.fromThrowable(failure).getCode();
        return code == Status.Code.UNAVAILABLE
                || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.RESOURCE_EXHAUSTED;
    }

    /**
     * The checkpoint's calendar with every standing closure, and for each direction with the closures of both
     * directions and of its own (a closure names one direction, or none for both).
     */
    static Calendars calendars(Checkpoint checkpoint, List<io.borderflow.api.checkpoint.v1.Closure> closures) {
        Map<String, OpeningCalendar> directions = new java.util.HashMap<>();
        for (Direction direction : List.of(Direction.DIRECTION_EXIT, Direction.DIRECTION_ENTRY)) {
            directions.put(
                    direction.name().substring("DIRECTION_".length()),
                    calendar(
                            checkpoint,
                            closures.stream()
                                    .filter(c -> c.getDirection() == Direction.DIRECTION_UNSPECIFIED
                                            || c.getDirection() == direction)
                                    .toList()));
        }
        return new Calendars(calendar(checkpoint, closures), directions);
    }

    /** The checkpoint's weekly hours with the closures that stand (cancelled ones left out). */
    static OpeningCalendar calendar(Checkpoint checkpoint, List<io.borderflow.api.checkpoint.v1.Closure> closures) {
        ZoneId zone = ZoneId.of(
                checkpoint.getSchedule().getTimeZone().isEmpty()
                        ? "UTC"
                        : checkpoint.getSchedule().getTimeZone());
        List<ScheduledClosure> standing = closures.stream()
                .filter(c -> !c.hasCancelTime())
                .map(c -> new ScheduledClosure(
                        ProtoTimes.instant(c.getStartTime()), ProtoTimes.instant(c.getEndTime()), c.getReason()))
                .toList();
        if (checkpoint.getSchedule().getAlwaysOpen() || checkpoint.getSchedule().getHoursCount() == 0) {
            return OpeningCalendar.alwaysOpen(zone, standing);
        }
        List<OpeningHours> hours = checkpoint.getSchedule().getHoursList().stream()
                .map(h -> {
                    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                    h.getDaysList().forEach(d -> days.add(DayOfWeek.of(d.getNumber())));
                    return new OpeningHours(days, LocalTime.parse(h.getOpenTime()), LocalTime.parse(h.getCloseTime()));
                })
                .toList();
        return OpeningCalendar.weekly(zone, hours, standing);
    }

    private static BorderSnapshot.QueueFigures queue(Known known, boolean live) {
        CheckpointStatus s = known.status();
        double spread = DEFAULT_SPREAD;
        if (s.hasObservedWaits() && s.getObservedWaits().getMedian().getSeconds() > 0) {
            spread = Math.max(
                    1,
                    Math.min(
                            3,
                            (double) s.getObservedWaits().getP90().getSeconds()
                                    / s.getObservedWaits().getMedian().getSeconds()));
        }
        Map<String, BorderSnapshot.Flow> directions = new java.util.HashMap<>();
        s.getDirectionsList()
                .forEach(d -> directions.put(
                        d.getDirection().name().substring("DIRECTION_".length()),
                        new BorderSnapshot.Flow(
                                d.getTrucksWaiting(), d.getClearancesPerOpenHour(), d.getArrivalsPerHour())));
        return new BorderSnapshot.QueueFigures(
                ProtoTimes.instant(s.getUpdateTime()),
                s.getTrucksWaiting(),
                s.getClearancesPerOpenHour(),
                s.getArrivalsPerHour(),
                spread,
                known.confirmedAt(),
                live,
                directions);
    }
}
