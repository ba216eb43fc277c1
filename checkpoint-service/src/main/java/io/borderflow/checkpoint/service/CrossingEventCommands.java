package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where crossing events come in: records one (in a transaction shared with the events that arrive with it, see
 * {@link CrossingEventBatches}), then, once it is stored, has the truck's decision asked for when its declaration is
 * new, without making the sender wait for inspection-service. A refused event is recorded in the audit trail (outcome
 * REJECTED, with the reason): a malformed or unauthorised one in a transaction of its own, one its truck's history
 * refuses in its group's.
 */
@ApplicationScoped
public class CrossingEventCommands {
    private final CrossingEventApplicationService events;
    private final DecisionSettlement settlement;
    private final AuditTrail audit;
    private final StatusCache statuses;

    public CrossingEventCommands(
            CrossingEventApplicationService events,
            DecisionSettlement settlement,
            AuditTrail audit,
            StatusCache statuses) {
        this.events = events;
        this.settlement = settlement;
        this.audit = audit;
        this.statuses = statuses;
    }

    /** See {@link CrossingEventApplicationService#record}; a refused event is recorded in the audit trail too. */
    public Uni<CrossingEventApplicationService.Recorded> record(CrossingEventData event, Caller caller) {
        // a refusal of the check is audited here; one of the recording itself is audited with its group
        return audit.recordingRefusals(
                        events.check(event, caller),
                        caller,
                        "crossing-event.record",
                        "checkpoints/" + event.checkpointId() + "/events/" + event.eventId())
                .chain(() -> events.record(event, caller))
                .invoke(recorded -> {
                    statuses.changed(event.checkpointId());
                    settlement.settleSoon(recorded.visit());
                });
    }
}
