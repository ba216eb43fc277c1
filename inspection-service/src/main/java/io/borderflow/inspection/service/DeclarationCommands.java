package io.borderflow.inspection.service;

import io.borderflow.inspection.model.DeclarationContent;
import io.borderflow.inspection.model.StoredDecision;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The entry of a declaration submission: the decision is made in its own transaction, and a refused submission is
 * recorded in the audit trail in another, since the first one rolls back and takes nothing with it.
 */
@ApplicationScoped
public class DeclarationCommands {
    private final DeclarationApplicationService declarations;
    private final AuditTrail audit;

    public DeclarationCommands(DeclarationApplicationService declarations, AuditTrail audit) {
        this.declarations = declarations;
        this.audit = audit;
    }

    public Uni<StoredDecision> submit(String requestId, DeclarationContent content, Caller caller) {
        return audit.recordingRefusals(
                declarations.submit(requestId, content, caller), caller, "declaration.submit", "requests/" + requestId);
    }
}
