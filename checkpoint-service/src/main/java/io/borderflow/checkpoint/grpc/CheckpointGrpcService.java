package io.borderflow.checkpoint.grpc;

import io.borderflow.api.checkpoint.v1.BatchGetCheckpointStatusesRequest;
import io.borderflow.api.checkpoint.v1.BatchGetCheckpointStatusesResponse;
import io.borderflow.api.checkpoint.v1.BookSlotRequest;
import io.borderflow.api.checkpoint.v1.BookSlotResponse;
import io.borderflow.api.checkpoint.v1.CancelBookingRequest;
import io.borderflow.api.checkpoint.v1.CancelBookingResponse;
import io.borderflow.api.checkpoint.v1.CancelClosureRequest;
import io.borderflow.api.checkpoint.v1.CancelClosureResponse;
import io.borderflow.api.checkpoint.v1.CheckpointService;
import io.borderflow.api.checkpoint.v1.DeregisterVehicleRequest;
import io.borderflow.api.checkpoint.v1.DeregisterVehicleResponse;
import io.borderflow.api.checkpoint.v1.ForecastWaitsRequest;
import io.borderflow.api.checkpoint.v1.ForecastWaitsResponse;
import io.borderflow.api.checkpoint.v1.GetBookingRequest;
import io.borderflow.api.checkpoint.v1.GetBookingResponse;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointResponse;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusResponse;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.GetTruckResponse;
import io.borderflow.api.checkpoint.v1.ListAuditRecordsRequest;
import io.borderflow.api.checkpoint.v1.ListAuditRecordsResponse;
import io.borderflow.api.checkpoint.v1.ListBookingsRequest;
import io.borderflow.api.checkpoint.v1.ListBookingsResponse;
import io.borderflow.api.checkpoint.v1.ListCheckpointsRequest;
import io.borderflow.api.checkpoint.v1.ListCheckpointsResponse;
import io.borderflow.api.checkpoint.v1.ListClosuresRequest;
import io.borderflow.api.checkpoint.v1.ListClosuresResponse;
import io.borderflow.api.checkpoint.v1.ListLaneSettingsRequest;
import io.borderflow.api.checkpoint.v1.ListLaneSettingsResponse;
import io.borderflow.api.checkpoint.v1.ListSlotsRequest;
import io.borderflow.api.checkpoint.v1.ListSlotsResponse;
import io.borderflow.api.checkpoint.v1.ListTrucksRequest;
import io.borderflow.api.checkpoint.v1.ListTrucksResponse;
import io.borderflow.api.checkpoint.v1.ListVehiclesRequest;
import io.borderflow.api.checkpoint.v1.ListVehiclesResponse;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventResponse;
import io.borderflow.api.checkpoint.v1.RegisterVehicleRequest;
import io.borderflow.api.checkpoint.v1.RegisterVehicleResponse;
import io.borderflow.api.checkpoint.v1.RescheduleBookingRequest;
import io.borderflow.api.checkpoint.v1.RescheduleBookingResponse;
import io.borderflow.api.checkpoint.v1.ScheduleClosureRequest;
import io.borderflow.api.checkpoint.v1.ScheduleClosureResponse;
import io.borderflow.api.checkpoint.v1.SetBookingQuotaRequest;
import io.borderflow.api.checkpoint.v1.SetBookingQuotaResponse;
import io.borderflow.api.checkpoint.v1.SetNominalCapacityRequest;
import io.borderflow.api.checkpoint.v1.SetNominalCapacityResponse;
import io.borderflow.api.checkpoint.v1.SetOpenLanesRequest;
import io.borderflow.api.checkpoint.v1.SetOpenLanesResponse;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsResponse;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusResponse;
import io.borderflow.support.grpc.GrpcErrors;
import io.borderflow.support.security.Roles;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/**
 * gRPC adapter of {@code borderflow.checkpoint.v1.CheckpointService}: says who may call each RPC and hands it to the
 * {@code XxxRpcs} of its area, which checks the request's shape, calls one use case, maps. What each RPC does, and its
 * errors, is documented in {@code checkpoint_service.proto}.
 */
@GrpcService
public class CheckpointGrpcService implements CheckpointService {
    static final String ERROR_DOMAIN = "checkpoint.borderflow.io";
    /** The one mapping of failures to gRPC statuses, shared by the {@code XxxRpcs} of this service. */
    static final GrpcErrors ERRORS = new GrpcErrors(ERROR_DOMAIN);

    private final CheckpointRpcs checkpoints;
    private final CrossingEventRpcs crossingEvents;
    private final StatusRpcs statuses;
    private final OperationsRpcs operations;
    private final ElectronicQueueRpcs electronicQueue;
    private final VehicleRpcs vehicles;

    public CheckpointGrpcService(
            CheckpointRpcs checkpoints,
            CrossingEventRpcs crossingEvents,
            StatusRpcs statuses,
            OperationsRpcs operations,
            ElectronicQueueRpcs electronicQueue,
            VehicleRpcs vehicles) {
        this.checkpoints = checkpoints;
        this.crossingEvents = crossingEvents;
        this.statuses = statuses;
        this.operations = operations;
        this.electronicQueue = electronicQueue;
        this.vehicles = vehicles;
    }

    // checkpoints and the audit trail: CheckpointRpcs

    @Override
    @Authenticated
    public Uni<GetCheckpointResponse> getCheckpoint(GetCheckpointRequest request) {
        return checkpoints.getCheckpoint(request);
    }

    @Override
    @Authenticated
    public Uni<ListCheckpointsResponse> listCheckpoints(ListCheckpointsRequest request) {
        return checkpoints.listCheckpoints(request);
    }

