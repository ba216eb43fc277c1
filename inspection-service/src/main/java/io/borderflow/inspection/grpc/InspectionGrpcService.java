package io.borderflow.inspection.grpc;

import io.borderflow.api.inspection.v1.ActivateRulesetRequest;
import io.borderflow.api.inspection.v1.ActivateRulesetResponse;
import io.borderflow.api.inspection.v1.AssessDeclarationRequest;
import io.borderflow.api.inspection.v1.AssessDeclarationResponse;
import io.borderflow.api.inspection.v1.CreateRulesetRequest;
import io.borderflow.api.inspection.v1.CreateRulesetResponse;
import io.borderflow.api.inspection.v1.GetDecisionRequest;
import io.borderflow.api.inspection.v1.GetDecisionResponse;
import io.borderflow.api.inspection.v1.GetRulePerformanceRequest;
import io.borderflow.api.inspection.v1.GetRulePerformanceResponse;
import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.GetRulesetResponse;
import io.borderflow.api.inspection.v1.InspectionService;
import io.borderflow.api.inspection.v1.ListAuditRecordsRequest;
import io.borderflow.api.inspection.v1.ListAuditRecordsResponse;
import io.borderflow.api.inspection.v1.ListDecisionsRequest;
import io.borderflow.api.inspection.v1.ListDecisionsResponse;
import io.borderflow.api.inspection.v1.ListRulesetsRequest;
import io.borderflow.api.inspection.v1.ListRulesetsResponse;
import io.borderflow.api.inspection.v1.RecordInspectionResultRequest;
import io.borderflow.api.inspection.v1.RecordInspectionResultResponse;
import io.borderflow.api.inspection.v1.SimulateRulesetRequest;
import io.borderflow.api.inspection.v1.SimulateRulesetResponse;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.api.inspection.v1.SubmitDeclarationResponse;
import io.borderflow.support.grpc.GrpcErrors;
import io.borderflow.support.security.Roles;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/**
 * gRPC adapter of {@code borderflow.inspection.v1.InspectionService}: says who may call each RPC and hands it to the
 * {@code XxxRpcs} of its area, which checks the request's shape, calls one use case, maps. What each RPC does, and its
 * errors, is documented in {@code inspection_service.proto}.
 */
@GrpcService
public class InspectionGrpcService implements InspectionService {
    static final String ERROR_DOMAIN = "inspection.borderflow.io";
    /** The one mapping of failures to gRPC statuses, shared by the {@code XxxRpcs} of this service. */
    static final GrpcErrors ERRORS = new GrpcErrors(ERROR_DOMAIN);

    private final RulesetRpcs rulesets;
    private final DeclarationRpcs declarations;
    private final InspectionResultRpcs results;
    private final AuditRpcs audit;

    public InspectionGrpcService(
            RulesetRpcs rulesets, DeclarationRpcs declarations, InspectionResultRpcs results, AuditRpcs audit) {
        this.rulesets = rulesets;
        this.declarations = declarations;
        this.results = results;
        this.audit = audit;
    }

    // rulesets: RulesetRpcs

    @Override
    @RolesAllowed({Roles.RISK_ANALYST, Roles.CUSTOMS_OFFICER, Roles.AUDITOR, Roles.SERVICE})
    public Uni<GetRulesetResponse> getRuleset(GetRulesetRequest request) {
        return rulesets.getRuleset(request);
    }

    @Override
    @RolesAllowed({Roles.RISK_ANALYST, Roles.CUSTOMS_OFFICER, Roles.AUDITOR})
    public Uni<ListRulesetsResponse> listRulesets(ListRulesetsRequest request) {
        return rulesets.listRulesets(request);
    }

    @Override
    @RolesAllowed(Roles.RISK_ANALYST)
    public Uni<CreateRulesetResponse> createRuleset(CreateRulesetRequest request) {
        return rulesets.createRuleset(request);
    }

    @Override
    @RolesAllowed(Roles.RISK_ANALYST)
    public Uni<ActivateRulesetResponse> activateRuleset(ActivateRulesetRequest request) {
        return rulesets.activateRuleset(request);
    }

    @Override
    @RolesAllowed(Roles.RISK_ANALYST)
    public Uni<SimulateRulesetResponse> simulateRuleset(SimulateRulesetRequest request) {
        return rulesets.simulateRuleset(request);
    }

    // declarations and their decisions: DeclarationRpcs

    @Override
    @RolesAllowed(Roles.CUSTOMS_OFFICER)
    public Uni<SubmitDeclarationResponse> submitDeclaration(SubmitDeclarationRequest request) {
        return declarations.submitDeclaration(request);
    }

    @Override
    @RolesAllowed({Roles.CUSTOMS_OFFICER, Roles.SERVICE, Roles.CARRIER})
    public Uni<GetDecisionResponse> getDecision(GetDecisionRequest request) {
        return declarations.getDecision(request);
    }

    @Override
    @RolesAllowed(Roles.CUSTOMS_OFFICER)
    public Uni<ListDecisionsResponse> listDecisions(ListDecisionsRequest request) {
        return declarations.listDecisions(request);
    }

    @Override
    @RolesAllowed({Roles.SERVICE, Roles.CUSTOMS_OFFICER, Roles.RISK_ANALYST})
    public Uni<AssessDeclarationResponse> assessDeclaration(AssessDeclarationRequest request) {
        return declarations.assessDeclaration(request);
    }

    // inspection results and how the rules performed: InspectionResultRpcs

    @Override
    @RolesAllowed({Roles.CUSTOMS_OFFICER, Roles.PARTNER_CUSTOMS})
    public Uni<RecordInspectionResultResponse> recordInspectionResult(RecordInspectionResultRequest request) {
        return results.recordInspectionResult(request);
    }

    @Override
    @RolesAllowed(Roles.RISK_ANALYST)
    public Uni<GetRulePerformanceResponse> getRulePerformance(GetRulePerformanceRequest request) {
        return results.getRulePerformance(request);
    }

    // the audit trail: AuditRpcs

    @Override
    @RolesAllowed(Roles.AUDITOR)
    public Uni<ListAuditRecordsResponse> listAuditRecords(ListAuditRecordsRequest request) {
        return audit.listAuditRecords(request);
    }
}
