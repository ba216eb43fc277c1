package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.domain.visit.DefaultHandling;
import io.borderflow.checkpoint.domain.visit.EventCheck;
import io.borderflow.checkpoint.domain.visit.VisitTimeline;
import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.checkpoint.model.CrossingEventEntity;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.borderflow.checkpoint.repository.CheckpointRepository;
import io.borderflow.checkpoint.repository.StatusChangeFeed;
import io.borderflow.checkpoint.repository.VisitRepository;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.AlreadyExistsException;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records crossing events: checks the event, places it in its truck's visit by the time it happened, stores it with the
 * visit it changes and the audit record in one transaction, and only then answers.
 */
@ApplicationScoped
public class CrossingEventApplicationService {
    private final VisitRepository visits;
    private final CheckpointRepository checkpoints;
    private final AuditTrail audit;
    private final StatusChangeFeed feed;

    public CrossingEventApplicationService(VisitRepository visits, CheckpointRepository checkpoints, AuditTrail audit,
            StatusChangeFeed feed) {
        this.visits = visits;
        this.checkpoints = checkpoints;
        this.audit = audit;
        this.feed = feed;
    }

    /** What became of an event: ACCEPTED (stored now) or DUPLICATE (stored before), and the truck's visit after it. */
    public record Recorded(String outcome, TruckVisitEntity visit) {
    }

