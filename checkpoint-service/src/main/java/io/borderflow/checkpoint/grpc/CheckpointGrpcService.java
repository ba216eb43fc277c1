package io.borderflow.checkpoint.grpc;

import io.borderflow.api.checkpoint.v1.BatchGetCheckpointStatusesRequest;
import io.borderflow.api.checkpoint.v1.BatchGetCheckpointStatusesResponse;
import io.borderflow.api.checkpoint.v1.BookSlotRequest;
import io.borderflow.api.checkpoint.v1.BookSlotResponse;
import io.borderflow.api.checkpoint.v1.BookingState;
import io.borderflow.api.checkpoint.v1.CancelBookingRequest;
import io.borderflow.api.checkpoint.v1.CancelBookingResponse;
import io.borderflow.api.checkpoint.v1.CancelClosureRequest;
import io.borderflow.api.checkpoint.v1.CancelClosureResponse;
import io.borderflow.api.checkpoint.v1.CheckpointService;
import io.borderflow.api.checkpoint.v1.Closure;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventAck;
import io.borderflow.api.checkpoint.v1.CrossingMode;
import io.borderflow.api.checkpoint.v1.GetBookingRequest;
import io.borderflow.api.checkpoint.v1.GetBookingResponse;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointResponse;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusResponse;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.GetTruckResponse;
import io.borderflow.api.checkpoint.v1.LaneKind;
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
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventResponse;
import io.borderflow.api.checkpoint.v1.RescheduleBookingRequest;
import io.borderflow.api.checkpoint.v1.RescheduleBookingResponse;
import io.borderflow.api.checkpoint.v1.ScheduleClosureRequest;
import io.borderflow.api.checkpoint.v1.ScheduleClosureResponse;
import io.borderflow.api.checkpoint.v1.SetNominalCapacityRequest;
import io.borderflow.api.checkpoint.v1.SetNominalCapacityResponse;
import io.borderflow.api.checkpoint.v1.SetOpenLanesRequest;
import io.borderflow.api.checkpoint.v1.SetOpenLanesResponse;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsResponse;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusResponse;
import io.borderflow.checkpoint.service.CheckpointApplicationService;
import io.borderflow.checkpoint.service.CheckpointOperationsApplicationService;
import io.borderflow.checkpoint.service.CheckpointOperationsCommands;
import io.borderflow.checkpoint.service.CheckpointStatusApplicationService;
import io.borderflow.checkpoint.service.CrossingEventCommands;
import io.borderflow.checkpoint.service.ElectronicQueueApplicationService;
import io.borderflow.checkpoint.service.ElectronicQueueCommands;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.DomainException;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.AuditProtoMapper;
import io.borderflow.support.grpc.GrpcErrors;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.grpc.WellFormed;
import io.borderflow.support.grpc.WellFormedRequests;
import io.borderflow.support.lifecycle.ShuttingDown;
import io.borderflow.support.paging.PageSize;
import io.borderflow.support.paging.ResourceNames;
import io.borderflow.support.security.Caller;
import io.borderflow.support.security.Roles;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** gRPC adapter of {@code borderflow.checkpoint.v1.CheckpointService}: checks the request's shape, calls one use case, maps. */
@GrpcService
public class CheckpointGrpcService implements CheckpointService {
    static final String ERROR_DOMAIN = "checkpoint.borderflow.io";
    private static final GrpcErrors ERRORS = new GrpcErrors(ERROR_DOMAIN);

    private static final Pattern STATUS = Pattern.compile("checkpoints/(" + ResourceNames.ID_REGEX + ")/status");
    private static final Pattern TRUCK =
            Pattern.compile("checkpoints/(" + ResourceNames.ID_REGEX + ")/trucks/([A-Za-z0-9 -]{2,16})");
    private static final int MAX_BATCH = 50;
    /** Events of one stream recorded at once (a border post may send a backlog without waiting for each ack). */
    private static final int STREAM_WINDOW = 128;

    private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
    private static final Pattern BOOKING =
            Pattern.compile("checkpoints/(" + ResourceNames.ID_REGEX + ")/bookings/([0-9a-f-]{36})");
    private static final Pattern CLOSURE =
            Pattern.compile("checkpoints/(" + ResourceNames.ID_REGEX + ")/closures/([0-9a-f-]{36})");

    private final CheckpointApplicationService checkpoints;
    private final AuditTrail audit;
    private final CrossingEventCommands events;
    private final CheckpointStatusApplicationService statuses;
    private final CheckpointOperationsApplicationService operations;
    private final CheckpointOperationsCommands changes;
    private final ElectronicQueueApplicationService queue;
    private final ElectronicQueueCommands bookings;
    private final SecurityIdentity identity;
    private final ShuttingDown shuttingDown;
    private final Vertx vertx;

