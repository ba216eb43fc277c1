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
import io.borderflow.api.inspection.v1.InspectionOutcome;
import io.borderflow.api.inspection.v1.InspectionResult;
import io.borderflow.api.inspection.v1.InspectionService;
import io.borderflow.api.inspection.v1.ListAuditRecordsRequest;
import io.borderflow.api.inspection.v1.ListAuditRecordsResponse;
import io.borderflow.api.inspection.v1.ListDecisionsRequest;
import io.borderflow.api.inspection.v1.ListDecisionsResponse;
import io.borderflow.api.inspection.v1.ListRulesetsRequest;
import io.borderflow.api.inspection.v1.ListRulesetsResponse;
import io.borderflow.api.inspection.v1.RecordInspectionResultRequest;
import io.borderflow.api.inspection.v1.RecordInspectionResultResponse;
import io.borderflow.api.inspection.v1.RulePerformance;
import io.borderflow.api.inspection.v1.SimulateRulesetRequest;
import io.borderflow.api.inspection.v1.SimulateRulesetResponse;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.api.inspection.v1.SubmitDeclarationResponse;
import io.borderflow.inspection.model.DecisionFilter;
import io.borderflow.inspection.service.DeclarationApplicationService;
import io.borderflow.inspection.service.DeclarationCommands;
import io.borderflow.inspection.service.InspectionResultApplicationService;
import io.borderflow.inspection.service.InspectionResultCommands;
import io.borderflow.inspection.service.RulesetApplicationService;
import io.borderflow.inspection.service.RulesetCommands;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.AuditProtoMapper;
import io.borderflow.support.grpc.GrpcErrors;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.paging.PageSize;
import io.borderflow.support.paging.ResourceNames;
import io.borderflow.support.security.Caller;
import io.borderflow.support.security.Roles;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.regex.Pattern;

/** gRPC adapter of {@code borderflow.inspection.v1.InspectionService}: checks the request's shape, calls one use case, maps. */
@GrpcService
public class InspectionGrpcService implements InspectionService {
    static final String ERROR_DOMAIN = "inspection.borderflow.io";
    private static final GrpcErrors ERRORS = new GrpcErrors(ERROR_DOMAIN);
    private static final String ACTIVE = "rulesets/active";
    private static final Pattern DECISION = Pattern.compile("declarations/([0-9a-f-]{36})/decision");
    private static final Pattern DECLARATION = Pattern.compile("declarations/([0-9a-f-]{36})");
    private static final Pattern VERSION = Pattern.compile("rulesets/([1-9][0-9]{0,17})");

    private final RulesetApplicationService rulesets;
    private final AuditTrail audit;

    private final DeclarationApplicationService declarations;
    private final DeclarationCommands declarationCommands;
    private final InspectionResultApplicationService results;
    private final InspectionResultCommands resultCommands;
    private final SecurityIdentity identity;
    private final RulesetCommands rulesetCommands;

    public InspectionGrpcService(
            RulesetApplicationService rulesets,
            AuditTrail audit,
            DeclarationApplicationService declarations,
            DeclarationCommands declarationCommands,
            InspectionResultApplicationService results,
            InspectionResultCommands resultCommands,
            SecurityIdentity identity,
            RulesetCommands rulesetCommands) {
        this.rulesets = rulesets;
        this.audit = audit;
        this.declarations = declarations;
        this.declarationCommands = declarationCommands;
        this.results = results;
        this.resultCommands = resultCommands;
        this.identity = identity;
        this.rulesetCommands = rulesetCommands;
    }

