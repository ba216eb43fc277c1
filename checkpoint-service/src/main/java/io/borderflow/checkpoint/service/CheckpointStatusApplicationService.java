package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.client.RulesetHandlingClient;
import io.borderflow.checkpoint.domain.status.StatusCalculator;
import io.borderflow.checkpoint.domain.status.VisitTallies;
import io.borderflow.checkpoint.domain.visit.EventCheck;
import io.borderflow.checkpoint.model.CheckpointStatusView;
import io.borderflow.checkpoint.model.RulesetHandling;
import io.borderflow.checkpoint.model.TruckView;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.borderflow.checkpoint.repository.CheckpointRepository;
import io.borderflow.checkpoint.repository.OperationsRepository;
import io.borderflow.checkpoint.repository.StatusChangeFeed;
import io.borderflow.checkpoint.repository.VisitRepository;
import io.borderflow.checkpoint.repository.VisitRows;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.lifecycle.ShuttingDown;
import io.borderflow.support.paging.PageTokens;
import io.borderflow.support.queueing.FluidQueue;
import io.borderflow.support.reactive.FreshContext;
import io.borderflow.support.security.Caller;
import io.borderflow.support.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the live state of checkpoints: their status, and the trucks in their queues with their place and wait. */
@ApplicationScoped
public class CheckpointStatusApplicationService {
    /** Changes closer together than this are sent as one status. */
    public static final Duration COALESCE = Duration.ofSeconds(1);

    private final CheckpointRepository checkpoints;
    private final VisitRepository visits;
    private final OperationsRepository operations;
    private final StatusChangeFeed feed;
    private final Vertx vertx;
    private final CheckpointApplicationService checkpointList;
    private final StatusCache cache;
    private final ShuttingDown shuttingDown;
    private final VisitRows visitRows;
    private final RulesetHandlingClient handling;

    public CheckpointStatusApplicationService(
            CheckpointRepository checkpoints,
            VisitRepository visits,
            OperationsRepository operations,
            StatusChangeFeed feed,
            Vertx vertx,
            CheckpointApplicationService checkpointList,
            StatusCache cache,
            ShuttingDown shuttingDown,
            VisitRows visitRows,
            RulesetHandlingClient handling) {
        this.checkpoints = checkpoints;
        this.visits = visits;
        this.operations = operations;
        this.feed = feed;
        this.vertx = vertx;
        this.checkpointList = checkpointList;
        this.cache = cache;
        this.shuttingDown = shuttingDown;
        this.visitRows = visitRows;
        this.handling = handling;
    }

    /** One message of a watch: a checkpoint's status, or a heartbeat time. */
    public record WatchUpdate(CheckpointStatusView status, Instant heartbeat) {}

    /**
     * The current status of each checkpoint, then a new one whenever a change there is announced (by any replica),
     * coalesced per {@link #COALESCE}, and a heartbeat every {@code heartbeat}; ends with UNAVAILABLE when this replica
     * shuts down, so the watcher reconnects to another. Fails with NOT_FOUND
     * ({@code CHECKPOINT_NOT_FOUND}) before anything is sent when a checkpoint is unknown.
     */
    public Multi<WatchUpdate> watch(List<String> checkpointIds, Duration heartbeat) {
        return watch(Uni.createFrom().item(checkpointIds), heartbeat);
    }

    /**
     * As {@link #watch(List, Duration)} for every checkpoint on a border ({@code AA-BB}, either order).
     *
     * @throws InvalidArgumentException {@code INVALID_BORDER}, {@code UNKNOWN_BORDER} (in the stream)
     */
    public Multi<WatchUpdate> watchBorder(String border, Duration heartbeat) {
        return watch(
                fresh(() -> checkpointList
                        .list(border, null, "", 500)
                        .map(page -> page.checkpoints().stream()
                                .map(d -> d.checkpoint().id)
                                .toList())),
                heartbeat);
    }

    private Multi<WatchUpdate> watch(Uni<List<String>> ids, Duration heartbeat) {
        return ids.onItem().transformToMulti(checkpointIds -> watchIds(checkpointIds, heartbeat));
    }