    @Override
    @RolesAllowed(Roles.AUDITOR)
    public Uni<ListAuditRecordsResponse> listAuditRecords(ListAuditRecordsRequest request) {
        return checkpoints.listAuditRecords(request);
    }

    // crossing events: CrossingEventRpcs

    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Uni<RecordCrossingEventResponse> recordCrossingEvent(RecordCrossingEventRequest request) {
        return crossingEvents.recordCrossingEvent(request);
    }

    /**
     * One acknowledgement per event, in order. A refusal the event earned (a domain failure) is a REJECTED
     * acknowledgement and the stream goes on; any other failure (the database gone) ends the stream with its status,
     * so that the client resends what was not acknowledged.
     */
    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Multi<StreamCrossingEventsResponse> streamCrossingEvents(Multi<StreamCrossingEventsRequest> requests) {
        return crossingEvents.streamCrossingEvents(requests);
    }

    // status and trucks: StatusRpcs

    @Override
    @Authenticated
    public Uni<GetCheckpointStatusResponse> getCheckpointStatus(GetCheckpointStatusRequest request) {
        return statuses.getCheckpointStatus(request);
    }

    @Override
    @Authenticated
    public Uni<BatchGetCheckpointStatusesResponse> batchGetCheckpointStatuses(
            BatchGetCheckpointStatusesRequest request) {
        return statuses.batchGetCheckpointStatuses(request);
    }

    @Override
    @Authenticated
    public Uni<ForecastWaitsResponse> forecastWaits(ForecastWaitsRequest request) {
        return statuses.forecastWaits(request);
    }

    @Override
    @Authenticated
    public Multi<WatchCheckpointStatusResponse> watchCheckpointStatus(WatchCheckpointStatusRequest request) {
        return statuses.watchCheckpointStatus(request);
    }

    @Override
    @RolesAllowed({Roles.BORDER_OPERATOR, Roles.CUSTOMS_OFFICER, Roles.CARRIER})
    public Uni<GetTruckResponse> getTruck(GetTruckRequest request) {
        return statuses.getTruck(request);
    }

    @Override
    @RolesAllowed({Roles.BORDER_OPERATOR, Roles.CUSTOMS_OFFICER, Roles.CARRIER})
    public Uni<ListTrucksResponse> listTrucks(ListTrucksRequest request) {
        return statuses.listTrucks(request);
    }

    // lanes, closures, capacity and booking quotas: OperationsRpcs

    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Uni<SetOpenLanesResponse> setOpenLanes(SetOpenLanesRequest request) {
        return operations.setOpenLanes(request);
    }

    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Uni<ScheduleClosureResponse> scheduleClosure(ScheduleClosureRequest request) {
        return operations.scheduleClosure(request);
    }

    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Uni<CancelClosureResponse> cancelClosure(CancelClosureRequest request) {
        return operations.cancelClosure(request);
    }

    @Override
    @Authenticated
    public Uni<ListClosuresResponse> listClosures(ListClosuresRequest request) {
        return operations.listClosures(request);
    }

    @Override
    @Authenticated
    public Uni<ListLaneSettingsResponse> listLaneSettings(ListLaneSettingsRequest request) {
        return operations.listLaneSettings(request);
    }

    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Uni<SetNominalCapacityResponse> setNominalCapacity(SetNominalCapacityRequest request) {
        return operations.setNominalCapacity(request);
    }

    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Uni<SetBookingQuotaResponse> setBookingQuota(SetBookingQuotaRequest request) {
        return operations.setBookingQuota(request);
    }

    // the electronic queue: ElectronicQueueRpcs

    @Override
    @RolesAllowed({Roles.CARRIER, Roles.BORDER_OPERATOR})
    public Uni<BookSlotResponse> bookSlot(BookSlotRequest request) {
        return electronicQueue.bookSlot(request);
    }

    @Override
    @RolesAllowed({Roles.CARRIER, Roles.BORDER_OPERATOR})
    public Uni<CancelBookingResponse> cancelBooking(CancelBookingRequest request) {
        return electronicQueue.cancelBooking(request);
    }

    @Override
    @RolesAllowed({Roles.CARRIER, Roles.BORDER_OPERATOR})
    public Uni<RescheduleBookingResponse> rescheduleBooking(RescheduleBookingRequest request) {
        return electronicQueue.rescheduleBooking(request);
    }

    @Override
    @RolesAllowed({Roles.CARRIER, Roles.BORDER_OPERATOR})
    public Uni<GetBookingResponse> getBooking(GetBookingRequest request) {
        return electronicQueue.getBooking(request);
    }

    @Override
    @RolesAllowed({Roles.CARRIER, Roles.BORDER_OPERATOR})
    public Uni<ListBookingsResponse> listBookings(ListBookingsRequest request) {
        return electronicQueue.listBookings(request);
    }

    @Override
    @Authenticated
    public Uni<ListSlotsResponse> listSlots(ListSlotsRequest request) {
        return electronicQueue.listSlots(request);
    }

    // carriers' vehicle registers: VehicleRpcs

    @Override
    @RolesAllowed(Roles.CARRIER)
    public Uni<RegisterVehicleResponse> registerVehicle(RegisterVehicleRequest request) {
        return vehicles.registerVehicle(request);
    }

    @Override
    @RolesAllowed(Roles.CARRIER)
    public Uni<ListVehiclesResponse> listVehicles(ListVehiclesRequest request) {
        return vehicles.listVehicles(request);
    }

    @Override
    @RolesAllowed({Roles.CARRIER, Roles.BORDER_OPERATOR, Roles.CUSTOMS_OFFICER})
    public Uni<DeregisterVehicleResponse> deregisterVehicle(DeregisterVehicleRequest request) {
        return vehicles.deregisterVehicle(request);
    }
}
