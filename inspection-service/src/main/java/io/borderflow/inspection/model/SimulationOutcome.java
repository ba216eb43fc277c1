package io.borderflow.inspection.model;

import java.util.List;
import java.util.Map;

/**
 * What one ruleset does to a set of replayed declarations.
 *
 * @param channels declarations per channel name (GREEN, BLUE, YELLOW, RED, REFUSED), every channel, in that order
 * @param checkpoints inspection load per checkpoint id, by id
 */
public record SimulationOutcome(
        long rulesetVersion, Map<String, Long> channels, List<CheckpointLoad> checkpoints, Detection detection) {

    /** Inspection load at one checkpoint, per day. */
    public record CheckpointLoad(
            String checkpointId,
            double declarationsPerDay,
            double inspectionHoursPerDay,
            double physicalInspectionsPerDay) {}

    /** Detection against recorded results. */
    public record Detection(long violationsFound, long stillInspected, long stillPhysicallyInspected) {
        /** stillInspected / violationsFound; 0 when nothing was found. */
        public double rate() {
            return violationsFound == 0 ? 0 : (double) stillInspected / violationsFound;
        }
    }
}
