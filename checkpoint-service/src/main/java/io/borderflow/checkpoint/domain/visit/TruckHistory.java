package io.borderflow.checkpoint.domain.visit;

import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.checkpoint.model.CrossingEventEntity;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.borderflow.support.error.AlreadyExistsException;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.reference.ReferenceFile;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One truck's recent visits at one checkpoint with their events, as far as a new event of the truck needs them, and
 * how a new event changes them: which visit it belongs to (one of the event's carrier, by the time it happened, so a
 * late event fits where it happened), whether the visit's timeline allows it, and the visit's columns derived again
 * from all its events. Plain Java: the callers load the history, keep the truck locked while they use it, and store
 * what changed.
 */
public final class TruckHistory {
    /** The visits the callers load per truck (newest start first): enough to place any event that is not years late. */
    public static final int VISITS = 10;

    private final List<TruckVisitEntity> visits;
    private final Map<String, List<CrossingEventEntity>> eventsByVisit;

    /**
     * @param visits the truck's visits, newest start first (at most {@link #VISITS})
     * @param events the stored events of those visits, in any order
     */
    public TruckHistory(List<TruckVisitEntity> visits, List<CrossingEventEntity> events) {
        this.visits = new ArrayList<>(visits);
        this.visits.sort(
                Comparator.comparing((TruckVisitEntity v) -> v.startTime).reversed());
        this.eventsByVisit = new HashMap<>();
        for (CrossingEventEntity event : events) {
            eventsByVisit
                    .computeIfAbsent(event.visitId, id -> new ArrayList<>())
                    .add(event);
        }
    }

    /** What an accepted event made: the visit (new, or changed) and the event to store with it. */
    public record Placement(TruckVisitEntity visit, boolean newVisit, CrossingEventEntity event) {}

    /**
     * Places the event (already checked, see {@link EventCheck}) and applies it to this history, so that the next event
     * of the truck sees it.
     *
     * @throws FailedPreconditionException {@code IMPOSSIBLE_TRANSITION} when no visit can take it; nothing changes
     */
    public Placement place(
            CrossingEventData event, String content, String sha256, OffsetDateTime now, String recordedBy) {
        VisitTimeline.Type type = VisitTimeline.Type.valueOf(event.type());
        OffsetDateTime at = event.occurTime().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<TruckVisitEntity> carriers = visitsOf(event.carrierId());
        TruckVisitEntity target = carriers.stream()
                .filter(v -> !v.startTime.isAfter(at))
                .findFirst()
                .orElse(null);
        boolean afterEnded = target != null && target.endTime != null && !target.endTime.isAfter(at);
        if (type == VisitTimeline.Type.BOOKED && (target == null || afterEnded)) {
            // a booking reported after the arrival it preceded joins that visit (the earliest later one not booked)
            TruckVisitEntity later = carriers.stream()
                    .filter(v -> v.startTime.isAfter(at) && v.bookTime == null)
                    .min(Comparator.comparing(v -> v.startTime))
                    .orElse(null);
            if (later != null) {
                target = later;
                afterEnded = false;
            }
        }
        boolean startsNew = type.starts() && (target == null || afterEnded);
        if (!startsNew && target == null) {
            throw impossible(
                    type + " at " + at.toInstant() + ": no visit of this truck at this checkpoint began before it");
        }
        List<CrossingEventEntity> earlier =
                new ArrayList<>(startsNew ? List.of() : eventsByVisit.getOrDefault(target.id, List.of()));
        earlier.sort(Comparator.comparing((CrossingEventEntity e) -> e.occurTime)
                .thenComparing(e -> VisitTimeline.Type.valueOf(e.type)));
        List<VisitTimeline.Event> timeline = new ArrayList<>(earlier.stream()
                .map(e -> new VisitTimeline.Event(VisitTimeline.Type.valueOf(e.type), e.occurTime.toInstant()))
                .toList());
        VisitTimeline.problem(timeline, new VisitTimeline.Event(type, at.toInstant()))
                .ifPresent(problem -> {
                    throw impossible(problem);
                });
        TruckVisitEntity visit = startsNew ? newVisit(event, EventCheck.plateKey(event.plate()), at) : target;
        CrossingEventEntity stored = new CrossingEventEntity();
        stored.eventId = event.eventId();
        stored.contentSha256 = sha256;
        stored.visitId = visit.id;
        stored.checkpointId = event.checkpointId();
        stored.type = event.type();
        stored.occurTime = at;
        stored.recordTime = now;
        stored.recordedBy = recordedBy;
        stored.content = content;
        List<CrossingEventEntity> all = new ArrayList<>(earlier);
        all.add(stored);
        derive(visit, all, now);
        eventsByVisit.put(visit.id, all);
        if (startsNew) {
            visits.add(visit);
            visits.sort(
                    Comparator.comparing((TruckVisitEntity v) -> v.startTime).reversed());
        }
        return new Placement(visit, startsNew, stored);
    }

    /**
     * The truck's visits for one carrier, newest start first. A visit belongs to the carrier of the event that started
     * it, and only events naming that carrier join it: a plate booked by one carrier and brought by another makes two
     * visits, so an arrival never joins (and never reveals to its booker) a booking of another carrier, and that
     * booking's cancellation or no-show never ends the other carrier's visit.
     */
    private List<TruckVisitEntity> visitsOf(String carrierId) {
        return visits.stream().filter(v -> v.carrierId.equals(carrierId)).toList();
    }

    /**
     * What a resend of an event already stored means: the same content is a duplicate (harmless), other content under
     * the same id is refused.
     *
     * @throws AlreadyExistsException {@code EVENT_ID_REUSED}
     */
    public static void sameAsStored(String eventId, String storedSha256, String sha256) {
        if (!storedSha256.equals(sha256)) {
            throw new AlreadyExistsException(
                    "EVENT_ID_REUSED",
                    "event_id " + eventId + " was used for another event",
                    Map.of("event_id", eventId));
        }
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
        List<CrossingEventEntity> ordered = events.stream()
                .sorted((a, b) -> {
                    int byTime = a.occurTime.compareTo(b.occurTime);
                    return byTime != 0
                            ? byTime
                            : VisitTimeline.Type.valueOf(a.type).compareTo(VisitTimeline.Type.valueOf(b.type));
                })
                .toList();
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
            visit.expectedHandlingSeconds = null;
        }
        visit.state = VisitTimeline.state(ordered.stream()
                        .map(e -> new VisitTimeline.Event(VisitTimeline.Type.valueOf(e.type), e.occurTime.toInstant()))
                        .toList())
                .name();
        visit.updateTime = now;
    }

    /** The event as stored: snake_case keys, unset values left out, times in ISO-8601. */
    public static String content(CrossingEventData e) {
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
        content.values().removeIf(Objects::isNull);
        return ReferenceFile.json(content);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> parse(String content) {
        return ReferenceFile.parse("crossing event", content.getBytes(StandardCharsets.UTF_8), Map.class)
                .content();
    }

    private static FailedPreconditionException impossible(String problem) {
        return new FailedPreconditionException("IMPOSSIBLE_TRANSITION", problem);
    }
}
