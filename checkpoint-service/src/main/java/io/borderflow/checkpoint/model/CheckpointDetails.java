package io.borderflow.checkpoint.model;

import io.borderflow.support.reference.SourceEntity;
import java.util.List;
import java.util.Map;

/** A checkpoint with everything a reader sees: its lanes on both sides, its hours and the sources its figures cite. */
public record CheckpointDetails(
        CheckpointEntity checkpoint,
        List<LaneGroupEntity> lanes,
        List<OpeningHoursEntity> openingHours,
        Map<String, SourceEntity> sources) {}
