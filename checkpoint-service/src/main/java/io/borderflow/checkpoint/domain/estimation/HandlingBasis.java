package io.borderflow.checkpoint.domain.estimation;

import io.borderflow.checkpoint.model.RulesetHandling;

/** Where the handling time of a channel comes from, best first. */
public enum HandlingBasis {
    /**
     * Measured at this checkpoint: the mean time from INSPECTION_STARTED to the end of the visit of the trucks of the
     * channel served in the last day, once there are {@link HandlingFigure#MIN_OBSERVED} of them.
     */
    OBSERVED,
    /** The mean of the expected handling that inspection-service's decisions gave the channel's trucks. */
    DECISIONS,
    /** The active ruleset's figure for the channel, fetched from inspection-service (no truck of it decided). */
    RULESET,
    /** {@link RulesetHandling#FALLBACK}: inspection-service could not be asked. */
    FALLBACK
}
