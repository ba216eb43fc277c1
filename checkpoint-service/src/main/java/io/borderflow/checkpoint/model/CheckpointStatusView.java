package io.borderflow.checkpoint.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The live status of a checkpoint as computed: names of enum values without prefix (channel null: not known).
 *
 * @param operationalStatus OPEN, CONGESTED, RESTRICTED or CLOSED
 * @param backlogClearTime null when the queue does not clear within a year at the current rates
 * @param observedWaits null when no truck was cleared in the last 24 hours
 * @param estimatedWaits the direction a truck waits longer in (deprecated in the API: see {@code directions})
 * @param backlogClearTime the later of the two directions'
 * @param directions EXIT, then ENTRY: each direction's own queue
 */
public record CheckpointStatusView(
        String checkpointId,
        String operationalStatus,
        String statusReason,
        List<QueueCount> waiting,
        int trucksWaiting,
        int trucksInInspection,
        List<Lanes> lanes,
        int clearancesLastHour,
        int clearancesLast24h,
        ObservedWaits observedWaits,
        List<WaitEstimate> estimatedWaits,
        Instant backlogClearTime,
        String backlogClearBasis,
        double arrivalsPerHour,
        double clearancesPerOpenHour,
        String capacityBasis,
        List<Handling> handling,
        List<DirectionStatus> directions,
        Instant updateTime) {

    /**
     * One direction's queue: the same figures as the checkpoint's, for the trucks travelling that way only.
     *
     * @param direction EXIT or ENTRY
     * @param observedWaits null when no truck was cleared in this direction in the last 24 hours
     * @param backlogClearTime null when its queue does not clear within a year at the current rates
     */
    public record DirectionStatus(
            String direction,
            String operationalStatus,
            String statusReason,
            List<QueueCount> waiting,
            int trucksWaiting,
            int trucksInInspection,
            List<Lanes> lanes,
            int clearancesLastHour,
            int clearancesLast24h,
            ObservedWaits observedWaits,
            List<WaitEstimate> estimatedWaits,
            Instant backlogClearTime,
            String backlogClearBasis,
            double arrivalsPerHour,
            double clearancesPerOpenHour,
            String capacityBasis) {}

    public record QueueCount(String laneKind, String channel, int trucks) {}

    public record Lanes(String kind, int open, int maximum) {}

    public record ObservedWaits(int trucks, Duration median, Duration p90) {}

    /**
     * The handling time the estimates use for a channel (null: an undecided truck).
     *
     * @param basis OBSERVED, DECISIONS, RULESET or FALLBACK
     * @param trucks how many trucks the mean is of; 0 for RULESET and FALLBACK
     * @param source for RULESET and FALLBACK, where the figure comes from; else empty
     */
    public record Handling(String channel, Duration mean, String basis, int trucks, String source) {}

    /** {@code waitTime} and {@code timeToClear} null when it would not be served within a year. */
    public record WaitEstimate(String channel, Duration waitTime, Duration timeToClear, String basis, String method) {}
}