    @Override
    @RolesAllowed({Roles.CUSTOMS_OFFICER, Roles.PARTNER_CUSTOMS})
    public Uni<RecordInspectionResultResponse> recordInspectionResult(RecordInspectionResultRequest request) {
        return ERRORS.guard(() -> {
            var name = DECISION.matcher(request.getDecision());
            if (!name.matches()) {
                throw new InvalidArgumentException(
                        "INVALID_NAME", "decision", "decision must look like declarations/{declaration_id}/decision");
            }
            if (request.getOutcome() == InspectionOutcome.INSPECTION_OUTCOME_UNSPECIFIED
                    || request.getOutcome() == InspectionOutcome.UNRECOGNIZED) {
                throw new InvalidArgumentException("INVALID_RESULT", "outcome", "outcome is required");
            }
            String outcome = request.getOutcome().name().substring("INSPECTION_OUTCOME_".length());
            return resultCommands
                    .record(
                            name.group(1),
                            outcome,
                            request.getConfirmedRuleIdsList(),
                            request.getNotes(),
                            Caller.of(identity))
                    .map(result -> RecordInspectionResultResponse.newBuilder()
                            .setResult(InspectionResult.newBuilder()
                                    .setName("declarations/" + result.declarationId + "/result")
                                    .setOutcome(request.getOutcome())
                                    .addAllConfirmedRuleIds(request.getConfirmedRuleIdsList())
                                    .setRecordedBy(result.recordedBy)
                                    .setRecordTime(ProtoTimes.timestamp(result.recordTime))
                                    .setNotes(result.notes))
                            .build());
        });
    }

    @Override
    @RolesAllowed(Roles.RISK_ANALYST)
    public Uni<GetRulePerformanceResponse> getRulePerformance(GetRulePerformanceRequest request) {
        return ERRORS.guard(() -> {
            if (!request.hasStartTime() || !request.hasEndTime()) {
                throw new InvalidArgumentException(
                        "INVALID_PERIOD",
                        request.hasStartTime() ? "end_time" : "start_time",
                        "start_time and end_time are required");
            }
            return results.performance(ProtoTimes.utc(request.getStartTime()), ProtoTimes.utc(request.getEndTime()))
                    .map(report -> {
                        GetRulePerformanceResponse.Builder response =
                                GetRulePerformanceResponse.newBuilder().setDecisions(report.decisions());
                        report.rules()
                                .forEach(r -> response.addRules(RulePerformance.newBuilder()
                                        .setRuleId(r.ruleId())
                                        .setHits(r.hits())
                                        .setInspections(r.inspections())
                                        .setConfirmedFindings(r.confirmedFindings())
                                        .setHitRate(r.hitRate())));
                        return response.build();
                    });
        });
    }

    @Override
    @RolesAllowed(Roles.CUSTOMS_OFFICER)
    public Uni<SubmitDeclarationResponse> submitDeclaration(SubmitDeclarationRequest request) {
        return ERRORS.guard(() -> {
            if (!request.hasDeclaration()) {
                throw new InvalidArgumentException("INVALID_DECLARATION", "declaration", "declaration is required");
            }
            return declarationCommands
                    .submit(
                            request.getRequestId(),
                            DeclarationProtoMapper.content(request.getDeclaration()),
                            Caller.of(identity))
                    .map(stored -> SubmitDeclarationResponse.newBuilder()
                            .setDeclaration(DeclarationProtoMapper.declaration(stored))
                            .setDecision(DeclarationProtoMapper.decision(stored))
                            .build());
        });
    }

    @Override
    @RolesAllowed({Roles.SERVICE, Roles.CUSTOMS_OFFICER, Roles.RISK_ANALYST})
    public Uni<AssessDeclarationResponse> assessDeclaration(AssessDeclarationRequest request) {
        return ERRORS.guard(() -> {
            if (!request.getStoredDeclaration().isEmpty()) {
                var stored = DECLARATION.matcher(request.getStoredDeclaration());
                if (!stored.matches() || request.hasDeclaration()) {
                    throw new InvalidArgumentException(
                            "INVALID_DECLARATION",
                            "stored_declaration",
                            request.hasDeclaration()
                                    ? "set declaration or stored_declaration, not both"
                                    : "stored_declaration must look like declarations/{declaration_id}");
                }
                String checkpoint = request.getCheckpoint().isEmpty()
                        ? null
                        : ResourceNames.parseId("checkpoints", request.getCheckpoint(), "checkpoint");
                return declarations.assessStored(stored.group(1), checkpoint).map(DeclarationProtoMapper::outlook);
            }
            if (!request.hasDeclaration()) {
                throw new InvalidArgumentException("INVALID_DECLARATION", "declaration", "declaration is required");
            }
            return declarations
                    .assess(DeclarationProtoMapper.content(request.getDeclaration()))
                    .map(DeclarationProtoMapper::outlook);
        });
    }

