package io.borderflow.checkpoint.model;

import java.util.List;

/**
 * What border posts changed about a checkpoint: lane settings (kinds without one are all open), closures that have not
 * ended (cancelled ones included), and the capacity setting (null: the reference figure).
 */
public record CheckpointOperations(
        List<LaneSettingEntity> lanes, List<ClosureEntity> closures, CapacitySettingEntity capacity) {}
