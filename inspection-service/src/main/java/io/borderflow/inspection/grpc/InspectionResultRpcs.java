package io.borderflow.inspection.grpc;

import static io.borderflow.inspection.grpc.InspectionGrpcService.ERRORS;

import io.borderflow.api.inspection.v1.GetRulePerformanceRequest;
import io.borderflow.api.inspection.v1.GetRulePerformanceResponse;
import io.borderflow.api.inspection.v1.InspectionOutcome;
import io.borderflow.api.inspection.v1.InspectionResult;
import io.borderflow.api.inspection.v1.RecordInspectionResultRequest;
import io.borderflow.api.inspection.v1.RecordInspectionResultResponse;
import io.borderflow.api.inspection.v1.RulePerformance;
import io.borderflow.inspection.service.InspectionResultApplicationService;
import io.borderflow.inspection.service.InspectionResultCommands;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The results of inspections, and how each rule performed against them, of {@link InspectionGrpcService}. */
@ApplicationScoped
class InspectionResultRpcs {
    private final InspectionResultApplicationService results;
    private final InspectionResultCommands resultCommands;
    private final SecurityIdentity identity;

    InspectionResultRpcs(
            InspectionResultApplicationService results,
            InspectionResultCommands resultCommands,
            SecurityIdentity identity) {
        this.results = results;
        this.resultCommands = resultCommands;
        this.identity = identity;
    }

    Uni<RecordInspectionResultResponse> recordInspectionResult(RecordInspectionResultRequest request) {
        return ERRORS.guard(() -> {
            String declarationId = DeclarationNames.decision(request.getDecision(), "decision");
            if (request.getOutcome() == InspectionOutcome.INSPECTION_OUTCOME_UNSPECIFIED
                    || request.getOutcome() == InspectionOutcome.UNRECOGNIZED) {
                throw new InvalidArgumentException("INVALID_RESULT", "outcome", "outcome is required");
            }
            String outcome = request.getOutcome().name().substring("INSPECTION_OUTCOME_".length());
            return resultCommands
                    .record(
                            declarationId,
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
                                    .setNotes(result.notes)
                                    .setPartnerAdministration(
                                            result.administration == null ? "" : result.administration))
                            .build());
        });
    }

    Uni<GetRulePerformanceResponse> getRulePerformance(GetRulePerformanceRequest request) {
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
}