    @Override
    @RolesAllowed({Roles.CUSTOMS_OFFICER, Roles.SERVICE, Roles.CARRIER})
    public Uni<GetDecisionResponse> getDecision(GetDecisionRequest request) {
        return ERRORS.guard(() -> {
            var name = DECISION.matcher(request.getName());
            if (!name.matches()) {
                throw new InvalidArgumentException(
                        "INVALID_NAME", "name", "name must look like declarations/{declaration_id}/decision");
            }
            Caller caller = Caller.of(identity);
            return declarations
                    .decision(name.group(1), caller)
                    .map(stored -> GetDecisionResponse.newBuilder()
                            .setDecision(
                                    caller.onlyCarrier()
                                            ? DeclarationProtoMapper.carrierView(stored)
                                            : DeclarationProtoMapper.decision(stored))
                            .build());
        });
    }

    @Override
    @RolesAllowed(Roles.CUSTOMS_OFFICER)
    public Uni<ListDecisionsResponse> listDecisions(ListDecisionsRequest request) {
        return ERRORS.guard(() -> {
            int pageSize = PageSize.resolve(request.getPageSize());
            String checkpoint = request.getCheckpoint().isEmpty()
                    ? null
                    : ResourceNames.parseId("checkpoints", request.getCheckpoint(), "checkpoint");
            if (request.getChannel() == io.borderflow.api.inspection.v1.Channel.UNRECOGNIZED) {
                throw new InvalidArgumentException(
                        "INVALID_ENUM_VALUE", "channel", "channel is not a value this API defines");
            }
            DecisionFilter filter = new DecisionFilter(
                    checkpoint,
                    DeclarationProtoMapper.channel(request.getChannel()),
                    request.hasStartTime() ? ProtoTimes.utc(request.getStartTime()) : null,
                    request.hasEndTime() ? ProtoTimes.utc(request.getEndTime()) : null);
            return declarations.list(filter, request.getPageToken(), pageSize).map(page -> {
                ListDecisionsResponse.Builder response =
                        ListDecisionsResponse.newBuilder().setNextPageToken(page.nextPageToken());
                page.decisions().forEach(d -> response.addDecisions(DeclarationProtoMapper.decision(d)));
                return response.build();
            });
        });
    }

    @Override
    @RolesAllowed({Roles.RISK_ANALYST, Roles.CUSTOMS_OFFICER, Roles.AUDITOR})
    public Uni<ListRulesetsResponse> listRulesets(ListRulesetsRequest request) {
        return ERRORS.guard(() -> rulesets.list(request.getPageToken(), PageSize.resolve(request.getPageSize()))
                .map(page -> ListRulesetsResponse.newBuilder()
                        .setNextPageToken(page.nextPageToken())
                        .addAllRulesets(page.rulesets().stream()
                                .map(RulesetProtoMapper::toProto)
                                .toList())
                        .build()));
    }

    @Override
    @RolesAllowed(Roles.RISK_ANALYST)
    public Uni<CreateRulesetResponse> createRuleset(CreateRulesetRequest request) {
        return ERRORS.guard(() -> {
            if (!request.hasRuleset()) {
                throw new InvalidArgumentException("INVALID_RULESET", "ruleset", "ruleset is required");
            }
            return rulesetCommands
                    .create(
                            request.getRequestId(),
                            RulesetProtoMapper.fromProto(request.getRuleset()),
                            Caller.of(identity))
                    .map(r -> CreateRulesetResponse.newBuilder()
                            .setRuleset(RulesetProtoMapper.toProto(r))
                            .build());
        });
    }

