package io.borderflow.checkpoint.grpc;

import io.borderflow.api.checkpoint.v1.Closure;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.LaneKind;
import io.borderflow.api.checkpoint.v1.LaneSetting;
import io.borderflow.checkpoint.model.ClosureEntity;
import io.borderflow.checkpoint.service.CheckpointOperationsApplicationService.LaneState;
import io.borderflow.support.grpc.ProtoTimes;

/** Maps lane settings and closures to the v1 proto messages. */
final class OperationsProtoMapper {
    private OperationsProtoMapper() {}

    static LaneSetting lanes(LaneState state) {
        LaneSetting.Builder proto = LaneSetting.newBuilder()
                .setKind(LaneKind.valueOf("LANE_KIND_" + state.kind()))
                .setOpen(state.open())
                .setMaximum(state.maximum());
        if (state.lastChange() != null) {
            proto.setReason(state.lastChange().reason)
                    .setUpdatedBy(state.lastChange().updatedBy)
                    .setUpdateTime(ProtoTimes.timestamp(state.lastChange().updateTime));
        }
        return proto.build();
    }

    static Closure closure(ClosureEntity c) {
        Closure.Builder proto = Closure.newBuilder()
                .setName("checkpoints/" + c.checkpointId + "/closures/" + c.id)
                .setStartTime(ProtoTimes.timestamp(c.startTime))
                .setEndTime(ProtoTimes.timestamp(c.endTime))
                .setReason(c.reason)
                .setCreatedBy(c.createdBy)
                .setCreateTime(ProtoTimes.timestamp(c.createTime));
        if (c.cancelTime != null) {
            proto.setCancelTime(ProtoTimes.timestamp(c.cancelTime));
        }
        if (c.direction != null) {
            proto.setDirection(Direction.valueOf("DIRECTION_" + c.direction));
        }
        return proto.build();
    }
}
