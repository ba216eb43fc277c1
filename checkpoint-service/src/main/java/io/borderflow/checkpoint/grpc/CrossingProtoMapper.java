package io.borderflow.checkpoint.grpc;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.ChannelWaitEstimate;
import io.borderflow.api.checkpoint.v1.CheckpointStatus;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventAck;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.DirectionStatus;
import io.borderflow.api.checkpoint.v1.EstimationMethod;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.FigureBasis;
import io.borderflow.api.checkpoint.v1.HandlingBasis;
import io.borderflow.api.checkpoint.v1.HandlingEstimate;
import io.borderflow.api.checkpoint.v1.InspectionChannel;
import io.borderflow.api.checkpoint.v1.LaneAvailability;
import io.borderflow.api.checkpoint.v1.LaneKind;
import io.borderflow.api.checkpoint.v1.ObservedWaits;
import io.borderflow.api.checkpoint.v1.OperationalStatus;
import io.borderflow.api.checkpoint.v1.QueueCount;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.api.checkpoint.v1.TruckState;
import io.borderflow.api.checkpoint.v1.TruckVisit;
import io.borderflow.checkpoint.model.CheckpointStatusView;
import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.checkpoint.model.TruckView;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.borderflow.support.error.DomainException;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.paging.ResourceNames;
import java.time.OffsetDateTime;
import java.util.List;

/** Maps crossing events, truck visits and statuses between the v1 proto messages and the service's types. */
final class CrossingProtoMapper {
    private static final java.util.regex.Pattern CHECKPOINT =
            java.util.regex.Pattern.compile("checkpoints/(" + ResourceNames.ID_REGEX + ")");

    private CrossingProtoMapper() {}

    /**
     * The event as sent: unset enum values become null, unrecognised ones "UNRECOGNIZED" (the check refuses both
     * where a value is required); the checkpoint name becomes its id (null when malformed, which the check refuses);
     * the declaration name its id (kept as written when malformed, for the check to refuse).
     */
    static CrossingEventData event(CrossingEvent e) {
        var checkpoint = CHECKPOINT.matcher(e.getCheckpoint());
        return new CrossingEventData(
                e.getEventId(),
                checkpoint.matches() ? checkpoint.group(1) : null,
                name(
                        e.getType() == CrossingEventType.CROSSING_EVENT_TYPE_UNSPECIFIED
                                ? null
                                : e.getType().name(),
                        "CROSSING_EVENT_TYPE_"),
                e.hasOccurTime() ? ProtoTimes.instant(e.getOccurTime()) : null,
                name(
                        e.getDirection() == Direction.DIRECTION_UNSPECIFIED
                                ? null
                                : e.getDirection().name(),
                        "DIRECTION_"),
                e.getTruck().getPlate(),
                e.getTruck().getCarrierId(),
                e.getDeclaration().isEmpty() ? null : id("declarations/", e.getDeclaration()),
                name(
                        e.getLaneKind() == LaneKind.LANE_KIND_UNSPECIFIED
                                ? null
                                : e.getLaneKind().name(),
                        "LANE_KIND_"),
                name(
                        e.getChannel() == InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED
                                ? null
                                : e.getChannel().name(),
                        "INSPECTION_CHANNEL_"),
                e.getReason().isEmpty() ? null : e.getReason());
    }