    public CheckpointGrpcService(
            CheckpointApplicationService checkpoints,
            AuditTrail audit,
            CrossingEventCommands events,
            CheckpointStatusApplicationService statuses,
            CheckpointOperationsApplicationService operations,
            CheckpointOperationsCommands changes,
            ElectronicQueueApplicationService queue,
            ElectronicQueueCommands bookings,
            SecurityIdentity identity,
            ShuttingDown shuttingDown,
            Vertx vertx) {
        this.shuttingDown = shuttingDown;
        this.vertx = vertx;
        this.queue = queue;
        this.bookings = bookings;
        this.checkpoints = checkpoints;
        this.audit = audit;
        this.events = events;
        this.statuses = statuses;
        this.operations = operations;
        this.changes = changes;
        this.identity = identity;
    }

    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Uni<SetOpenLanesResponse> setOpenLanes(SetOpenLanesRequest request) {
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

    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Uni<ScheduleClosureResponse> scheduleClosure(ScheduleClosureRequest request) {
        return ERRORS.guard(() -> {
            String checkpoint = ResourceNames.parseId("checkpoints", request.getParent(), "parent");
            Closure closure = request.getClosure();
            return changes.scheduleClosure(
                            checkpoint,
                            request.getRequestId(),
                            closure.hasStartTime() ? ProtoTimes.utc(closure.getStartTime()) : null,
                            closure.hasEndTime() ? ProtoTimes.utc(closure.getEndTime()) : null,
                            closure.getReason(),
                            Caller.of(identity))
                    .map(stored -> ScheduleClosureResponse.newBuilder()
                            .setClosure(OperationsProtoMapper.closure(stored))
                            .build());
        });
    }

    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Uni<CancelClosureResponse> cancelClosure(CancelClosureRequest request) {
        return ERRORS.guard(() -> {
            var name = CLOSURE.matcher(request.getName());
            if (!name.matches()) {
                throw new InvalidArgumentException(
                        "INVALID_NAME",
                        "name",
                        "name must look like checkpoints/{checkpoint_id}/closures/{closure_id}");
            }
            return changes.cancelClosure(name.group(1), name.group(2), Caller.of(identity))
                    .map(closure -> CancelClosureResponse.newBuilder()
                            .setClosure(OperationsProtoMapper.closure(closure))
                            .build());
        });
    }

    @Override
    @Authenticated
    public Uni<ListClosuresResponse> listClosures(ListClosuresRequest request) {
        return ERRORS.guard(() -> operations
                .closures(ResourceNames.parseId("checkpoints", request.getParent(), "parent"))
                .map(all -> ListClosuresResponse.newBuilder()
                        .addAllClosures(
                                all.stream().map(OperationsProtoMapper::closure).toList())
                        .build()));
    }

    @Override
    @Authenticated
    public Uni<ListLaneSettingsResponse> listLaneSettings(ListLaneSettingsRequest request) {
        return ERRORS.guard(() -> operations
                .lanes(ResourceNames.parseId("checkpoints", request.getParent(), "parent"))
                .map(all -> ListLaneSettingsResponse.newBuilder()
                        .addAllLanes(
                                all.stream().map(OperationsProtoMapper::lanes).toList())
                        .build()));
    }

    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Uni<SetNominalCapacityResponse> setNominalCapacity(SetNominalCapacityRequest request) {
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

    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Uni<RecordCrossingEventResponse> recordCrossingEvent(RecordCrossingEventRequest request) {
        return ERRORS.guard(() -> {
            if (!request.hasEvent()) {
                throw new InvalidArgumentException("INVALID_EVENT", "event", "event is required");
            }
            CrossingEvent event = request.getEvent();
            return events.record(CrossingProtoMapper.event(event), Caller.of(identity))
                    .map(recorded -> RecordCrossingEventResponse.newBuilder()
                            .setAck(CrossingProtoMapper.accepted(
                                    event.getEventId(), recorded.outcome(), recorded.visit()))
                            .build());
        });
    }

    /**
     * One acknowledgement per event, in order. A refusal the event earned (a domain failure) is a REJECTED
     * acknowledgement and the stream goes on; any other failure (the database gone) ends the stream with its status,
     * so that the client resends what was not acknowledged.
     */
    @Override
    @RolesAllowed(Roles.BORDER_OPERATOR)
    public Multi<StreamCrossingEventsResponse> streamCrossingEvents(Multi<StreamCrossingEventsRequest> requests) {
        Caller caller = Caller.of(identity);
        // up to STREAM_WINDOW events of the stream are recorded at once (they join the same write groups), and
        // their acknowledgements go back in the order the events came
        AtomicLong sent = new AtomicLong();
        AtomicInteger inHand = new AtomicInteger();
        Map<Long, StreamCrossingEventsResponse> early = new HashMap<>();
        long[] next = {0};
        Multi<StreamCrossingEventsResponse> acks = requests.onItem()
                .transform(request -> new Numbered<>(sent.getAndIncrement(), request))
                .onItem()
                .transformToUni(numbered -> {
                    if (shuttingDown.started()) {
                        return Uni.createFrom()
                                .<Numbered<StreamCrossingEventsResponse>>failure(shuttingDown.unavailable());
                    }
                    inHand.incrementAndGet();
                    return ack(numbered.item(), caller)
                            .onTermination()
                            .invoke(inHand::decrementAndGet)
                            .map(ack -> new Numbered<>(numbered.number(), ack));
                })
                .merge(STREAM_WINDOW)
                .onItem()
                .transformToIterable(done -> {
                    early.put(done.number(), done.item());
                    List<StreamCrossingEventsResponse> inOrder = new ArrayList<>();
                    while (early.containsKey(next[0])) {
                        inOrder.add(early.remove(next[0]++));
                    }
                    return inOrder;
                });
        // at shutdown: the events in hand are acknowledged, then the stream ends UNAVAILABLE (the client resends the
        // rest)
        return shuttingDown
                .endingAtShutdown(
                        acks, () -> Uni.createFrom().emitter(idle -> awaitIdle(inHand, () -> idle.complete(null))))
                .onFailure()
                .transform(ERRORS::toStatus);
    }

    private record Numbered<T>(long number, T item) {}

    /** Runs {@code then} once no event of the stream is being recorded. */
    private void awaitIdle(AtomicInteger inHand, Runnable then) {
        if (inHand.get() == 0) {
            then.run();
        } else {
            vertx.setTimer(20, id -> awaitIdle(inHand, then));
        }
    }

    private Uni<StreamCrossingEventsResponse> ack(StreamCrossingEventsRequest request, Caller caller) {
        {
            CrossingEvent event = request.getEvent();
            Uni<CrossingEventAck> ack;
            try {
                List<FieldViolation> malformed = WellFormed.problems(request);
                if (!malformed.isEmpty()) {
                    throw WellFormedRequests.malformed(malformed);
                }
                ack = events.record(CrossingProtoMapper.event(event), caller)
                        .map(recorded ->
                                CrossingProtoMapper.accepted(event.getEventId(), recorded.outcome(), recorded.visit()));
            } catch (DomainException refused) {
                ack = Uni.createFrom().failure(refused);
            }
            return ack.onFailure(DomainException.class)
                    .recoverWithItem(
                            refused -> CrossingProtoMapper.rejected(event.getEventId(), (DomainException) refused))
                    .map(a ->
                            StreamCrossingEventsResponse.newBuilder().setAck(a).build());
        }
    }

    @Override
    @Authenticated
    public Uni<GetCheckpointStatusResponse> getCheckpointStatus(GetCheckpointStatusRequest request) {
        return ERRORS.guard(() -> statuses.status(statusId(request.getName(), "name"))
                .map(status -> GetCheckpointStatusResponse.newBuilder()
                        .setStatus(CrossingProtoMapper.status(status))
                        .build()));
    }

    @Override
    @Authenticated
    public Uni<BatchGetCheckpointStatusesResponse> batchGetCheckpointStatuses(
            BatchGetCheckpointStatusesRequest request) {
        return ERRORS.guard(() -> {
            if (request.getNamesCount() == 0 || request.getNamesCount() > MAX_BATCH) {
                throw new InvalidArgumentException(
                        "INVALID_NAME", "names", "1 to " + MAX_BATCH + " names are required");
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < request.getNamesCount(); i++) {
                ids.add(statusId(request.getNames(i), "names[" + i + "]"));
            }
            return statuses.statuses(ids)
                    .map(all -> BatchGetCheckpointStatusesResponse.newBuilder()
                            .addAllStatuses(all.stream()
                                    .map(CrossingProtoMapper::status)
                                    .toList())
                            .build());
        });
    }

    @Override
    @Authenticated
    public Multi<WatchCheckpointStatusResponse> watchCheckpointStatus(WatchCheckpointStatusRequest request) {
        try {
            Duration heartbeat = request.hasHeartbeatInterval()
                    ? Duration.ofSeconds(
                            request.getHeartbeatInterval().getSeconds(),
                            request.getHeartbeatInterval().getNanos())
                    : DEFAULT_HEARTBEAT;
            if (heartbeat.compareTo(Duration.ofSeconds(1)) < 0 || heartbeat.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new InvalidArgumentException(
                        "INVALID_HEARTBEAT", "heartbeat_interval", "from 1 second to 5 minutes");
            }
            boolean byNames = request.getNamesCount() > 0;
            if (byNames == !request.getBorder().isEmpty()) {
                throw new InvalidArgumentException(
                        "INVALID_WATCH",
                        byNames ? "border" : "names",
                        "set either names (1 to " + MAX_BATCH + ") or border");
            }
            Multi<CheckpointStatusApplicationService.WatchUpdate> updates;
            if (byNames) {
                if (request.getNamesCount() > MAX_BATCH) {
                    throw new InvalidArgumentException("INVALID_WATCH", "names", "at most " + MAX_BATCH + " names");
                }
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < request.getNamesCount(); i++) {
                    ids.add(statusId(request.getNames(i), "names[" + i + "]"));
                }
                updates = statuses.watch(ids, heartbeat);
            } else {
                updates = statuses.watchBorder(request.getBorder(), heartbeat);
            }
            return updates.map(update -> update.status() != null
                            ? WatchCheckpointStatusResponse.newBuilder()
                                    .setStatus(CrossingProtoMapper.status(update.status()))
                                    .build()
                            : WatchCheckpointStatusResponse.newBuilder()
                                    .setHeartbeatTime(ProtoTimes.timestamp(update.heartbeat()))
                                    .build())
                    .onFailure()
                    .transform(ERRORS::toStatus);
        } catch (RuntimeException e) {
            return Multi.createFrom().failure(ERRORS.toStatus(e));
        }
    }

    @Override
    @RolesAllowed({Roles.BORDER_OPERATOR, Roles.CUSTOMS_OFFICER, Roles.CARRIER})
    public Uni<GetTruckResponse> getTruck(GetTruckRequest request) {
        return ERRORS.guard(() -> {
            var name = TRUCK.matcher(request.getName());
            if (!name.matches()) {
                throw new InvalidArgumentException(
                        "INVALID_NAME", "name", "name must look like checkpoints/{checkpoint_id}/trucks/{plate}");
            }
            return statuses.truck(name.group(1), name.group(2), Caller.of(identity))
                    .map(view -> GetTruckResponse.newBuilder()
                            .setTruck(CrossingProtoMapper.visit(view))
                            .build());
        });
    }

    @Override
    @RolesAllowed({Roles.BORDER_OPERATOR, Roles.CUSTOMS_OFFICER, Roles.CARRIER})
    public Uni<ListTrucksResponse> listTrucks(ListTrucksRequest request) {
        return ERRORS.guard(() -> {
            String checkpoint = ResourceNames.parseId("checkpoints", request.getParent(), "parent");
            int pageSize = PageSize.resolve(request.getPageSize());
            String state = switch (request.getState()) {
                case TRUCK_STATE_UNSPECIFIED -> null;
                case TRUCK_STATE_BOOKED, TRUCK_STATE_WAITING, TRUCK_STATE_CALLED, TRUCK_STATE_IN_INSPECTION ->
                    request.getState().name().substring("TRUCK_STATE_".length());
                default ->
                    throw new InvalidArgumentException(
                            "INVALID_STATE",
                            "state",
                            "state must be one of the open states (booked, waiting, called, in inspection)");
            };
            return statuses.trucks(
                            checkpoint,
                            state,
                            request.getCarrierId().isEmpty() ? null : request.getCarrierId(),
                            request.getPageToken(),
                            pageSize,
                            Caller.of(identity))
                    .map(page -> ListTrucksResponse.newBuilder()
                            .setNextPageToken(page.nextPageToken())
                            .addAllTrucks(page.trucks().stream()
                                    .map(CrossingProtoMapper::visit)
                                    .toList())
                            .build());
        });
    }

    @Override
    @RolesAllowed({Roles.CARRIER, Roles.BORDER_OPERATOR})
    public Uni<BookSlotResponse> bookSlot(BookSlotRequest request) {
        return ERRORS.guard(() -> {
            String checkpoint = ResourceNames.parseId("checkpoints", request.getParent(), "parent");
            if (!request.hasBooking()) {
                throw new InvalidArgumentException("INVALID_BOOKING", "booking", "booking is required");
            }
            return bookings.book(
                            checkpoint,
                            BookingProtoMapper.request(request.getRequestId(), request.getBooking()),
                            Caller.of(identity))
                    .map(view -> BookSlotResponse.newBuilder()
                            .setBooking(BookingProtoMapper.booking(view))
                            .build());
        });
    }

    @Override
    @RolesAllowed({Roles.CARRIER, Roles.BORDER_OPERATOR})
    public Uni<CancelBookingResponse> cancelBooking(CancelBookingRequest request) {
        return ERRORS.guard(() -> {
            var name = booking(request.getName());
            return bookings.cancel(
                            name.group(1),
                            name.group(2),
                            request.getReason().isEmpty() ? null : request.getReason(),
                            Caller.of(identity))
                    .map(view -> CancelBookingResponse.newBuilder()
                            .setBooking(BookingProtoMapper.booking(view))
                            .build());
        });
    }

    @Override
    @RolesAllowed({Roles.CARRIER, Roles.BORDER_OPERATOR})
    public Uni<RescheduleBookingResponse> rescheduleBooking(RescheduleBookingRequest request) {
        return ERRORS.guard(() -> {
            var name = booking(request.getName());
            return bookings.reschedule(
                            name.group(1),
                            name.group(2),
                            request.hasWindowStartTime() ? ProtoTimes.instant(request.getWindowStartTime()) : null,
                            Caller.of(identity))
                    .map(view -> RescheduleBookingResponse.newBuilder()
                            .setBooking(BookingProtoMapper.booking(view))
                            .build());
        });
    }

    @Override
    @RolesAllowed({Roles.CARRIER, Roles.BORDER_OPERATOR})
    public Uni<GetBookingResponse> getBooking(GetBookingRequest request) {
        return ERRORS.guard(() -> {
            var name = booking(request.getName());
            return queue.get(name.group(1), name.group(2), Caller.of(identity))
                    .map(view -> GetBookingResponse.newBuilder()
                            .setBooking(BookingProtoMapper.booking(view))
                            .build());
        });
    }

    @Override
    @RolesAllowed({Roles.CARRIER, Roles.BORDER_OPERATOR})
    public Uni<ListBookingsResponse> listBookings(ListBookingsRequest request) {
        return ERRORS.guard(() -> {
            String checkpoint = ResourceNames.parseId("checkpoints", request.getParent(), "parent");
            if (request.getState() == BookingState.UNRECOGNIZED) {
                throw new InvalidArgumentException("INVALID_STATE", "state", "state is not a BookingState value");
            }
            String state = request.getState() == BookingState.BOOKING_STATE_UNSPECIFIED
                    ? null
                    : request.getState().name().substring("BOOKING_STATE_".length());
            return queue.list(
                            checkpoint,
                            state,
                            request.getPageToken(),
                            PageSize.resolve(request.getPageSize()),
                            Caller.of(identity))
                    .map(page -> ListBookingsResponse.newBuilder()
                            .setNextPageToken(page.nextPageToken())
                            .addAllBookings(page.bookings().stream()
                                    .map(BookingProtoMapper::booking)
                                    .toList())
                            .build());
        });
    }

    @Override
    @Authenticated
    public Uni<ListSlotsResponse> listSlots(ListSlotsRequest request) {
        return ERRORS.guard(() -> queue.slots(
                        ResourceNames.parseId("checkpoints", request.getParent(), "parent"),
                        request.hasStartTime() ? ProtoTimes.instant(request.getStartTime()) : null,
                        request.hasEndTime() ? ProtoTimes.instant(request.getEndTime()) : null)
                .map(windows -> ListSlotsResponse.newBuilder()
                        .addAllWindows(
                                windows.stream().map(BookingProtoMapper::window).toList())
                        .build()));
    }

    private static java.util.regex.Matcher booking(String name) {
        var matcher = BOOKING.matcher(name);
        if (!matcher.matches()) {
            throw new InvalidArgumentException(
                    "INVALID_NAME", "name", "name must look like checkpoints/{checkpoint_id}/bookings/{booking_id}");
        }
        return matcher;
    }

    private static String statusId(String name, String field) {
        var matcher = STATUS.matcher(name);
        if (!matcher.matches()) {
            throw new InvalidArgumentException(
                    "INVALID_NAME", field, field + " must look like checkpoints/{checkpoint_id}/status");
        }
        return matcher.group(1);
    }

    @Override
    @Authenticated
    public Uni<GetCheckpointResponse> getCheckpoint(GetCheckpointRequest request) {
        return ERRORS.guard(() -> {
            String id = ResourceNames.parseId("checkpoints", request.getName(), "name");
            return checkpoints
                    .get(id)
                    .map(found -> GetCheckpointResponse.newBuilder()
                            .setCheckpoint(CheckpointProtoMapper.toProto(found))
                            .build());
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
