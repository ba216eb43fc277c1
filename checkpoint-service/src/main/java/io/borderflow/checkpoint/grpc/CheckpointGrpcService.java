package io.borderflow.checkpoint.grpc;

import io.borderflow.api.checkpoint.v1.CheckpointService;
import io.borderflow.api.checkpoint.v1.CrossingMode;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointResponse;
import io.borderflow.api.checkpoint.v1.ListCheckpointsRequest;
import io.borderflow.api.checkpoint.v1.ListCheckpointsResponse;
import io.borderflow.checkpoint.service.CheckpointApplicationService;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.GrpcErrors;
import io.borderflow.support.paging.PageSize;
import io.borderflow.support.paging.ResourceNames;
import io.borderflow.api.checkpoint.v1.ListAuditRecordsRequest;
import io.borderflow.api.checkpoint.v1.ListAuditRecordsResponse;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** gRPC adapter of {@code borderflow.checkpoint.v1.CheckpointService}: checks the request's shape, calls one use case, maps. */
@GrpcService
public class CheckpointGrpcService implements CheckpointService {
    static final String ERROR_DOMAIN = "checkpoint.borderflow.io";
    private static final GrpcErrors ERRORS = new GrpcErrors(ERROR_DOMAIN);

    private final CheckpointApplicationService checkpoints;
    private final AuditTrail audit;

    public CheckpointGrpcService(CheckpointApplicationService checkpoints, AuditTrail audit) {
        this.checkpoints = checkpoints;
        this.audit = audit;
    }

    @Override
    @Authenticated
    public Uni<GetCheckpointResponse> getCheckpoint(GetCheckpointRequest request) {
        return ERRORS.guard(() -> {
            String id = ResourceNames.parseId("checkpoints", request.getName(), "name");
            return checkpoints.get(id).map(found -> GetCheckpointResponse.newBuilder()
                    .setCheckpoint(CheckpointProtoMapper.toProto(found)).build());
        });
    }

    @Override
    @Authenticated
    public Uni<ListCheckpointsResponse> listCheckpoints(ListCheckpointsRequest request) {
        return ERRORS.guard(() -> {
            int pageSize = PageSize.resolve(request.getPageSize());
            String border = request.getBorder().isEmpty() ? null : request.getBorder();
            if (request.getMode() == CrossingMode.UNRECOGNIZED) {
                throw new InvalidArgumentException("INVALID_MODE", "mode", "mode is not a CrossingMode value");
            }
            return checkpoints.list(border, CheckpointProtoMapper.mode(request.getMode()), request.getPageToken(), pageSize)
                    .map(page -> {
                        ListCheckpointsResponse.Builder response = ListCheckpointsResponse.newBuilder()
                                .setNextPageToken(page.nextPageToken()).setTotalSize(page.totalSize());
                        page.checkpoints().forEach(c -> response.addCheckpoints(CheckpointProtoMapper.toProto(c)));
                        return response.build();
                    });
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
