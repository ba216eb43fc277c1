package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CheckpointGrpcService.ERRORS;

import io.borderflow.api.checkpoint.v1.CancelClosureRequest;
import io.borderflow.api.checkpoint.v1.CancelClosureResponse;
import io.borderflow.api.checkpoint.v1.Closure;
import io.borderflow.api.checkpoint.v1.LaneKind;
import io.borderflow.api.checkpoint.v1.ListClosuresRequest;
import io.borderflow.api.checkpoint.v1.ListClosuresResponse;
import io.borderflow.api.checkpoint.v1.ListLaneSettingsRequest;
import io.borderflow.api.checkpoint.v1.ListLaneSettingsResponse;
import io.borderflow.api.checkpoint.v1.ScheduleClosureRequest;
import io.borderflow.api.checkpoint.v1.ScheduleClosureResponse;
import io.borderflow.api.checkpoint.v1.SetBookingQuotaRequest;
import io.borderflow.api.checkpoint.v1.SetBookingQuotaResponse;
import io.borderflow.api.checkpoint.v1.SetNominalCapacityRequest;
import io.borderflow.api.checkpoint.v1.SetNominalCapacityResponse;
import io.borderflow.api.checkpoint.v1.SetOpenLanesRequest;
import io.borderflow.api.checkpoint.v1.SetOpenLanesResponse;
import io.borderflow.checkpoint.service.CheckpointOperationsApplicationService;
import io.borderflow.checkpoint.service.CheckpointOperationsCommands;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.paging.ResourceNames;
import io.borderflow.support.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A checkpoint's operations of {@link CheckpointGrpcService}: open lanes, closures, nominal capacity, carriers' booking
 * quotas.
 */
@ApplicationScoped
class OperationsRpcs {
    private final CheckpointOperationsApplicationService operations;
    private final CheckpointOperationsCommands changes;
    private final SecurityIdentity identity;

    OperationsRpcs(
            CheckpointOperationsApplicationService operations,
            CheckpointOperationsCommands changes,
            SecurityIdentity identity) {
        this.operations = operations;
        this.changes = changes;
        this.identity = identity;
    }

    Uni<SetOpenLanesResponse> setOpenLanes(SetOpenLanesRequest request) {
        return ERRORS.guard(() -> {
            String checkpoint = ResourceNames.parseId("checkpoints", request.getCheckpoint(), "checkpoint");
            if (request.getKind() == LaneKind.LANE_KIND_UNSPECIFIED || request.getKind() == LaneKind.UNRECOGNIZED) {
                throw new InvalidArgumentException("INVALID_LANES", "kind", "the lane kind is required");
            }
            return changes.setOpenLanes(
                            checkpoint,
                            request.getKind().name().substring("LANE_KIND_".length()),
                            request.getOpen(),
                            request.getReason(),
                            Caller.of(identity))
                    .map(state -> SetOpenLanesResponse.newBuilder()
                            .setLanes(OperationsProtoMapper.lanes(state))
                            .build());
        });
    }

    Uni<ScheduleClosureResponse> scheduleClosure(ScheduleClosureRequest request) {
        return ERRORS.guard(() -> {
            String checkpoint = ResourceNames.parseId("checkpoints", request.getParent(), "parent");
            Closure closure = request.getClosure();
            return changes.scheduleClosure(
                            checkpoint,
                            request.getRequestId(),
                            closure.hasStartTime() ? ProtoTimes.utc(closure.getStartTime()) : null,
                            closure.hasEndTime() ? ProtoTimes.utc(closure.getEndTime()) : null,
                            closure.getReason(),
                            CrossingProtoMapper.directionName(closure.getDirectionValue()),
                            Caller.of(identity))
                    .map(stored -> ScheduleClosureResponse.newBuilder()
                            .setClosure(OperationsProtoMapper.closure(stored))
                            .build());
        });
    }

    Uni<CancelClosureResponse> cancelClosure(CancelClosureRequest request) {
        return ERRORS.guard(() -> {
            CheckpointNames.Child closure = CheckpointNames.closure(request.getName());
            return changes.cancelClosure(closure.checkpoint(), closure.id(), Caller.of(identity))
                    .map(cancelled -> CancelClosureResponse.newBuilder()
                            .setClosure(OperationsProtoMapper.closure(cancelled))
                            .build());
        });
    }

    Uni<ListClosuresResponse> listClosures(ListClosuresRequest request) {
        return ERRORS.guard(() -> operations
                .closures(ResourceNames.parseId("checkpoints", request.getParent(), "parent"))
                .map(all -> ListClosuresResponse.newBuilder()
                        .addAllClosures(
                                all.stream().map(OperationsProtoMapper::closure).toList())
                        .build()));
    }

    Uni<ListLaneSettingsResponse> listLaneSettings(ListLaneSettingsRequest request) {
        return ERRORS.guard(() -> operations
                .lanes(ResourceNames.parseId("checkpoints", request.getParent(), "parent"))
                .map(all -> ListLaneSettingsResponse.newBuilder()
                        .addAllLanes(
                                all.stream().map(OperationsProtoMapper::lanes).toList())
                        .build()));
    }

    Uni<SetNominalCapacityResponse> setNominalCapacity(SetNominalCapacityRequest request) {
        return ERRORS.guard(() -> changes.setNominalCapacity(
                        ResourceNames.parseId("checkpoints", request.getCheckpoint(), "checkpoint"),
                        request.getVehiclesPerDay(),
                        request.getReason(),
                        Caller.of(identity))
                .map(state -> SetNominalCapacityResponse.newBuilder()
                        .setVehiclesPerDay(state.vehiclesPerDay())
                        .setReferenceVehiclesPerDay(state.referenceVehiclesPerDay())
                        .build()));
    }

    Uni<SetBookingQuotaResponse> setBookingQuota(SetBookingQuotaRequest request) {
        return ERRORS.guard(() -> changes.setBookingQuota(
                        ResourceNames.parseId("checkpoints", request.getCheckpoint(), "checkpoint"),
                        request.getBookingsPerWindow(),
                        request.getBookingsPerDay(),
                        request.getReason(),
                        Caller.of(identity))
                .map(quota -> SetBookingQuotaResponse.newBuilder()
                        .setBookingsPerWindow(quota.bookingsPerWindow())
                        .setBookingsPerDay(quota.bookingsPerDay())
                        .build()));
    }
}