    static String id(String prefix, String name) {
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    static String name(String value, String prefix) {
        return value == null ? null : value.startsWith(prefix) ? value.substring(prefix.length()) : value;
    }

    static CrossingEventAck accepted(String eventId, String outcome, TruckVisitEntity visit) {
        return CrossingEventAck.newBuilder()
                .setEventId(eventId)
                .setOutcome(EventOutcome.valueOf("EVENT_OUTCOME_" + outcome))
                .setTruck(visit(new TruckView(visit, null, null)))
                .build();
    }

    static CrossingEventAck rejected(String eventId, DomainException failure) {
        CrossingEventAck.Builder ack = CrossingEventAck.newBuilder()
                .setEventId(eventId)
                .setOutcome(EventOutcome.EVENT_OUTCOME_REJECTED)
                .setReason(failure.reason())
                .setDescription(failure.getMessage());
        failure.violations().forEach(v -> ack.addFields(v.field()));
        return ack.build();
    }

    static TruckVisit visit(TruckView view) {
        TruckVisitEntity v = view.visit();
        TruckVisit.Builder proto = TruckVisit.newBuilder()
                .setName("checkpoints/" + v.checkpointId + "/trucks/" + v.plateKey)
                .setTruck(Truck.newBuilder().setPlate(v.plate).setCarrierId(v.carrierId))
                .setState(TruckState.valueOf("TRUCK_STATE_" + v.state))
                .setDirection(Direction.valueOf("DIRECTION_" + v.direction))
                .setLaneKind(LaneKind.valueOf("LANE_KIND_" + v.laneKind))
                .setDeclaration(v.declarationId == null ? "" : "declarations/" + v.declarationId)
                .setChannel(channel(v.channel))
                .setDecisionReceived(v.decisionReceived)
                .setEndReason(v.endReason == null ? "" : v.endReason);
        if (v.expectedHandlingSeconds != null) {
            proto.setExpectedHandling(Duration.newBuilder().setSeconds(v.expectedHandlingSeconds));
        }
        time(v.bookTime).ifPresent(proto::setBookTime);
        time(v.arriveTime).ifPresent(proto::setArriveTime);
        time(v.callTime).ifPresent(proto::setCallTime);
        time(v.inspectionStartTime).ifPresent(proto::setInspectionStartTime);
        time(v.endTime).ifPresent(proto::setEndTime);
        if (v.bookingId != null) {
            proto.setBooking("checkpoints/" + v.checkpointId + "/bookings/" + v.bookingId);
            time(v.bookedWindowStart).ifPresent(proto::setBookedWindowStartTime);
        }
        if (view.trucksAhead() != null) {
            proto.setTrucksAhead(view.trucksAhead());
        }
        if (view.estimatedWait() != null) {
            proto.setEstimatedWait(ProtoTimes.duration(view.estimatedWait()));
        }
        return proto.build();
    }

    static CheckpointStatus status(CheckpointStatusView s) {
        CheckpointStatus.Builder proto = CheckpointStatus.newBuilder()
                .setName("checkpoints/" + s.checkpointId() + "/status")
                .setOperationalStatus(OperationalStatus.valueOf("OPERATIONAL_STATUS_" + s.operationalStatus()))
                .setStatusReason(s.statusReason())
                .setTrucksWaiting(s.trucksWaiting())
                .setTrucksInInspection(s.trucksInInspection())
                .setClearancesLastHour(s.clearancesLastHour())
                .setClearancesLast24H(s.clearancesLast24h())
                .setBacklogClearBasis(FigureBasis.valueOf("FIGURE_BASIS_" + s.backlogClearBasis()))
                .setArrivalsPerHour(s.arrivalsPerHour())
                .setClearancesPerOpenHour(s.clearancesPerOpenHour())
                .setCapacityBasis(FigureBasis.valueOf("FIGURE_BASIS_" + s.capacityBasis()))
                .setUpdateTime(ProtoTimes.timestamp(s.updateTime()))
                .addAllWaiting(queueCounts(s.waiting()))
                .addAllLanes(lanes(s.lanes()))
                .addAllEstimatedWaits(waits(s.estimatedWaits()));
        observed(s.observedWaits()).ifPresent(proto::setObservedWaits);
        if (s.backlogClearTime() != null) {
            proto.setBacklogClearTime(ProtoTimes.timestamp(s.backlogClearTime()));
        }
        s.handling()
                .forEach(h -> proto.addHandling(HandlingEstimate.newBuilder()
                        .setChannel(channel(h.channel()))
                        .setMean(ProtoTimes.duration(h.mean()))
                        .setBasis(HandlingBasis.valueOf("HANDLING_BASIS_" + h.basis()))
                        .setTrucks(h.trucks())
                        .setSource(h.source())));
        s.directions().forEach(d -> proto.addDirections(direction(d)));
        return proto.build();
    }

    private static DirectionStatus direction(CheckpointStatusView.DirectionStatus d) {
        DirectionStatus.Builder proto = DirectionStatus.newBuilder()
                .setDirection(Direction.valueOf("DIRECTION_" + d.direction()))
                .setOperationalStatus(OperationalStatus.valueOf("OPERATIONAL_STATUS_" + d.operationalStatus()))
                .setStatusReason(d.statusReason())
                .addAllWaiting(queueCounts(d.waiting()))
                .setTrucksWaiting(d.trucksWaiting())
                .setTrucksInInspection(d.trucksInInspection())
                .addAllLanes(lanes(d.lanes()))
                .setClearancesLastHour(d.clearancesLastHour())
                .setClearancesLast24H(d.clearancesLast24h())
                .addAllEstimatedWaits(waits(d.estimatedWaits()))
                .setBacklogClearBasis(FigureBasis.valueOf("FIGURE_BASIS_" + d.backlogClearBasis()))
                .setArrivalsPerHour(d.arrivalsPerHour())
                .setClearancesPerOpenHour(d.clearancesPerOpenHour())
                .setCapacityBasis(FigureBasis.valueOf("FIGURE_BASIS_" + d.capacityBasis()));
        observed(d.observedWaits()).ifPresent(proto::setObservedWaits);
        if (d.backlogClearTime() != null) {
            proto.setBacklogClearTime(ProtoTimes.timestamp(d.backlogClearTime()));
        }
        return proto.build();
    }

    private static List<QueueCount> queueCounts(List<CheckpointStatusView.QueueCount> counts) {
        return counts.stream()
                .map(q -> QueueCount.newBuilder()
                        .setLaneKind(LaneKind.valueOf("LANE_KIND_" + q.laneKind()))
                        .setChannel(channel(q.channel()))
                        .setTrucks(q.trucks())
                        .build())
                .toList();
    }

    private static List<LaneAvailability> lanes(List<CheckpointStatusView.Lanes> lanes) {
        return lanes.stream()
                .map(l -> LaneAvailability.newBuilder()
                        .setKind(LaneKind.valueOf("LANE_KIND_" + l.kind()))
                        .setOpen(l.open())
                        .setMaximum(l.maximum())
                        .build())
                .toList();
    }

    private static java.util.Optional<ObservedWaits> observed(CheckpointStatusView.ObservedWaits waits) {
        return java.util.Optional.ofNullable(waits)
                .map(w -> ObservedWaits.newBuilder()
                        .setTrucks(w.trucks())
                        .setMedian(ProtoTimes.duration(w.median()))
                        .setP90(ProtoTimes.duration(w.p90()))
                        .build());
    }

    private static List<ChannelWaitEstimate> waits(List<CheckpointStatusView.WaitEstimate> waits) {
        List<ChannelWaitEstimate> list = new java.util.ArrayList<>();
        for (CheckpointStatusView.WaitEstimate w : waits) {
            ChannelWaitEstimate.Builder estimate = ChannelWaitEstimate.newBuilder()
                    .setChannel(channel(w.channel()))
                    .setBasis(FigureBasis.valueOf("FIGURE_BASIS_" + w.basis()))
                    .setMethod(EstimationMethod.valueOf("ESTIMATION_METHOD_" + w.method()));
            if (w.waitTime() != null) {
                estimate.setWait(ProtoTimes.duration(w.waitTime()));
            }
            if (w.timeToClear() != null) {
                estimate.setTimeToClear(ProtoTimes.duration(w.timeToClear()));
            }
            list.add(estimate.build());
        }
        return list;
    }

    /**
     * A direction's stored name: null when unspecified (both); EXIT or ENTRY; else the number as given, which the
     * domain's check names as the offending value.
     */
    static String directionName(int value) {
        Direction direction = Direction.forNumber(value);
        if (direction == Direction.DIRECTION_UNSPECIFIED) {
            return null;
        }
        return direction == null ? String.valueOf(value) : direction.name().substring("DIRECTION_".length());
    }

    static InspectionChannel channel(String channel) {
        return channel == null
                ? InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED
                : InspectionChannel.valueOf("INSPECTION_CHANNEL_" + channel);
    }

    private static java.util.Optional<Timestamp> time(OffsetDateTime time) {
        return java.util.Optional.ofNullable(time).map(ProtoTimes::timestamp);
    }
}