    private Multi<WatchUpdate> watchIds(List<String> checkpointIds, Duration heartbeat) {
        Set<String> watched = Set.copyOf(checkpointIds);
        // the checkpoints changed since the last update, sent once per COALESCE; a watcher slower than that skips
        // ticks, never changes (the set keeps them until the next tick it takes)
        Set<String> changed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Multi<WatchUpdate> noted = feed.changes()
                .filter(watched::contains)
                .onItem()
                .invoke(changed::add)
                .skip()
                .where(id -> true)
                .onItem()
                .transform(id -> (WatchUpdate) null);
        Multi<WatchUpdate> changes = Multi.createFrom()
                .ticks()
                .every(COALESCE)
                .onOverflow()
                .drop()
                .onItem()
                .transformToIterable(tick -> {
                    List<String> due = new ArrayList<>(changed);
                    changed.removeAll(due);
                    return due;
                })
                .onItem()
                .transformToUniAndConcatenate(id -> FreshContext.run(vertx, () -> status(id)))
                .map(status -> new WatchUpdate(status, null));
        Multi<WatchUpdate> heartbeats = Multi.createFrom()
                .ticks()
                .every(heartbeat)
                .onOverflow()
                .drop()
                .map(tick -> new WatchUpdate(null, Instant.now()));
        return FreshContext.run(vertx, () -> statuses(checkpointIds))
                .onItem()
                .transformToMulti(initial -> shuttingDown.endingAtShutdown(
                        Multi.createBy()
                                .merging()
                                .streams(
                                        Multi.createFrom()
                                                .iterable(initial)
                                                .map(status -> new WatchUpdate(status, null)),
                                        noted,
                                        changes,
                                        heartbeats),
                        () -> Uni.createFrom().voidItem()));
    }

    /** Work with its own session on a fresh Vert.x context (watch updates come from timers and notifications). */
    private <T> Uni<T> fresh(java.util.function.Supplier<Uni<T>> work) {
        return FreshContext.run(vertx, () -> Panache.withSession(work::get));
    }

    /** One page of trucks and the token of the next. */
    public record TruckPage(List<TruckView> trucks, String nextPageToken) {}

    /**
     * The checkpoint's status, computed unless {@link StatusCache} keeps a valid one. The computation reads the
     * checkpoint with a session of its own, closes it, and only then counts the visits on a connection of the pool
     * ({@link VisitRows#statusTally}): a session held while waiting for a second connection would deadlock the pool
     * once as many statuses are computed at once as it has connections (a watch of every checkpoint opening as their
     * statuses age, on a pool of 20).
     *
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND}
     */
    public Uni<CheckpointStatusView> status(String checkpointId) {
        // the handling figures first, outside the computation the cache times: a slow answer from inspection-service
        // must not stretch how long a status is served again (ten times its computation), nor be counted in it
        return handling.current()
                .chain(ruleset -> cache.status(
                        checkpointId,
                        () -> Panache.withSession(() -> details(checkpointId).map(LiveCheckpoint::facts))
                                .chain(facts -> compute(facts, ruleset))));
    }

    /** The statuses in the order asked. @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} for the first unknown */
    public Uni<List<CheckpointStatusView>> statuses(List<String> checkpointIds) {
        Uni<List<CheckpointStatusView>> all = Uni.createFrom().item(new ArrayList<>());
        for (String id : checkpointIds) {
            all = all.chain(list -> status(id).map(view -> {
                list.add(view);
                return list;
            }));
        }
        return all;
    }

    /**
     * A truck's latest visit at a checkpoint (the plate as written; compared without case, spaces and hyphens), with
     * its place and estimated wait when queued.
     *
     * @throws PermissionDeniedException {@code TRUCK_NOT_IN_CLAIM} for a caller whose claims do not cover the truck
     * @throws NotFoundException {@code TRUCK_NOT_FOUND}
     */
    public Uni<TruckView> truck(String checkpointId, String plate, Caller caller) {
        String plateKey = EventCheck.plateKey(plate);
        if (!caller.has(Roles.CUSTOMS_OFFICER) && !caller.operates(checkpointId) && caller.carrierId() == null) {
            throw new PermissionDeniedException(
                    "TRUCK_NOT_IN_CLAIM", "the caller may not read trucks at checkpoints/" + checkpointId);
        }
        // the status first, with no session held (see status(String)); then the truck, in a session of its own
        return status(checkpointId)
                .chain(status -> Panache.withSession(() -> details(checkpointId)
                        .chain(details -> latestVisit(checkpointId, plateKey, caller)
                                .chain(found -> {
                                    TruckVisitEntity visit = found.isEmpty() ? null : found.get(0);
                                    if (!mayRead(caller, checkpointId, visit)) {
                                        throw new PermissionDeniedException(
                                                "TRUCK_NOT_IN_CLAIM",
                                                "the caller may not read checkpoints/" + checkpointId + "/trucks/"
                                                        + plateKey);
                                    }
                                    if (visit == null) {
                                        throw new NotFoundException(
                                                "TRUCK_NOT_FOUND",
                                                "checkpoints/" + checkpointId + "/trucks/" + plateKey);
                                    }
                                    return view(details, visit, status);
                                }))));
    }