    @Override
    @RolesAllowed(Roles.RISK_ANALYST)
    public Uni<ActivateRulesetResponse> activateRuleset(ActivateRulesetRequest request) {
        return ERRORS.guard(() -> {
            long version = version(request.getName(), "name");
            return rulesetCommands
                    .activate(
                            version,
                            request.hasActivateTime() ? ProtoTimes.utc(request.getActivateTime()) : null,
                            Caller.of(identity))
                    .map(r -> ActivateRulesetResponse.newBuilder()
                            .setRuleset(RulesetProtoMapper.toProto(r))
                            .build());
        });
    }

    @Override
    @RolesAllowed(Roles.RISK_ANALYST)
    public Uni<SimulateRulesetResponse> simulateRuleset(SimulateRulesetRequest request) {
        return ERRORS.guard(() -> {
            RulesetApplicationService.Candidate candidate = switch (request.getCandidateCase()) {
                case RULESET_NAME ->
                    new RulesetApplicationService.Candidate(version(request.getRulesetName(), "ruleset_name"), null);
                case RULESET ->
                    new RulesetApplicationService.Candidate(null, RulesetProtoMapper.fromProto(request.getRuleset()));
                case CANDIDATE_NOT_SET ->
                    throw new InvalidArgumentException(
                            "INVALID_RULESET", "candidate", "ruleset_name or ruleset is required");
            };
            String checkpoint = request.getCheckpoint().isEmpty()
                    ? null
                    : ResourceNames.parseId("checkpoints", request.getCheckpoint(), "checkpoint");
            return rulesets.simulate(
                            candidate,
                            request.hasStartTime() ? ProtoTimes.utc(request.getStartTime()) : null,
                            request.hasEndTime() ? ProtoTimes.utc(request.getEndTime()) : null,
                            checkpoint)
                    .map(SimulationProtoMapper::toProto);
        });
    }

    private static long version(String name, String field) {
        var version = VERSION.matcher(name);
        if (!version.matches()) {
            throw new InvalidArgumentException("INVALID_NAME", field, field + " must look like rulesets/{version}");
        }
        return Long.parseLong(version.group(1));
    }

    @Override
    @RolesAllowed({Roles.RISK_ANALYST, Roles.CUSTOMS_OFFICER, Roles.AUDITOR, Roles.SERVICE})
    public Uni<GetRulesetResponse> getRuleset(GetRulesetRequest request) {
        return ERRORS.guard(() -> {
            String name = request.getName();
            var version = VERSION.matcher(name);
            var found = ACTIVE.equals(name)
                    ? rulesets.getActive()
                    : version.matches() ? rulesets.get(Long.parseLong(version.group(1))) : null;
            if (found == null) {
                throw new InvalidArgumentException(
                        "INVALID_NAME",
                        "name",
                        "name must be rulesets/active or rulesets/{version} with a positive version number");
            }
            return found.map(r -> GetRulesetResponse.newBuilder()
                    .setRuleset(RulesetProtoMapper.toProto(r))
                    .build());
        });
    }

    @Override
    @RolesAllowed(Roles.AUDITOR)
    public Uni<ListAuditRecordsResponse> listAuditRecords(ListAuditRecordsRequest request) {
        return ERRORS.guard(() -> audit.asked(
                        request.getSubject(), request.getAction(), request.getPageToken(), request.getPageSize())
                .map(page -> ListAuditRecordsResponse.newBuilder()
                        .setNextPageToken(page.nextPageToken())
                        .addAllAuditRecords(AuditProtoMapper.records(page))
                        .build()));
    }
}
