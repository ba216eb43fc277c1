package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.InspectionChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Crossing conditions from fixed figures: a wait per checkpoint (and queue channel), daily opening hours and planned
 * closures. The nominal fallback of the adapter and the conditions of tests. A checkpoint given no wait is taken to
 * have none. FIFO by construction: the wait does not depend on the arrival, and a later arrival never opens earlier.
 * Immutable; build with {@link #builder()}.
 */
public final class FixedCrossingConditions implements CrossingConditions {
    private static final int MAX_CLOSURE_HOPS = 1_000;

    private final Map<String, Map<InspectionChannel, Duration[]>> waits;
    private final Map<String, List<Instant[]>> closures;
    private final Map<String, DailyHours> hours;
    private final Set<String> closedIndefinitely;
    private final Map<String, Freshness> freshness;
    private final Freshness defaultFreshness;

    private FixedCrossingConditions(Builder builder) {
        waits = Map.copyOf(builder.waits);
        Map<String, List<Instant[]>> sorted = new HashMap<>();
        builder.closures.forEach((checkpoint, windows) -> sorted.put(
                checkpoint,
                windows.stream()
                        .sorted(Comparator.comparing((Instant[] window) -> window[0]))
                        .toList()));
        closures = Map.copyOf(sorted);
        hours = Map.copyOf(builder.hours);
        closedIndefinitely = Set.copyOf(builder.closedIndefinitely);
        freshness = Map.copyOf(builder.freshness);
        defaultFreshness = builder.defaultFreshness;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No waits, no closures, nominal figures. */
    public static FixedCrossingConditions none() {
        return builder().build();
    }

    @Override
    public CrossingOutlook outlook(String checkpointId, Instant arrival, InspectionChannel queueChannel) {
        Freshness figures = freshness.getOrDefault(checkpointId, defaultFreshness);
        if (closedIndefinitely.contains(checkpointId)) {
            return CrossingOutlook.closedIndefinitely(figures);
        }
        Duration[] wait = waits.getOrDefault(checkpointId, Map.of()).get(queueChannel.queue());
        Duration median = wait == null ? Duration.ZERO : wait[0];
        Duration p90 = wait == null ? Duration.ZERO : wait[1];
        Instant opens = opening(checkpointId, arrival);
        return opens.isAfter(arrival)
                ? CrossingOutlook.closedUntil(opens, median, p90, figures)
                : CrossingOutlook.open(median, p90, figures);
    }

    /** The first instant at or after {@code arrival} at which the checkpoint is open. */
    private Instant opening(String checkpointId, Instant arrival) {
        List<Instant[]> windows = closures.getOrDefault(checkpointId, List.of());
        DailyHours daily = hours.get(checkpointId);
        Instant at = arrival;
        for (int hop = 0; hop < MAX_CLOSURE_HOPS; hop++) {
            Instant next = at;
            for (Instant[] window : windows) {
                if (!next.isBefore(window[0]) && next.isBefore(window[1])) {
                    next = window[1];
                }
            }
            if (daily != null) {
                next = daily.nextOpen(next);
            }
            if (next.equals(at)) {
                return at;
            }
            at = next;
        }
        return at;
    }

    /** Open every day from {@code opens} to {@code closes} local time (over midnight when closes is earlier). */
    private record DailyHours(LocalTime opens, LocalTime closes, ZoneId zone) {

        Instant nextOpen(Instant at) {
            ZonedDateTime local = at.atZone(zone);
            LocalTime time = local.toLocalTime();
            boolean open = opens.isBefore(closes)
                    ? !time.isBefore(opens) && time.isBefore(closes)
                    : !time.isBefore(opens) || time.isBefore(closes);
            if (open) {
                return at;
            }
            ZonedDateTime today = local.with(opens);
            return (today.isAfter(local) ? today : local.plusDays(1).with(opens)).toInstant();
        }
    }

    /** Collects the figures; later calls for the same checkpoint and channel replace earlier ones. */
    public static final class Builder {
        private final Map<String, Map<InspectionChannel, Duration[]>> waits = new HashMap<>();
        private final Map<String, List<Instant[]>> closures = new HashMap<>();
        private final Map<String, DailyHours> hours = new HashMap<>();
        private final Set<String> closedIndefinitely = new HashSet<>();
        private final Map<String, Freshness> freshness = new HashMap<>();
        private Freshness defaultFreshness = Freshness.nominal();

        private Builder() {}

        /** The same queue wait for every channel. */
        public Builder wait(String checkpointId, Duration median, Duration p90) {
            for (InspectionChannel channel :
                    List.of(InspectionChannel.GREEN, InspectionChannel.YELLOW, InspectionChannel.RED)) {
                wait(checkpointId, channel, median, p90);
            }
            return this;
        }

        public Builder wait(String checkpointId, InspectionChannel queueChannel, Duration median, Duration p90) {
            if (median.isNegative() || p90.compareTo(median) < 0) {
                throw new IllegalArgumentException("waits must satisfy 0 <= median <= p90");
            }
            waits.computeIfAbsent(checkpointId, id -> new EnumMap<>(InspectionChannel.class))
                    .put(queueChannel.queue(), new Duration[] {median, p90});
            return this;
        }

        /** Closed from {@code from} (inclusive) to {@code until} (exclusive), e.g. a national holiday. */
        public Builder closed(String checkpointId, Instant from, Instant until) {
            if (!from.isBefore(until)) {
                throw new IllegalArgumentException("a closure ends after it starts");
            }
            closures.computeIfAbsent(checkpointId, id -> new ArrayList<>()).add(new Instant[] {from, until});
            return this;
        }

        public Builder openingHours(String checkpointId, LocalTime opens, LocalTime closes, ZoneId zone) {
            if (opens.equals(closes)) {
                throw new IllegalArgumentException("opening and closing times must differ (leave out a 24/7 crossing)");
            }
            hours.put(checkpointId, new DailyHours(opens, closes, Objects.requireNonNull(zone, "zone")));
            return this;
        }

        public Builder closedIndefinitely(String checkpointId) {
            closedIndefinitely.add(checkpointId);
            return this;
        }

        public Builder freshness(String checkpointId, Freshness figures) {
            freshness.put(checkpointId, Objects.requireNonNull(figures, "figures"));
            return this;
        }

        /** Freshness of checkpoints not given one; nominal unless set. */
        public Builder defaultFreshness(Freshness figures) {
            defaultFreshness = Objects.requireNonNull(figures, "figures");
            return this;
        }

        public FixedCrossingConditions build() {
            return new FixedCrossingConditions(this);
        }
    }
}
