package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.config.CheckpointConfig;
import io.borderflow.checkpoint.domain.visit.EventCheck;
import io.borderflow.checkpoint.domain.visit.TruckHistory;
import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.checkpoint.model.CrossingEventEntity;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.borderflow.checkpoint.repository.VisitRows;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditRows;
import io.borderflow.support.batching.GroupCommit;
import io.borderflow.support.error.DomainException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records crossing events a group at a time: the events that arrive (from any stream or call) while a group is being
 * written form the next one, and each group is one transaction: the trucks locked, their recent visits and events
 * read at once, every event placed in its truck's history in the order it came ({@link TruckHistory}, so a truck's
 * ARRIVED and CLEARED in one group work), and the visits, events, audit records and status announcements written one
 * statement each. An event is acknowledged only once its group committed. An event the group refuses (an impossible
 * transition, an event id reused, an unknown checkpoint) is refused alone, audited in the same transaction, and the
 * others go on. Nothing waits to fill a group: when the service is idle an event is written alone, at once. At most
 * {@link CheckpointConfig#eventQueueSize()} events wait for a group; one more is refused with RESOURCE_EXHAUSTED
 * ({@code QUEUE_FULL}) and nothing of it is stored.
 */
@ApplicationScoped
public class CrossingEventBatches {
    static final int MAX_GROUP = 256;
    /** Groups written at once: one commits while the next is read and placed. */
    static final int MAX_CONCURRENT_GROUPS = 2;

    private final VisitRows rows;
    private final GroupCommit<Pending, CrossingEventApplicationService.Recorded> commits;

    public CrossingEventBatches(VisitRows rows, Vertx vertx, CheckpointConfig config) {
        this.rows = rows;
        this.commits = new GroupCommit<>(
                "crossing events",
                vertx,
                MAX_GROUP,
                MAX_CONCURRENT_GROUPS,
                config.eventQueueSize(),
                failure -> false,
                this::write);
    }

    private record Pending(CrossingEventData event, String content, String sha256, String plateKey, Caller caller) {
        String truck() {
            return event.checkpointId() + "|" + plateKey;
        }
    }

    /** What the group made of one event: recorded (ACCEPTED or DUPLICATE) or refused. */
    private record Result(CrossingEventApplicationService.Recorded recorded, DomainException refused) {}

    /**
     * Records an event checked ({@link EventCheck}) and authorised.
     *
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} (in the Uni)
     * @throws io.borderflow.support.error.AlreadyExistsException {@code EVENT_ID_REUSED} (in the Uni)
     * @throws io.borderflow.support.error.FailedPreconditionException {@code IMPOSSIBLE_TRANSITION} (in the Uni)
     */
    public Uni<CrossingEventApplicationService.Recorded> record(CrossingEventData event, Caller caller) {
        String content = TruckHistory.content(event);
        return commits.submit(
                new Pending(event, content, ReferenceFile.sha256(content), EventCheck.plateKey(event.plate()), caller));
    }

    /** Writes one group in one transaction; each event's answer in order. */
    private Uni<List<GroupCommit.Answer<CrossingEventApplicationService.Recorded>>> write(
            GroupCommit.Group<Pending> group) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return rows.inTransaction(connection -> place(connection, group, now))
                .map(results -> results.stream()
                        .map(result -> result.refused() != null
                                ? GroupCommit.Answer.<CrossingEventApplicationService.Recorded>refused(result.refused())
                                : GroupCommit.Answer.of(result.recorded()))
                        .toList());
    }

    private Uni<List<Result>> place(SqlConnection connection, GroupCommit.Group<Pending> group, OffsetDateTime now) {
        List<Pending> pending = group.requests();
        Set<String> checkpointIds = new LinkedHashSet<>();
        pending.forEach(p -> checkpointIds.add(p.event().checkpointId()));
        return rows.checkpoints(connection, checkpointIds)
                .chain(known -> {
                    Map<String, Pending> trucks = new LinkedHashMap<>();
                    Set<String> eventIds = new LinkedHashSet<>();
                    for (Pending p : pending) {
                        if (known.contains(p.event().checkpointId())) {
                            trucks.putIfAbsent(p.truck(), p);
                            eventIds.add(p.event().eventId());
                        }
                    }
                    if (trucks.isEmpty()) {
                        group.locked();
                        return Uni.createFrom().item(new Histories(known, Map.of(), Map.of(), Map.of()));
                    }
                    List<String> cps = trucks.values().stream()
                            .map(p -> p.event().checkpointId())
                            .toList();
                    List<String> plates =
                            trucks.values().stream().map(Pending::plateKey).toList();
                    return rows.lockTrucks(connection, trucks.keySet())
                            .invoke(group::locked)
                            .chain(() -> rows.storedEvents(connection, eventIds))
                            .chain(stored -> rows.recentVisits(connection, cps, plates, TruckHistory.VISITS)
                                    .chain(recent -> {
                                        Map<String, TruckVisitEntity> byId = new HashMap<>();
                                        recent.forEach(v -> byId.put(v.id, v));
                                        List<String> missing = stored.values().stream()
                                                .map(s -> s[1])
                                                .filter(id -> !byId.containsKey(id))
                                                .distinct()
                                                .toList();
                                        Uni<List<TruckVisitEntity>> older = missing.isEmpty()
                                                ? Uni.createFrom().item(List.of())
                                                : rows.visits(connection, missing);
                                        return older.chain(more -> {
                                            more.forEach(v -> byId.put(v.id, v));
                                            return rows.eventsOf(
                                                            connection,
                                                            recent.stream()
                                                                    .map(v -> v.id)
                                                                    .toList())
                                                    .map(events -> histories(known, recent, events, stored, byId));
                                        });
                                    }));
                })
                .chain(histories -> apply(connection, pending, histories, now));
    }

    /** What the group's trucks have stored: by truck their histories, by event id the stored events, the visits. */
    private record Histories(
            Set<String> checkpoints,
            Map<String, TruckHistory> byTruck,
            Map<String, String[]> stored,
            Map<String, TruckVisitEntity> visits) {}

    private static Histories histories(
            Set<String> known,
            List<TruckVisitEntity> recent,
            List<CrossingEventEntity> events,
            Map<String, String[]> stored,
            Map<String, TruckVisitEntity> visits) {
        Map<String, List<TruckVisitEntity>> visitsByTruck = new HashMap<>();
        recent.forEach(v -> visitsByTruck
                .computeIfAbsent(v.checkpointId + "|" + v.plateKey, t -> new ArrayList<>())
                .add(v));
        Map<String, String> truckOfVisit = new HashMap<>();
        recent.forEach(v -> truckOfVisit.put(v.id, v.checkpointId + "|" + v.plateKey));
        Map<String, List<CrossingEventEntity>> eventsByTruck = new HashMap<>();
        events.forEach(e -> eventsByTruck
                .computeIfAbsent(truckOfVisit.get(e.visitId), t -> new ArrayList<>())
                .add(e));
        Map<String, TruckHistory> byTruck = new HashMap<>();
        visitsByTruck.forEach((truck, list) ->
                byTruck.put(truck, new TruckHistory(list, eventsByTruck.getOrDefault(truck, List.of()))));
        return new Histories(known, byTruck, stored, visits);
    }

    private Uni<List<Result>> apply(
            SqlConnection connection, List<Pending> group, Histories histories, OffsetDateTime now) {
        Map<String, TruckHistory> byTruck = new HashMap<>(histories.byTruck());
        Map<String, String[]> stored = new HashMap<>(histories.stored());
        Map<String, TruckVisitEntity> visits = new HashMap<>(histories.visits());
        Map<String, TruckVisitEntity> created = new LinkedHashMap<>();
        Map<String, TruckVisitEntity> changed = new LinkedHashMap<>();
        List<CrossingEventEntity> newEvents = new ArrayList<>();
        List<AuditEntry> audit = new ArrayList<>();
        Set<String> announced = new LinkedHashSet<>();
        List<Result> results = new ArrayList<>();
        for (Pending p : group) {
            CrossingEventData event = p.event();
            String resource = "checkpoints/" + event.checkpointId() + "/trucks/" + p.plateKey();
            try {
                if (!histories.checkpoints().contains(event.checkpointId())) {
                    throw new NotFoundException("CHECKPOINT_NOT_FOUND", "checkpoints/" + event.checkpointId());
                }
                String[] before = stored.get(event.eventId());
                if (before != null) {
                    TruckHistory.sameAsStored(event.eventId(), before[0], p.sha256());
                    results.add(new Result(
                            new CrossingEventApplicationService.Recorded("DUPLICATE", snapshot(visits.get(before[1]))),
                            null));
                    continue;
                }
                TruckHistory history = byTruck.computeIfAbsent(p.truck(), t -> new TruckHistory(List.of(), List.of()));
                TruckHistory.Placement placement = history.place(
                        event, p.content(), p.sha256(), now, p.caller().subject());
                TruckVisitEntity visit = placement.visit();
                visits.put(visit.id, visit);
                if (placement.newVisit()) {
                    created.put(visit.id, visit);
                } else if (!created.containsKey(visit.id)) {
                    changed.put(visit.id, visit);
                }
                newEvents.add(placement.event());
                stored.put(event.eventId(), new String[] {p.sha256(), visit.id});
                announced.add(event.checkpointId());
                audit.add(AuditEntry.of(
                        p.caller(),
                        "crossing-event.record",
                        resource,
                        true,
                        event.type() + " "
                                + event.eventId() + " at "
                                + placement.event().occurTime.toInstant() + ", visit now "
                                + visit.state));
                results.add(
                        new Result(new CrossingEventApplicationService.Recorded("ACCEPTED", snapshot(visit)), null));
            } catch (DomainException refused) {
                audit.add(AuditEntry.of(
                        p.caller(),
                        "crossing-event.record",
                        "checkpoints/" + event.checkpointId() + "/events/" + event.eventId(),
                        false,
                        refused.reason() + ": " + refused.getMessage()));
                results.add(new Result(null, refused));
            }
        }
        return rows.saveVisits(connection, new ArrayList<>(created.values()), new ArrayList<>(changed.values()))
                .chain(() -> rows.insertEvents(connection, newEvents))
                .chain(() -> AuditRows.insert(connection, audit, now))
                .chain(() -> rows.announce(connection, announced))
                .replaceWith(results);
    }

    /** The visit as it stood after this event (a later event of the group changes the shared one). */
    private static TruckVisitEntity snapshot(TruckVisitEntity v) {
        TruckVisitEntity copy = new TruckVisitEntity();
        copy.id = v.id;
        copy.checkpointId = v.checkpointId;
        copy.plateKey = v.plateKey;
        copy.plate = v.plate;
        copy.carrierId = v.carrierId;
        copy.direction = v.direction;
        copy.laneKind = v.laneKind;
        copy.declarationId = v.declarationId;
        copy.channel = v.channel;
        copy.decisionReceived = v.decisionReceived;
        copy.declarationUnknown = v.declarationUnknown;
        copy.expectedHandlingSeconds = v.expectedHandlingSeconds;
        copy.state = v.state;
        copy.startTime = v.startTime;
        copy.bookTime = v.bookTime;
        copy.arriveTime = v.arriveTime;
        copy.callTime = v.callTime;
        copy.inspectionStartTime = v.inspectionStartTime;
        copy.endTime = v.endTime;
        copy.endReason = v.endReason;
        copy.updateTime = v.updateTime;
        copy.bookingId = v.bookingId;
        copy.bookedWindowStart = v.bookedWindowStart;
        return copy;
    }
}
