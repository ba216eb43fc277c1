package io.borderflow.checkpoint.domain.status;

import io.borderflow.checkpoint.domain.status.StatusCalculator.VisitFacts;
import io.borderflow.checkpoint.model.CheckpointStatusView;
import io.borderflow.checkpoint.model.VisitTally;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of a {@link VisitTally}: the windows a status counts in, and the count of a list of visits in plain Java
 * (the database counts the same way in {@code VisitRows.statusTally}, and is tested against this).
 */
public final class VisitTallies {
    private VisitTallies() {}

    /** The windows of a status computed at {@code now}: the last hour, the observation window, the last day. */
    public static VisitTally.Windows windows(Instant now) {
        return new VisitTally.Windows(
                now.minus(Duration.ofHours(1)),
                now.minus(Duration.ofHours(StatusCalculator.OBSERVATION_HOURS)),
                now.minus(Duration.ofDays(1)));
    }

    /** Counts a list of visits (every visit given counts; the database reads only the ones that can count). */
    public static VisitTally of(List<VisitFacts> visits, Instant now) {
        VisitTally.Windows w = windows(now);
        Map<List<String>, long[]> counts = new LinkedHashMap<>();
        Map<List<String>, Boolean> early = new LinkedHashMap<>();
        List<Duration> waits = new ArrayList<>();
        Map<String, List<Duration>> waitsByDirection = new LinkedHashMap<>();
        for (VisitFacts v : visits) {
            List<String> key = Arrays.asList(v.state(), v.laneKind(), v.channel(), v.direction());
            long[] c = counts.computeIfAbsent(key, k -> new long[9]);
            c[0]++;
            c[1] += v.arriveTime() != null && !v.arriveTime().isBefore(w.dayAgo()) ? 1 : 0;
            early.merge(key, v.arriveTime() != null && !v.arriveTime().isAfter(w.windowStart()), Boolean::logicalOr);
            c[2] += v.arriveTime() != null
                            && v.endTime() != null
                            && !v.endTime().isBefore(w.windowStart())
                    ? 1
                    : 0;
            c[3] += v.endTime() != null && !v.endTime().isBefore(w.dayAgo()) ? 1 : 0;
            c[4] += v.endTime() != null && !v.endTime().isBefore(w.hourAgo()) ? 1 : 0;
            if (v.expectedHandlingSeconds() != null) {
                c[5]++;
                c[6] += v.expectedHandlingSeconds();
            }
            if (v.inspectionStartTime() != null
                    && v.endTime() != null
                    && !v.inspectionStartTime().isBefore(w.dayAgo())) {
                c[7]++;
                c[8] += Duration.between(v.inspectionStartTime(), v.endTime()).toNanos() / 1000;
            }
            if (v.state().equals("CLEARED")
                    && v.arriveTime() != null
                    && v.endTime() != null
                    && !v.endTime().isBefore(w.dayAgo())) {
                waits.add(Duration.between(v.arriveTime(), v.endTime()));
                waitsByDirection
                        .computeIfAbsent(v.direction(), d -> new ArrayList<>())
                        .add(Duration.between(v.arriveTime(), v.endTime()));
            }
        }
        List<VisitTally.Group> groups = new ArrayList<>();
        counts.forEach((key, c) -> groups.add(new VisitTally.Group(
                key.get(0),
                key.get(1),
                key.get(2),
                key.get(3),
                (int) c[0],
                (int) c[1],
                early.get(key),
                (int) c[2],
                (int) c[3],
                (int) c[4],
                (int) c[5],
                c[6],
                (int) c[7],
                c[8])));
        Map<String, CheckpointStatusView.ObservedWaits> byDirection = new LinkedHashMap<>();
        waitsByDirection.forEach((direction, list) -> byDirection.put(direction, observed(list)));
        return new VisitTally(groups, observed(waits), byDirection);
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
}
