package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where crossing events come in: records one (its own transaction), then, once it is stored, has the truck's decision
 * asked for when its declaration is new, without making the sender wait for inspection-service.
 */
@ApplicationScoped
public class CrossingEventIntake {
    private final CrossingEventApplicationService events;
    private final DecisionSettlement settlement;

    public CrossingEventIntake(CrossingEventApplicationService events, DecisionSettlement settlement) {
        this.events = events;
        this.settlement = settlement;
    }

    /** See {@link CrossingEventApplicationService#record}. */
    public Uni<CrossingEventApplicationService.Recorded> record(CrossingEventData event, Caller caller) {
        return events.record(event, caller).invoke(recorded -> settlement.settleSoon(recorded.visit()));
    }
}
