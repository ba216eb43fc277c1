package io.borderflow.checkpoint.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint's status needs of its visits, counted rather than listed: the visits grouped by state, lane kind
 * channel and direction, each group with its counts against the status's three windows (the last hour, the clearance
 * observation window and the last day), and the observed waits of the trucks cleared in the last day. The database
 * counts it in one pass over a checkpoint's day of visits ({@code VisitRows.statusTally}), so that a busy checkpoint's
 * status costs a few rows, not tens of thousands; {@code VisitTallies.of} counts it from a list of visits by the same
 * rules, which is what the database's count is tested against.
 *
 * @param groups         one per state, lane kind and channel present (channel null: not known)
 * @param observedWaits  the trucks cleared in the last day after arriving: how many, and their waits' median and 90th
 *                       percentile by nearest rank; null when none
 * @param observedWaitsByDirection the same per direction (EXIT, ENTRY); a direction with none cleared is absent
 */
public record VisitTally(
        List<Group> groups,
        CheckpointStatusView.ObservedWaits observedWaits,
        Map<String, CheckpointStatusView.ObservedWaits> observedWaitsByDirection) {

    /**
     * The visits of one state, lane kind, channel and direction.
     *
     * @param direction            EXIT or ENTRY
     * @param visits               how many
     * @param arrivedInDay         of them, arrived within the last day
     * @param arrivedByWindowStart whether any arrived at or before the start of the observation window
     * @param endedInWindow        of them, ended within the observation window after arriving
     * @param endedInDay           of them, ended within the last day
     * @param endedInHour          of them, ended within the last hour
     * @param decided              of them, with an expected handling from their decision
     * @param decidedSeconds       the sum of those expected handlings, in seconds
     * @param occupancies          of them, ended within the last day after their inspection started there
     * @param occupancyMicros      the sum of those lane occupancies (inspection start to end), in microseconds (the
     *                             timestamps' precision, so the database's sum is exact)
     */
    public record Group(
            String state,
            String laneKind,
            String channel,
            String direction,
            int visits,
            int arrivedInDay,
            boolean arrivedByWindowStart,
            int endedInWindow,
            int endedInDay,
            int endedInHour,
            int decided,
            long decidedSeconds,
            int occupancies,
            long occupancyMicros) {}

    /** The start of each window a status counts in (each window runs to the status's time). */
    public record Windows(Instant hourAgo, Instant windowStart, Instant dayAgo) {}

    public VisitTally {
        groups = List.copyOf(groups);
        observedWaitsByDirection = Map.copyOf(observedWaitsByDirection);
    }

    /** The observed waits of one direction; null when none was cleared in it. */
    public CheckpointStatusView.ObservedWaits observedWaits(String direction) {
        return observedWaitsByDirection.get(direction);
    }
}
