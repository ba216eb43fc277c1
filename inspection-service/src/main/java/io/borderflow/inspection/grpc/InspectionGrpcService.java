package io.borderflow.inspection.grpc;

import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.GetRulesetResponse;
import io.borderflow.api.inspection.v1.InspectionService;
import io.borderflow.inspection.service.RulesetApplicationService;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.GrpcErrors;
import io.borderflow.api.inspection.v1.ListAuditRecordsRequest;
import io.borderflow.api.inspection.v1.ListAuditRecordsResponse;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.borderflow.support.paging.PageSize;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import java.util.regex.Pattern;

/** gRPC adapter of {@code borderflow.inspection.v1.InspectionService}: checks the request's shape, calls one use case, maps. */
@GrpcService
public class InspectionGrpcService implements InspectionService {
    static final String ERROR_DOMAIN = "inspection.borderflow.io";
    private static final GrpcErrors ERRORS = new GrpcErrors(ERROR_DOMAIN);
    private static final String ACTIVE = "rulesets/active";
    private static final Pattern VERSION = Pattern.compile("rulesets/([1-9][0-9]{0,17})");

    private final RulesetApplicationService rulesets;
    private final AuditTrail audit;

    public InspectionGrpcService(RulesetApplicationService rulesets, AuditTrail audit) {
        this.rulesets = rulesets;
        this.audit = audit;
    }

    @Override
    @Authenticated
    public Uni<GetRulesetResponse> getRuleset(GetRulesetRequest request) {
        return ERRORS.guard(() -> {
            String name = request.getName();
            var version = VERSION.matcher(name);
            var found = ACTIVE.equals(name) ? rulesets.getActive()
                    : version.matches() ? rulesets.get(Long.parseLong(version.group(1)))
                    : null;
            if (found == null) {
                throw new InvalidArgumentException("INVALID_NAME", "name",
                        "name must be rulesets/active or rulesets/{version} with a positive version number");
            }
            return found.map(r -> GetRulesetResponse.newBuilder().setRuleset(RulesetProtoMapper.toProto(r)).build());
        });
    }

    @Override
    @RolesAllowed(Roles.AUDITOR)
    public Uni<ListAuditRecordsResponse> listAuditRecords(ListAuditRecordsRequest request) {
        return ERRORS.guard(() -> audit.list(request.getSubject().isEmpty() ? null : request.getSubject(),
                request.getAction().isEmpty() ? null : request.getAction(), request.getPageToken(),
                PageSize.resolve(request.getPageSize()))
                .map(page -> ListAuditRecordsResponse.newBuilder().setNextPageToken(page.nextPageToken())
                        .addAllAuditRecords(page.records().stream().map(AuditProtoMapper::toProto).toList()).build()));
    }
}