    /**
     * @throws InvalidArgumentException {@code INVALID_EVENT}
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND}
     * @throws AlreadyExistsException {@code EVENT_ID_REUSED}
     * @throws FailedPreconditionException {@code IMPOSSIBLE_TRANSITION}
     */
    @WithTransaction
    public Uni<Recorded> record(CrossingEventData event, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<FieldViolation> problems = EventCheck.problems(event, now.toInstant());
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException("INVALID_EVENT",
                    "the event has " + problems.size() + " problem(s); see the field violations", Map.of(), problems);
        }
        if (!caller.operates(event.checkpointId())) {
            throw new PermissionDeniedException("CHECKPOINT_NOT_IN_CLAIM",
                    "the caller may not record events at checkpoints/" + event.checkpointId());
        }
        return recordChecked(event, caller, now);
    }

    /**
     * Records an event already checked ({@link EventCheck}) and authorised, in the caller's transaction: how the
     * electronic queue writes the BOOKED, CANCELLED and NO_SHOW events of its bookings.
     */
    Uni<Recorded> recordChecked(CrossingEventData event, Caller caller, OffsetDateTime now) {
        String content = content(event);
        String sha = ReferenceFile.sha256(content);
        String plateKey = EventCheck.plateKey(event.plate());
        return checkpoints.findById(event.checkpointId()).chain(checkpoint -> {
            if (checkpoint == null) {
                throw new NotFoundException("CHECKPOINT_NOT_FOUND", "checkpoints/" + event.checkpointId());
            }
            return visits.lockTruck(event.checkpointId(), plateKey);
        }).chain(() -> visits.findEvent(event.eventId())).chain(stored -> {
            if (stored != null) {
                if (!stored.contentSha256.equals(sha)) {
                    throw new AlreadyExistsException("EVENT_ID_REUSED", "event_id " + event.eventId()
                            + " was used for another event", Map.of("event_id", event.eventId()));
                }
                return visits.findVisit(stored.visitId).map(visit -> new Recorded("DUPLICATE", visit));
            }
            return visits.visitsOfTruck(event.checkpointId(), plateKey, 10)
                    .chain(truckVisits -> place(event, plateKey, truckVisits, content, sha, now, caller));
        });
    }

    private Uni<Recorded> place(CrossingEventData event, String plateKey, List<TruckVisitEntity> truckVisits,
            String content, String sha, OffsetDateTime now, Caller caller) {
        VisitTimeline.Type type = VisitTimeline.Type.valueOf(event.type());
        OffsetDateTime at = event.occurTime().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        TruckVisitEntity target = truckVisits.stream().filter(v -> !v.startTime.isAfter(at)).findFirst().orElse(null);
        boolean afterEnded = target != null && target.endTime != null && !target.endTime.isAfter(at);
        if (type == VisitTimeline.Type.BOOKED && (target == null || afterEnded)) {
            // a booking reported after the arrival it preceded joins that visit (the earliest later one not booked)
            TruckVisitEntity later = truckVisits.stream().filter(v -> v.startTime.isAfter(at) && v.bookTime == null)
                    .min(java.util.Comparator.comparing(v -> v.startTime)).orElse(null);
            if (later != null) {
                target = later;
                afterEnded = false;
            }
        }
        boolean startsNew = type.starts() && (target == null || afterEnded);
        TruckVisitEntity joined = target;
        if (!startsNew && target == null) {
            throw impossible(type + " at " + at.toInstant() + ": no visit of this truck at this checkpoint began before it");
        }
        Uni<List<CrossingEventEntity>> earlier = startsNew ? Uni.createFrom().item(List.of())
                : visits.eventsOfVisit(joined.id);
        return earlier.chain(events -> {
            List<VisitTimeline.Event> timeline = new ArrayList<>(events.stream()
                    .map(e -> new VisitTimeline.Event(VisitTimeline.Type.valueOf(e.type), e.occurTime.toInstant())).toList());
            VisitTimeline.problem(timeline, new VisitTimeline.Event(type, at.toInstant())).ifPresent(problem -> {
                throw impossible(problem);
            });
            TruckVisitEntity visit = startsNew ? newVisit(event, plateKey, at) : joined;
            CrossingEventEntity stored = new CrossingEventEntity();
            stored.eventId = event.eventId();
            stored.contentSha256 = sha;
            stored.visitId = visit.id;
            stored.checkpointId = event.checkpointId();
            stored.type = event.type();
            stored.occurTime = at;
            stored.recordTime = now;
            stored.recordedBy = caller.subject();
            stored.content = content;
            List<CrossingEventEntity> all = new ArrayList<>(events);
            all.add(stored);
            derive(visit, all, now);
            return visits.save(visit, startsNew, stored)
                    .call(() -> feed.announce(visit.checkpointId))
                    .call(() -> audit.append(AuditEntry.of(caller, "crossing-event.record", "checkpoints/"
                            + event.checkpointId() + "/trucks/" + plateKey, true, event.type() + " " + event.eventId()
                            + " at " + at.toInstant() + ", visit now " + visit.state)))
                    .replaceWith(new Recorded("ACCEPTED", visit));
        });
    }

    private static TruckVisitEntity newVisit(CrossingEventData event, String plateKey, OffsetDateTime at) {
        TruckVisitEntity visit = new TruckVisitEntity();
        visit.id = UUID.randomUUID().toString();
        visit.checkpointId = event.checkpointId();
        visit.plateKey = plateKey;
        visit.plate = event.plate();
        visit.carrierId = event.carrierId();
        visit.direction = event.direction();
        visit.laneKind = "REGULAR";
        visit.startTime = at;
        return visit;
    }

    /** Rewrites the visit's columns from all its events, placed by the time they happened. */
    static void derive(TruckVisitEntity visit, List<CrossingEventEntity> events, OffsetDateTime now) {
        List<CrossingEventEntity> ordered = events.stream().sorted((a, b) -> {
            int byTime = a.occurTime.compareTo(b.occurTime);
            return byTime != 0 ? byTime : VisitTimeline.Type.valueOf(a.type).compareTo(VisitTimeline.Type.valueOf(b.type));
        }).toList();
        String reportedChannel = null;
        visit.startTime = ordered.get(0).occurTime;
        visit.bookTime = visit.arriveTime = visit.callTime = visit.inspectionStartTime = visit.endTime = null;
        visit.endReason = null;
        for (CrossingEventEntity e : ordered) {
            Map<String, String> content = parse(e.content);
            String declaration = content.get("declaration_id");
            if (declaration != null && !declaration.equals(visit.declarationId)) {
                // another declaration: its decision is still to be asked for
                visit.declarationId = declaration;
                visit.decisionReceived = false;
                visit.declarationUnknown = false;
            }
            switch (VisitTimeline.Type.valueOf(e.type)) {
                case BOOKED -> visit.bookTime = e.occurTime;
                case ARRIVED -> {
                    visit.arriveTime = e.occurTime;
                    visit.laneKind = content.getOrDefault("lane_kind", "REGULAR");
                    visit.direction = content.get("direction");
                }
                case CALLED_FORWARD -> visit.callTime = e.occurTime;
                case INSPECTION_STARTED -> {
                    visit.inspectionStartTime = e.occurTime;
                    reportedChannel = content.get("channel");
                }
                default -> {
                    visit.endTime = e.occurTime;
                    visit.endReason = content.get("reason");
                }
            }
        }
        if (!visit.decisionReceived) {
            visit.channel = reportedChannel;
            visit.expectedHandlingSeconds = DefaultHandling.of(reportedChannel).toSeconds();
        }
        visit.state = VisitTimeline.state(ordered.stream()
                .map(e -> new VisitTimeline.Event(VisitTimeline.Type.valueOf(e.type), e.occurTime.toInstant())).toList()).name();
        visit.updateTime = now;
    }

    private static FailedPreconditionException impossible(String problem) {
        return new FailedPreconditionException("IMPOSSIBLE_TRANSITION", problem);
    }

    /** The event as stored: snake_case keys, unset values left out, times in ISO-8601. */
    static String content(CrossingEventData e) {
        Map<String, String> content = new LinkedHashMap<>();
        content.put("event_id", e.eventId());
        content.put("checkpoint_id", e.checkpointId());
        content.put("type", e.type());
        content.put("occur_time", e.occurTime().truncatedTo(ChronoUnit.MICROS).toString());
        content.put("direction", e.direction());
        content.put("plate", e.plate());
        content.put("carrier_id", e.carrierId());
        content.put("declaration_id", e.declarationId());
        content.put("lane_kind", e.laneKind());
        content.put("channel", e.channel());
        content.put("reason", e.reason());
        content.values().removeIf(java.util.Objects::isNull);
        return ReferenceFile.json(content);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> parse(String content) {
        return ReferenceFile.parse("crossing event", content.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.class)
                .content();
    }
}
