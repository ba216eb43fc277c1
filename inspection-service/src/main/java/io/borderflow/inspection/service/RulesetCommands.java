package io.borderflow.inspection.service;

import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.RulesetDetails;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * Where ruleset changes come in: each runs in its own transaction ({@link RulesetApplicationService}), and a refused
 * one (an invalid draft, an activation out of order...) is recorded in the audit trail in another.
 */
@ApplicationScoped
public class RulesetCommands {
    private final RulesetApplicationService rulesets;
    private final AuditTrail audit;

    public RulesetCommands(RulesetApplicationService rulesets, AuditTrail audit) {
        this.rulesets = rulesets;
        this.audit = audit;
    }

    public Uni<RulesetDetails> create(String requestId, RulesetDataset draft, Caller caller) {
        return audit.recordingRefusals(
                rulesets.create(requestId, draft, caller), caller, "ruleset.create", "requests/" + requestId);
    }

    public Uni<RulesetDetails> activate(long version, OffsetDateTime effective, Caller caller) {
        return audit.recordingRefusals(
                rulesets.activate(version, effective, caller), caller, "ruleset.activate", "rulesets/" + version);
    }
}
