package io.borderflow.checkpoint.domain.estimation;

import io.borderflow.checkpoint.model.RulesetHandling;
import java.time.Duration;
import java.util.Objects;

/**
 * The handling time the estimates use for one channel, and what it rests on.
 *
 * @param trucks how many trucks the figure is the mean of (0 for RULESET and FALLBACK)
 */
public record HandlingFigure(InspectionChannel channel, Duration mean, HandlingBasis basis, int trucks) {
    /**
     * Observed lane occupancies needed before they are preferred to the decisions' figures: 30, so that the mean of
     * handling times as spread as exponential ones (coefficient of variation 1) has a relative standard error of about
     * 1/sqrt(30), 18 %.
     */
    public static final int MIN_OBSERVED = 30;

    public HandlingFigure {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(basis, "basis");
        if (mean.isNegative() || mean.isZero()) {
            throw new IllegalArgumentException("handling of " + channel + " must be positive: " + mean);
        }
    }

    /**
     * The best figure for a channel: OBSERVED from {@link #MIN_OBSERVED} occupancies, else DECISIONS when any truck
     * of it was decided, else the ruleset's (or the fallback's) assumption.
     *
     * @param occupancies trucks of the channel whose lane occupancy was observed, and their total seconds
     * @param decided trucks of the channel with a decision's expected handling, and their total seconds
     */
    public static HandlingFigure choose(
            InspectionChannel channel,
            int occupancies,
            double occupancySeconds,
            int decided,
            long decidedSeconds,
            RulesetHandling ruleset) {
        if (occupancies >= MIN_OBSERVED && occupancySeconds > 0) {
            return new HandlingFigure(
                    channel,
                    Duration.ofMillis(Math.round(occupancySeconds * 1000 / occupancies)),
                    HandlingBasis.OBSERVED,
                    occupancies);
        }
        if (decided > 0 && decidedSeconds > 0) {
            return new HandlingFigure(
                    channel,
                    Duration.ofMillis(Math.round(decidedSeconds * 1000.0 / decided)),
                    HandlingBasis.DECISIONS,
                    decided);
        }
        return new HandlingFigure(
                channel,
                ruleset.assumed(channel == InspectionChannel.UNKNOWN ? null : channel.name()),
                ruleset.fallback() ? HandlingBasis.FALLBACK : HandlingBasis.RULESET,
                0);
    }
}