    /**
     * The truck's latest visit; for a caller that may see only its carrier's trucks, the latest of its carrier when it
     * has one (the plate may have been booked by another carrier too), else the latest of all, which it is then denied.
     */
    private Uni<List<TruckVisitEntity>> latestVisit(String checkpointId, String plateKey, Caller caller) {
        if (caller.has(Roles.CUSTOMS_OFFICER) || caller.operates(checkpointId) || caller.carrierId() == null) {
            return visits.visitsOfTruck(checkpointId, plateKey, 1);
        }
        return visits.visitsOfTruck(checkpointId, plateKey, caller.carrierId(), 1)
                .chain(own -> own.isEmpty()
                        ? visits.visitsOfTruck(checkpointId, plateKey, 1)
                        : Uni.createFrom().item(own));
    }

    /** Open visits in queue order; a caller that is only a carrier sees its own trucks. */
    public Uni<TruckPage> trucks(
            String checkpointId, String state, String carrierId, String pageToken, int pageSize, Caller caller) {
        String carrier = carrierId;
        if (!caller.has(Roles.CUSTOMS_OFFICER) && !caller.operates(checkpointId)) {
            if (caller.carrierId() == null) {
                throw new PermissionDeniedException(
                        "TRUCK_NOT_IN_CLAIM", "the caller may not read trucks at checkpoints/" + checkpointId);
            }
            carrier = caller.carrierId();
        }
        String filters = checkpointId + ":" + state + ":" + carrier;
        PageTokens.TimeKey after = PageTokens.decodeTimeKey(pageToken, filters).orElse(null);
        String carrierFilter = carrier;
        OffsetDateTime arrival = after == null ? null : after.time();
        String plate = after == null ? null : after.id();
        // the status first, with no session held (see status(String)); then the trucks, in a session of its own
        return status(checkpointId)
                .chain(status -> Panache.withSession(() -> details(checkpointId)
                        .chain(details -> visits.openVisits(
                                        checkpointId, state, carrierFilter, arrival, plate, pageSize + 1)
                                .chain(rows -> {
                                    List<TruckVisitEntity> page =
                                            rows.size() > pageSize ? rows.subList(0, pageSize) : rows;
                                    String next = "";
                                    if (rows.size() > pageSize) {
                                        TruckVisitEntity last = page.get(pageSize - 1);
                                        next = PageTokens.encode(filters, last.arriveTime, last.plateKey);
                                    }
                                    String nextToken = next;
                                    Uni<List<TruckView>> views =
                                            Uni.createFrom().item(new ArrayList<>());
                                    for (TruckVisitEntity visit : page) {
                                        views = views.chain(list -> view(details, visit, status)
                                                .map(v -> {
                                                    list.add(v);
                                                    return list;
                                                }));
                                    }
                                    return views.map(list -> new TruckPage(list, nextToken));
                                }))));
    }

    private static boolean mayRead(Caller caller, String checkpointId, TruckVisitEntity visit) {
        if (caller.has(Roles.CUSTOMS_OFFICER) || caller.operates(checkpointId)) {
            return true;
        }
        return caller.carrierId() != null && visit != null && caller.carrierId().equals(visit.carrierId);
    }

    private Uni<LiveCheckpoint> details(String checkpointId) {
        return LiveCheckpoint.load(checkpoints, operations, checkpointId);
    }

    /** Needs no session: counts the visits on a connection of the pool. */
    private Uni<CheckpointStatusView> compute(StatusCalculator.CheckpointFacts facts, RulesetHandling ruleset) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return visitRows
                .statusTally(facts.checkpointId(), VisitTallies.windows(now))
                .map(tally -> StatusCalculator.compute(facts, tally, ruleset, now));
    }

    private Uni<TruckView> view(LiveCheckpoint details, TruckVisitEntity visit, CheckpointStatusView status) {
        if (!VisitRepository.QUEUED.contains(visit.state)) {
            return Uni.createFrom().item(new TruckView(visit, null, null));
        }
        return visits.trucksAhead(visit).map(ahead -> {
            Instant now = status.updateTime();
            double clearances = status.directions().stream()
                    .filter(d -> d.direction().equals(visit.direction))
                    .mapToDouble(CheckpointStatusView.DirectionStatus::clearancesPerOpenHour)
                    .findFirst()
                    .orElse(status.clearancesPerOpenHour());
            Duration wait = new FluidQueue(details.calendar(visit.direction), clearances)
                    .whenServed(now, ahead)
                    .map(start -> Duration.between(now, start))
                    .orElse(null);
            return new TruckView(visit, ahead.intValue(), wait);
        });
    }
}
