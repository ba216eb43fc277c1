package io.borderflow.checkpoint.domain.status;

import io.borderflow.checkpoint.domain.status.StatusCalculator.VisitFacts;
import io.borderflow.checkpoint.model.CheckpointStatusView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a checkpoint's status needs of its visits, counted rather than listed: the visits grouped by state, lane kind
 * and channel, each group with its counts against the status's three windows (the last hour, the clearance
 * observation window of {@value StatusCalculator#OBSERVATION_HOURS} hours and the last day), and the observed waits
 * of the trucks cleared in the last day. The database counts it in one pass over a checkpoint's day of visits
 * ({@code VisitRows.statusTally}), so that a busy checkpoint's status costs a few rows, not tens of thousands;
 * {@link #of} counts it from a list of visits by the same rules, which is what the database's count is tested against.
 *
 * @param groups         one per state, lane kind and channel present (channel null: not known)
 * @param observedWaits  the trucks cleared in the last day after arriving: how many, and their waits' median and 90th
 *                       percentile by nearest rank; null when none
 */
public record VisitTally(List<Group> groups, CheckpointStatusView.ObservedWaits observedWaits) {

    /**
     * The visits of one state, lane kind and channel.
     *
     * @param visits               how many
     * @param arrivedInDay         of them, arrived within the last day
     * @param arrivedByWindowStart whether any arrived at or before the start of the observation window
     * @param endedInWindow        of them, ended within the observation window after arriving
     * @param endedInDay           of them, ended within the last day
     * @param endedInHour          of them, ended within the last hour
     */
    public record Group(String state, String laneKind, String channel, int visits, int arrivedInDay,
            boolean arrivedByWindowStart, int endedInWindow, int endedInDay, int endedInHour) {
    }

    public VisitTally {
        groups = List.copyOf(groups);
    }

    /** The windows of a status computed at {@code now}: each one's start. */
    public record Windows(Instant hourAgo, Instant windowStart, Instant dayAgo) {
        public static Windows at(Instant now) {
            return new Windows(now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(StatusCalculator.OBSERVATION_HOURS)),
                    now.minus(Duration.ofDays(1)));
        }
    }

    /** Counts a list of visits (every visit given counts; the database reads only the ones that can count). */
    public static VisitTally of(List<VisitFacts> visits, Instant now) {
        Windows w = Windows.at(now);
        Map<List<String>, int[]> counts = new LinkedHashMap<>();
        Map<List<String>, Boolean> early = new LinkedHashMap<>();
        List<Duration> waits = new ArrayList<>();
        for (VisitFacts v : visits) {
            List<String> key = Arrays.asList(v.state(), v.laneKind(), v.channel());
            int[] c = counts.computeIfAbsent(key, k -> new int[5]);
            c[0]++;
            c[1] += v.arriveTime() != null && !v.arriveTime().isBefore(w.dayAgo()) ? 1 : 0;
            early.merge(key, v.arriveTime() != null && !v.arriveTime().isAfter(w.windowStart()), Boolean::logicalOr);
            c[2] += v.arriveTime() != null && v.endTime() != null && !v.endTime().isBefore(w.windowStart()) ? 1 : 0;
            c[3] += v.endTime() != null && !v.endTime().isBefore(w.dayAgo()) ? 1 : 0;
            c[4] += v.endTime() != null && !v.endTime().isBefore(w.hourAgo()) ? 1 : 0;
            if (v.state().equals("CLEARED") && v.arriveTime() != null && v.endTime() != null
                    && !v.endTime().isBefore(w.dayAgo())) {
                waits.add(Duration.between(v.arriveTime(), v.endTime()));
            }
        }
        List<Group> groups = new ArrayList<>();
        counts.forEach((key, c) -> groups.add(new Group(key.get(0), key.get(1), key.get(2), c[0], c[1], early.get(key),
                c[2], c[3], c[4])));
        return new VisitTally(groups, observed(waits));
    }

    /** Median and 90th percentile by nearest rank (as PostgreSQL's percentile_disc); null when there is nothing. */
    static CheckpointStatusView.ObservedWaits observed(List<Duration> waits) {
        if (waits.isEmpty()) {
            return null;
        }
        List<Duration> sorted = waits.stream().sorted().toList();
        return new CheckpointStatusView.ObservedWaits(sorted.size(), rank(sorted, 0.5), rank(sorted, 0.9));
    }

    private static Duration rank(List<Duration> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** The groups in a stable order (for comparing two tallies of the same visits). */
    public List<Group> sortedGroups() {
        return groups.stream().sorted(Comparator
                .comparing((Group g) -> g.state())
                .thenComparing(g -> g.laneKind())
                .thenComparing(g -> Objects.toString(g.channel(), ""))).toList();
    }
}
