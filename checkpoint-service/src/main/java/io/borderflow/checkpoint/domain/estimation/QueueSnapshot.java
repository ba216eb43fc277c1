package io.borderflow.checkpoint.domain.estimation;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The queue at one instant: trucks waiting (arrived, not yet called to a lane) by channel, the expected arrival
 * rate in trucks per hour around the clock (closed or not) with its channel mix, and recent clearances to calibrate
 * the clearance rate from.
 */
public record QueueSnapshot(
        Instant at,
        Map<InspectionChannel, Integer> trucksAhead,
        double arrivalsPerHour,
        ChannelMix arrivalMix,
        List<ClearanceObservation> recentClearances) {

    public QueueSnapshot {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(arrivalMix, "arrivalMix");
        EnumMap<InspectionChannel, Integer> copy = new EnumMap<>(InspectionChannel.class);
        copy.putAll(trucksAhead);
        copy.forEach((channel, trucks) -> {
            if (trucks == null || trucks < 0) {
                throw new IllegalArgumentException("trucks ahead in " + channel + " must not be negative: " + trucks);
            }
        });
        trucksAhead = Map.copyOf(copy);
        if (!(arrivalsPerHour >= 0) || Double.isInfinite(arrivalsPerHour)) {
            throw new IllegalArgumentException("arrivals must be finite and not negative: " + arrivalsPerHour);
        }
        recentClearances = List.copyOf(recentClearances);
    }

    /** A snapshot without observed clearances. */
    public static QueueSnapshot of(
            Instant at, Map<InspectionChannel, Integer> trucksAhead, double arrivalsPerHour, ChannelMix arrivalMix) {
        return new QueueSnapshot(at, trucksAhead, arrivalsPerHour, arrivalMix, List.of());
    }

    /** The same snapshot with these recent clearances. */
    public QueueSnapshot withRecentClearances(List<ClearanceObservation> clearances) {
        return new QueueSnapshot(at, trucksAhead, arrivalsPerHour, arrivalMix, clearances);
    }

    public int trucksAhead(InspectionChannel channel) {
        return trucksAhead.getOrDefault(channel, 0);
    }
}
