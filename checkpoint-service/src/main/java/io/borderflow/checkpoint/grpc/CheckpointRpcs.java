package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CheckpointGrpcService.ERRORS;

import io.borderflow.api.checkpoint.v1.CrossingMode;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointResponse;
import io.borderflow.api.checkpoint.v1.ListAuditRecordsRequest;
import io.borderflow.api.checkpoint.v1.ListAuditRecordsResponse;
import io.borderflow.api.checkpoint.v1.ListCheckpointsRequest;
import io.borderflow.api.checkpoint.v1.ListCheckpointsResponse;
import io.borderflow.checkpoint.service.CheckpointApplicationService;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.AuditProtoMapper;
import io.borderflow.support.paging.PageSize;
import io.borderflow.support.paging.ResourceNames;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The checkpoints themselves, and the service's audit trail, of {@link CheckpointGrpcService}. */
@ApplicationScoped
class CheckpointRpcs {
    private final CheckpointApplicationService checkpoints;
    private final AuditTrail audit;

    CheckpointRpcs(CheckpointApplicationService checkpoints, AuditTrail audit) {
        this.checkpoints = checkpoints;
        this.audit = audit;
    }

    Uni<GetCheckpointResponse> getCheckpoint(GetCheckpointRequest request) {
        return ERRORS.guard(() -> {
            String id = ResourceNames.parseId("checkpoints", request.getName(), "name");
            return checkpoints
                    .get(id)
                    .map(found -> GetCheckpointResponse.newBuilder()
                            .setCheckpoint(CheckpointProtoMapper.toProto(found))
                            .build());
        });
    }

    Uni<ListCheckpointsResponse> listCheckpoints(ListCheckpointsRequest request) {
        return ERRORS.guard(() -> {
            int pageSize = PageSize.resolve(request.getPageSize());
            String border = request.getBorder().isEmpty() ? null : request.getBorder();
            if (request.getMode() == CrossingMode.UNRECOGNIZED) {
                throw new InvalidArgumentException("INVALID_MODE", "mode", "mode is not a CrossingMode value");
            }
            return checkpoints
                    .list(border, CheckpointProtoMapper.mode(request.getMode()), request.getPageToken(), pageSize)
                    .map(page -> {
                        ListCheckpointsResponse.Builder response = ListCheckpointsResponse.newBuilder()
                                .setNextPageToken(page.nextPageToken())
                                .setTotalSize(page.totalSize());
                        page.checkpoints().forEach(c -> response.addCheckpoints(CheckpointProtoMapper.toProto(c)));
                        return response.build();
                    });
        });
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
