package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CheckpointGrpcService.ERRORS;

import io.borderflow.api.checkpoint.v1.DeregisterVehicleRequest;
import io.borderflow.api.checkpoint.v1.DeregisterVehicleResponse;
import io.borderflow.api.checkpoint.v1.ListVehiclesRequest;
import io.borderflow.api.checkpoint.v1.ListVehiclesResponse;
import io.borderflow.api.checkpoint.v1.RegisterVehicleRequest;
import io.borderflow.api.checkpoint.v1.RegisterVehicleResponse;
import io.borderflow.api.checkpoint.v1.Vehicle;
import io.borderflow.checkpoint.model.VehicleEntity;
import io.borderflow.checkpoint.service.VehicleRegisterApplicationService;
import io.borderflow.checkpoint.service.VehicleRegisterCommands;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.paging.PageSize;
import io.borderflow.support.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Carriers' vehicle registers of {@link CheckpointGrpcService}: the vehicles a carrier may book windows for. */
@ApplicationScoped
class VehicleRpcs {
    private final VehicleRegisterApplicationService register;
    private final VehicleRegisterCommands changes;
    private final SecurityIdentity identity;

    VehicleRpcs(
            VehicleRegisterApplicationService register, VehicleRegisterCommands changes, SecurityIdentity identity) {
        this.register = register;
        this.changes = changes;
        this.identity = identity;
    }

    Uni<RegisterVehicleResponse> registerVehicle(RegisterVehicleRequest request) {
        return ERRORS.guard(() -> {
            String carrier = CheckpointNames.carrier(request.getParent());
            if (!request.hasVehicle()) {
                throw new InvalidArgumentException("INVALID_VEHICLE", "vehicle", "vehicle is required");
            }
            return changes.register(carrier, request.getVehicle().getPlate(), Caller.of(identity))
                    .map(vehicle -> RegisterVehicleResponse.newBuilder()
                            .setVehicle(vehicle(vehicle))
                            .build());
        });
    }

    Uni<ListVehiclesResponse> listVehicles(ListVehiclesRequest request) {
        return ERRORS.guard(() -> register.list(
                        CheckpointNames.carrier(request.getParent()),
                        request.getPageToken(),
                        PageSize.resolve(request.getPageSize()),
                        Caller.of(identity))
                .map(page -> ListVehiclesResponse.newBuilder()
                        .addAllVehicles(page.vehicles().stream()
                                .map(VehicleRpcs::vehicle)
                                .toList())
                        .setNextPageToken(page.nextPageToken())
                        .build()));
    }

    Uni<DeregisterVehicleResponse> deregisterVehicle(DeregisterVehicleRequest request) {
        return ERRORS.guard(() -> {
            CheckpointNames.Child vehicle = CheckpointNames.vehicle(request.getName());
            return changes.deregister(
                            vehicle.checkpoint(),
                            vehicle.id(),
                            request.getReason().isEmpty() ? null : request.getReason(),
                            Caller.of(identity))
                    .map(removed -> DeregisterVehicleResponse.newBuilder()
                            .setVehicle(vehicle(removed))
                            .build());
        });
    }

    private static Vehicle vehicle(VehicleEntity vehicle) {
        return Vehicle.newBuilder()
                .setName(VehicleRegisterApplicationService.name(vehicle))
                .setPlate(vehicle.plate)
                .setCarrierId(vehicle.carrierId)
                .setCreatedBy(vehicle.createdBy)
                .setCreateTime(ProtoTimes.timestamp(vehicle.createTime))
                .build();
    }
}
