package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where crossing events come in: records one (its own transaction), then, once it is stored, has the truck's decision
 * asked for when its declaration is new, without making the sender wait for inspection-service. A refused event is
 * recorded in the audit trail (outcome REJECTED, with the reason) in a transaction of its own.
 */
@ApplicationScoped
public class CrossingEventIntake {
    private final CrossingEventApplicationService events;
    private final DecisionSettlement settlement;
    private final AuditTrail audit;

    public CrossingEventIntake(CrossingEventApplicationService events, DecisionSettlement settlement, AuditTrail audit) {
        this.events = events;
        this.settlement = settlement;
        this.audit = audit;
    }

    /** See {@link CrossingEventApplicationService#record}; a refused event is recorded in the audit trail too. */
    public Uni<CrossingEventApplicationService.Recorded> record(CrossingEventData event, Caller caller) {
        return audit.recordingRefusals(events.record(event, caller), caller, "crossing-event.record",
                        "checkpoints/" + event.checkpointId() + "/events/" + event.eventId())
                .invoke(recorded -> settlement.settleSoon(recorded.visit()));
    }
}
