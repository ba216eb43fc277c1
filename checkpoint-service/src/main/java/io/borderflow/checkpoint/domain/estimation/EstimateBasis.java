package io.borderflow.checkpoint.domain.estimation;

/** Where the clearance rate behind an estimate comes from. */
public enum EstimateBasis {
    /** Measured: trucks cleared per open hour in a recent window during which the queue never ran empty. */
    OBSERVED,
    /** Computed from open lanes, handling times per channel and the channel mix, capped by the nominal capacity. */
    MODELLED
}
