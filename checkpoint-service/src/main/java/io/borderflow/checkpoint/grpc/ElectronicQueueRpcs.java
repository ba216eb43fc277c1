package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CheckpointGrpcService.ERRORS;

import io.borderflow.api.checkpoint.v1.BookSlotRequest;
import io.borderflow.api.checkpoint.v1.BookSlotResponse;
import io.borderflow.api.checkpoint.v1.BookingState;
import io.borderflow.api.checkpoint.v1.CancelBookingRequest;
import io.borderflow.api.checkpoint.v1.CancelBookingResponse;
import io.borderflow.api.checkpoint.v1.GetBookingRequest;
import io.borderflow.api.checkpoint.v1.GetBookingResponse;
import io.borderflow.api.checkpoint.v1.ListBookingsRequest;
import io.borderflow.api.checkpoint.v1.ListBookingsResponse;
import io.borderflow.api.checkpoint.v1.ListSlotsRequest;
import io.borderflow.api.checkpoint.v1.ListSlotsResponse;
import io.borderflow.api.checkpoint.v1.RescheduleBookingRequest;
import io.borderflow.api.checkpoint.v1.RescheduleBookingResponse;
import io.borderflow.checkpoint.service.ElectronicQueueApplicationService;
import io.borderflow.checkpoint.service.ElectronicQueueCommands;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.paging.PageSize;
import io.borderflow.support.paging.ResourceNames;
import io.borderflow.support.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The electronic queue of {@link CheckpointGrpcService}: arrival windows and the bookings of trucks in them. */
@ApplicationScoped
class ElectronicQueueRpcs {
    private final ElectronicQueueApplicationService queue;
    private final ElectronicQueueCommands bookings;
    private final SecurityIdentity identity;

    ElectronicQueueRpcs(
            ElectronicQueueApplicationService queue, ElectronicQueueCommands bookings, SecurityIdentity identity) {
        this.queue = queue;
        this.bookings = bookings;
        this.identity = identity;
    }

    Uni<BookSlotResponse> bookSlot(BookSlotRequest request) {
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

    Uni<CancelBookingResponse> cancelBooking(CancelBookingRequest request) {
        return ERRORS.guard(() -> {
            CheckpointNames.Child booking = CheckpointNames.booking(request.getName());
            return bookings.cancel(
                            booking.checkpoint(),
                            booking.id(),
                            request.getReason().isEmpty() ? null : request.getReason(),
                            Caller.of(identity))
                    .map(view -> CancelBookingResponse.newBuilder()
                            .setBooking(BookingProtoMapper.booking(view))
                            .build());
        });
    }

    Uni<RescheduleBookingResponse> rescheduleBooking(RescheduleBookingRequest request) {
        return ERRORS.guard(() -> {
            CheckpointNames.Child booking = CheckpointNames.booking(request.getName());
            return bookings.reschedule(
                            booking.checkpoint(),
                            booking.id(),
                            request.hasWindowStartTime() ? ProtoTimes.instant(request.getWindowStartTime()) : null,
                            Caller.of(identity))
                    .map(view -> RescheduleBookingResponse.newBuilder()
                            .setBooking(BookingProtoMapper.booking(view))
                            .build());
        });
    }

    Uni<GetBookingResponse> getBooking(GetBookingRequest request) {
        return ERRORS.guard(() -> {
            CheckpointNames.Child booking = CheckpointNames.booking(request.getName());
            return queue.get(booking.checkpoint(), booking.id(), Caller.of(identity))
                    .map(view -> GetBookingResponse.newBuilder()
                            .setBooking(BookingProtoMapper.booking(view))
                            .build());
        });
    }

    Uni<ListBookingsResponse> listBookings(ListBookingsRequest request) {
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

    Uni<ListSlotsResponse> listSlots(ListSlotsRequest request) {
        return ERRORS.guard(() -> queue.slots(
                        ResourceNames.parseId("checkpoints", request.getParent(), "parent"),
                        request.hasStartTime() ? ProtoTimes.instant(request.getStartTime()) : null,
                        request.hasEndTime() ? ProtoTimes.instant(request.getEndTime()) : null)
                .map(windows -> ListSlotsResponse.newBuilder()
                        .addAllWindows(
                                windows.stream().map(BookingProtoMapper::window).toList())
                        .build()));
    }
}
