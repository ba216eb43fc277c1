package io.borderflow.checkpoint.domain.estimation;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The share of arriving trucks in each channel, normalised to sum to 1 (pass counts or percentages as you like);
 * a channel not listed has share 0. With a share p of RED trucks and the rest GREEN, the mean handling time is
 * p * t_red + (1 - p) * t_green: cutting the red share is how risk targeting clears a backlog.
 */
public record ChannelMix(Map<InspectionChannel, Double> shares) {

    public ChannelMix {
        double total = 0;
        for (Map.Entry<InspectionChannel, Double> entry : shares.entrySet()) {
            double share = entry.getValue();
            if (!(share >= 0) || Double.isInfinite(share)) {
                throw new IllegalArgumentException("share of " + entry.getKey() + " must be finite, >= 0: " + share);
            }
            total += share;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("a channel mix needs a positive share");
        }
        EnumMap<InspectionChannel, Double> normalised = new EnumMap<>(InspectionChannel.class);
        for (Map.Entry<InspectionChannel, Double> entry : shares.entrySet()) {
            normalised.put(entry.getKey(), entry.getValue() / total);
        }
        shares = Map.copyOf(normalised);
    }

    /** Every truck in one channel. */
    public static ChannelMix only(InspectionChannel channel) {
        return new ChannelMix(Map.of(channel, 1.0));
    }

    public double share(InspectionChannel channel) {
        return shares.getOrDefault(channel, 0.0);
    }

    /** The total share of {@code channels}. */
    public double shareOf(Set<InspectionChannel> channels) {
        return channels.stream().mapToDouble(this::share).sum();
    }

    /**
     * Mean handling time in hours of a truck among {@code channels}, weighted by their shares; the plain average of
     * their times when none of them has a share.
     */
    public double meanHandlingHours(HandlingTimes handling, Set<InspectionChannel> channels) {
        return moment(handling, channels, 1);
    }

    /**
     * Mean of the squared handling time (hours squared) among {@code channels}, taking each channel's time as
     * exponential about its mean (second moment 2 t^2); with {@link #meanHandlingHours} it gives the spread of the
     * mix: squared coefficient of variation = second moment / mean^2 - 1.
     */
    public double handlingSecondMoment(HandlingTimes handling, Set<InspectionChannel> channels) {
        return 2 * moment(handling, channels, 2);
    }

    private double moment(HandlingTimes handling, Set<InspectionChannel> channels, int power) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("no channels");
        }
        double weight = shareOf(channels);
        double sum = 0;
        for (InspectionChannel channel : channels) {
            double share = weight > 0 ? share(channel) / weight : 1.0 / channels.size();
            sum += share * Math.pow(handling.hours(channel), power);
        }
        return sum;
    }
}
