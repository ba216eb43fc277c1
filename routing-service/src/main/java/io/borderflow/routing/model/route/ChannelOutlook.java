package io.borderflow.routing.model.route;

import java.time.Duration;
import java.util.Objects;

/**
 * What one cargo should expect at one crossing: the probability of each {@link InspectionChannel} (summing to 1) and how long
 * the control of each channel takes once the truck reaches the booth. Its expected inspection time is
 * {@code sum over channels of p(channel) * time(channel)}.
 */
public record ChannelOutlook(
        double green,
        double yellow,
        double red,
        double refused,
        Duration greenTime,
        Duration yellowTime,
        Duration redTime,
        Duration refusedTime) {
    private static final double TOLERANCE = 1e-6;

    public ChannelOutlook {
        for (double p : new double[] {green, yellow, red, refused}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("channel probabilities must be in [0, 1]");
            }
        }
        if (Math.abs(green + yellow + red + refused - 1) > TOLERANCE) {
            throw new IllegalArgumentException(
                    "channel probabilities must add up to 1, not " + (green + yellow + red + refused));
        }
        for (Duration time : new Duration[] {greenTime, yellowTime, redTime, refusedTime}) {
            Objects.requireNonNull(time, "inspection time");
            if (time.isNegative()) {
                throw new IllegalArgumentException("inspection times must not be negative");
            }
        }
    }

    /** Released everywhere at once: the outlook of a cargo nobody inspects. */
    public static ChannelOutlook allGreen() {
        return new ChannelOutlook(1, 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public double probability(InspectionChannel channel) {
        switch (channel) {
            case GREEN:
                return green;
            case YELLOW:
                return yellow;
            case RED:
                return red;
            default:
                return refused;
        }
    }

    public Duration inspectionTime(InspectionChannel channel) {
        switch (channel) {
            case GREEN:
                return greenTime;
            case YELLOW:
                return yellowTime;
            case RED:
                return redTime;
            default:
                return refusedTime;
        }
    }

    /** {@code sum of p(channel) * time(channel)}, to the millisecond. */
    public Duration expectedInspection() {
        double millis = 0;
        for (InspectionChannel channel : InspectionChannel.values()) {
            millis += probability(channel) * inspectionTime(channel).toMillis();
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
