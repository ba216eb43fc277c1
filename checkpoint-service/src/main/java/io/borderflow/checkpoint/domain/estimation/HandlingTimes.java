package io.borderflow.checkpoint.domain.estimation;

import io.borderflow.support.calendar.Hours;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long a lane is occupied by one truck of each channel, from the moment its control starts until it is cleared
 * (mean; e.g. GREEN 5 minutes, RED 240). Every channel has a time; a truck still awaiting its decision
 * ({@link InspectionChannel#UNKNOWN}) is by default given YELLOW's, a conservative middle: it needs at least a
 * documentary check, and counting every undecided truck as RED would overstate a queue that is mostly GREEN.
 */
public record HandlingTimes(Map<InspectionChannel, Duration> perChannel) {

    public HandlingTimes {
        EnumMap<InspectionChannel, Duration> copy = new EnumMap<>(InspectionChannel.class);
        copy.putAll(perChannel);
        for (InspectionChannel channel : InspectionChannel.values()) {
            Duration time = copy.get(channel);
            if (time == null || time.isNegative() || time.isZero()) {
                throw new IllegalArgumentException("handling time of " + channel + " must be positive: " + time);
            }
        }
        perChannel = Map.copyOf(copy);
    }

    /** The four decided channels' times; UNKNOWN takes YELLOW's. */
    public static HandlingTimes of(Duration green, Duration blue, Duration yellow, Duration red) {
        return new HandlingTimes(Map.of(
                InspectionChannel.GREEN,
                green,
                InspectionChannel.BLUE,
                blue,
                InspectionChannel.YELLOW,
                yellow,
                InspectionChannel.RED,
                red,
                InspectionChannel.UNKNOWN,
                yellow));
    }

    /** The same times with another one for undecided trucks. */
    public HandlingTimes withUnknown(Duration unknown) {
        EnumMap<InspectionChannel, Duration> copy = new EnumMap<>(perChannel);
        copy.put(InspectionChannel.UNKNOWN, unknown);
        return new HandlingTimes(copy);
    }

    public Duration of(InspectionChannel channel) {
        return perChannel.get(channel);
    }

    /** {@link #of} in hours. */
    public double hours(InspectionChannel channel) {
        return Hours.of(perChannel.get(channel));
    }
}
