package io.borderflow.inspection.service;

import io.borderflow.inspection.model.InspectionResultEntity;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The entry of an inspection result: recorded in its own transaction, and a refused one (an administration not
 * recognised, a result already recorded, a confirmed rule that was no reason) recorded in the audit trail in another,
 * since the first one rolls back and takes nothing with it.
 */
@ApplicationScoped
public class InspectionResultCommands {
    private final InspectionResultApplicationService results;
    private final AuditTrail audit;

    public InspectionResultCommands(InspectionResultApplicationService results, AuditTrail audit) {
        this.results = results;
        this.audit = audit;
    }

    public Uni<InspectionResultEntity> record(
            String declarationId, String outcome, List<String> confirmedRuleIds, String notes, Caller caller) {
        return audit.recordingRefusals(
                Uni.createFrom()
                        .deferred(() -> results.record(declarationId, outcome, confirmedRuleIds, notes, caller)),
                caller,
                "inspection-result.record",
                "declarations/" + declarationId + "/result");
    }
}
