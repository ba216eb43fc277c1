package io.borderflow.inspection.grpc;

import static io.borderflow.inspection.grpc.InspectionGrpcService.ERRORS;

import io.borderflow.api.inspection.v1.ActivateRulesetRequest;
import io.borderflow.api.inspection.v1.ActivateRulesetResponse;
import io.borderflow.api.inspection.v1.CreateRulesetRequest;
import io.borderflow.api.inspection.v1.CreateRulesetResponse;
import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.GetRulesetResponse;
import io.borderflow.api.inspection.v1.ListRulesetsRequest;
import io.borderflow.api.inspection.v1.ListRulesetsResponse;
import io.borderflow.api.inspection.v1.SimulateRulesetRequest;
import io.borderflow.api.inspection.v1.SimulateRulesetResponse;
import io.borderflow.inspection.service.RulesetApplicationService;
import io.borderflow.inspection.service.RulesetCommands;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.paging.PageSize;
import io.borderflow.support.paging.ResourceNames;
import io.borderflow.support.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/** Ruleset versions: drafted, simulated and activated, of {@link InspectionGrpcService}. */
@ApplicationScoped
class RulesetRpcs {
    private static final String ACTIVE = "rulesets/active";
    private static final Pattern VERSION = Pattern.compile("rulesets/([1-9][0-9]{0,17})");

    private final RulesetApplicationService rulesets;
    private final RulesetCommands rulesetCommands;
    private final SecurityIdentity identity;

    RulesetRpcs(RulesetApplicationService rulesets, RulesetCommands rulesetCommands, SecurityIdentity identity) {
        this.rulesets = rulesets;
        this.rulesetCommands = rulesetCommands;
        this.identity = identity;
    }

    Uni<GetRulesetResponse> getRuleset(GetRulesetRequest request) {
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

    Uni<ListRulesetsResponse> listRulesets(ListRulesetsRequest request) {
        return ERRORS.guard(() -> rulesets.list(request.getPageToken(), PageSize.resolve(request.getPageSize()))
                .map(page -> ListRulesetsResponse.newBuilder()
                        .setNextPageToken(page.nextPageToken())
                        .addAllRulesets(page.rulesets().stream()
                                .map(RulesetProtoMapper::toProto)
                                .toList())
                        .build()));
    }

    Uni<CreateRulesetResponse> createRuleset(CreateRulesetRequest request) {
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

    Uni<ActivateRulesetResponse> activateRuleset(ActivateRulesetRequest request) {
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

    Uni<SimulateRulesetResponse> simulateRuleset(SimulateRulesetRequest request) {
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

    /** The version number of a ruleset name, {@code rulesets/{version}}, read from request field {@code field}. */
    private static long version(String name, String field) {
        var version = VERSION.matcher(name);
        if (!version.matches()) {
            throw new InvalidArgumentException("INVALID_NAME", field, field + " must look like rulesets/{version}");
        }
        return Long.parseLong(version.group(1));
    }
}
