package io.borderflow.inspection.grpc;

import static io.borderflow.inspection.grpc.InspectionGrpcService.ERRORS;

import io.borderflow.api.inspection.v1.ListAuditRecordsRequest;
import io.borderflow.api.inspection.v1.ListAuditRecordsResponse;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.grpc.AuditProtoMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The service's audit trail, of {@link InspectionGrpcService}. */
@ApplicationScoped
class AuditRpcs {
    private final AuditTrail audit;

    AuditRpcs(AuditTrail audit) {
        this.audit = audit;
    }

    Uni<ListAuditRecordsResponse> listAuditRecords(ListAuditRecordsRequest request) {
        return ERRORS.guard(() -> audit.asked(
                        request.getSubject(), request.getAction(), request.getPageToken(), request.getPageSize())
                .map(page -> ListAuditRecordsResponse.newBuilder()
                        .setNextPageToken(page.nextPageToken())
                        .addAllAuditRecords(AuditProtoMapper.records(page))
                        .build()));
    }
}
