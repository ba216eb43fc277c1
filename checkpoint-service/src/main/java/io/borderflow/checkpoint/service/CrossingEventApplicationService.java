package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.domain.visit.EventCheck;
import io.borderflow.checkpoint.domain.visit.TruckHistory;
import io.borderflow.checkpoint.model.CrossingEventData;
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
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Records crossing events: checks the event and the caller's claim, then places it in its truck's visit by the time it
 * happened ({@link TruckHistory}) and stores it with the visit it changes, the audit record and the status
 * announcement in one transaction, and only then answers. Events from partners go through
 * {@link CrossingEventBatches} (a transaction shared by the events that arrive together); the electronic queue's own
 * events join the transaction of the booking they belong to ({@link #recordChecked}).
 */
@ApplicationScoped
public class CrossingEventApplicationService {
    private final VisitRepository visits;
    private final CheckpointRepository checkpoints;
    private final AuditTrail audit;
    private final StatusChangeFeed feed;
    private final CrossingEventBatches batches;

    public CrossingEventApplicationService(
            VisitRepository visits,
            CheckpointRepository checkpoints,
            AuditTrail audit,
            StatusChangeFeed feed,
            CrossingEventBatches batches) {
        this.visits = visits;
        this.checkpoints = checkpoints;
        this.audit = audit;
        this.feed = feed;
        this.batches = batches;
    }

    /** What became of an event: ACCEPTED (stored now) or DUPLICATE (stored before), and the truck's visit after it. */
    public record Recorded(String outcome, TruckVisitEntity visit) {}

    /**
     * Whether the event may be recorded at all: well formed and within the caller's claim (no storage read).
     *
     * @throws InvalidArgumentException {@code INVALID_EVENT} (in the Uni)
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM} (in the Uni)
     */
    public Uni<Void> check(CrossingEventData event, Caller caller) {
        return Uni.createFrom().item(() -> {
            List<FieldViolation> problems = EventCheck.problems(
                    event, OffsetDateTime.now(ZoneOffset.UTC).toInstant());
            if (!problems.isEmpty()) {
                throw new InvalidArgumentException(
                        "INVALID_EVENT",
                        "the event has " + problems.size() + " problem(s); see the field violations",
                        Map.of(),
                        problems);
            }
            if (!caller.operates(event.checkpointId())) {
                throw new PermissionDeniedException(
                        "CHECKPOINT_NOT_IN_CLAIM",
                        "the caller may not record events at checkpoints/" + event.checkpointId());
            }
            return null;
        });
    }

    /**
     * Records an event that passed {@link #check}; a refusal here is already on the audit trail.
     *
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND}
     * @throws AlreadyExistsException {@code EVENT_ID_REUSED}
     * @throws FailedPreconditionException {@code IMPOSSIBLE_TRANSITION}
     */
    public Uni<Recorded> record(CrossingEventData event, Caller caller) {
        return batches.record(event, caller);
    }

    /**
     * Records an event already checked ({@link EventCheck}) and authorised, in the caller's transaction: how the
     * electronic queue writes the BOOKED, CANCELLED and NO_SHOW events of its bookings.
     */
    Uni<Recorded> recordChecked(CrossingEventData event, Caller caller, OffsetDateTime now) {
        String content = TruckHistory.content(event);
        String sha = ReferenceFile.sha256(content);
        String plateKey = EventCheck.plateKey(event.plate());
        return checkpoints
                .findById(event.checkpointId())
                .chain(checkpoint -> {
                    if (checkpoint == null) {
                        throw new NotFoundException("CHECKPOINT_NOT_FOUND", "checkpoints/" + event.checkpointId());
                    }
                    return visits.lockTruck(event.checkpointId(), plateKey);
                })
                .chain(() -> visits.findEvent(event.eventId()))
                .chain(stored -> {
                    if (stored != null) {
                        TruckHistory.sameAsStored(event.eventId(), stored.contentSha256, sha);
                        return visits.findVisit(stored.visitId).map(visit -> new Recorded("DUPLICATE", visit));
                    }
                    return visits.visitsOfTruck(event.checkpointId(), plateKey, TruckHistory.VISITS)
                            .chain(truckVisits -> visits.eventsOfVisits(
                                            truckVisits.stream().map(v -> v.id).toList())
                                    .chain(events -> {
                                        TruckHistory.Placement placement = new TruckHistory(truckVisits, events)
                                                .place(
                                                        event,
                                                        content,
                                                        sha,
                                                        now.truncatedTo(ChronoUnit.MICROS),
                                                        caller.subject());
                                        TruckVisitEntity visit = placement.visit();
                                        return visits.save(visit, placement.newVisit(), placement.event())
                                                .call(() -> feed.announce(visit.checkpointId))
                                                .call(() -> audit.append(AuditEntry.of(
                                                        caller,
                                                        "crossing-event.record",
                                                        "checkpoints/" + event.checkpointId() + "/trucks/" + plateKey,
                                                        true,
                                                        event.type() + " " + event.eventId() + " at "
                                                                + placement
                                                                        .event()
                                                                        .occurTime
                                                                        .toInstant() + ", visit now "
                                                                + visit.state)))
                                                .replaceWith(new Recorded("ACCEPTED", visit));
                                    }));
                });
    }
}
