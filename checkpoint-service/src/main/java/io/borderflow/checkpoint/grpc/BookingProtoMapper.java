package io.borderflow.checkpoint.grpc;

import io.borderflow.api.checkpoint.v1.Booking;
import io.borderflow.api.checkpoint.v1.BookingState;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.PriorityClass;
import io.borderflow.api.checkpoint.v1.SlotWindow;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.checkpoint.model.BookingEntity;
import io.borderflow.checkpoint.model.BookingView;
import io.borderflow.checkpoint.model.SlotWindowView;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.borderflow.checkpoint.service.ElectronicQueueApplicationService.BookingRequest;
import io.borderflow.support.grpc.ProtoTimes;

/** Maps electronic-queue bookings and windows between the v1 proto messages and the use cases. */
final class BookingProtoMapper {
    private BookingProtoMapper() {}

    static BookingRequest request(String requestId, Booking b) {
        String priority = b.getPriorityClass() == PriorityClass.PRIORITY_CLASS_UNSPECIFIED
                ? null
                : CrossingProtoMapper.name(b.getPriorityClass().name(), "PRIORITY_CLASS_");
        return new BookingRequest(
                requestId,
                b.hasWindowStartTime() ? ProtoTimes.instant(b.getWindowStartTime()) : null,
                b.getTruck().getPlate(),
                b.getTruck().getCarrierId(),
                CrossingProtoMapper.name(
                        b.getDirection() == Direction.DIRECTION_UNSPECIFIED
                                ? null
                                : b.getDirection().name(),
                        "DIRECTION_"),
                b.getDeclaration().isEmpty() ? null : CrossingProtoMapper.id("declarations/", b.getDeclaration()),
                priority);
    }

    static Booking booking(BookingView view) {
        BookingEntity b = view.booking();
        TruckVisitEntity v = view.visit();
        Booking.Builder proto = Booking.newBuilder()
                .setName("checkpoints/" + b.checkpointId + "/bookings/" + b.id)
                .setWindowStartTime(ProtoTimes.timestamp(b.windowStart))
                .setWindowEndTime(ProtoTimes.timestamp(b.windowEnd))
                .setTruck(Truck.newBuilder().setPlate(v.plate).setCarrierId(b.carrierId))
                .setDirection(Direction.valueOf("DIRECTION_" + v.direction))
                .setDeclaration(v.declarationId == null ? "" : "declarations/" + v.declarationId)
                .setPriorityClass(PriorityClass.valueOf("PRIORITY_CLASS_" + b.priorityClass))
                .setState(BookingState.valueOf("BOOKING_STATE_" + view.state()))
                .setPosition(view.position())
                .setRescheduleCount(b.rescheduleCount)
                .setTruckVisit("checkpoints/" + b.checkpointId + "/trucks/" + b.plateKey)
                .setCreatedBy(b.createdBy)
                .setCreateTime(ProtoTimes.timestamp(b.createTime));
        if (!view.holdsSlot() && v.endTime != null) {
            proto.setEndTime(ProtoTimes.timestamp(v.endTime)).setEndReason(v.endReason == null ? "" : v.endReason);
        }
        return proto.build();
    }

    static SlotWindow window(SlotWindowView slots) {
        return SlotWindow.newBuilder()
                .setStartTime(ProtoTimes.timestamp(slots.start()))
                .setEndTime(ProtoTimes.timestamp(slots.end()))
                .setCapacity(slots.capacity())
                .setBooked(slots.booked())
                .setAvailableStandard(slots.availableStandard())
                .setAvailablePriority(slots.availablePriority())
                .setClosedReason(slots.closedReason() == null ? "" : slots.closedReason())
                .build();
    }
}
