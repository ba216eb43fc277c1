package io.borderflow.checkpoint.domain.estimation;

/** The queueing model an estimate was computed with. */
public enum EstimationMethod {
    /**
     * Deterministic fluid model: the trucks ahead are worked off at the clearance rate during open periods only; the
     * wait is when the cumulative open-time capacity reaches the work ahead. Right for an oversaturated crossing, a
     * long queue or a crossing that is closed now.
     */
    FLUID,
    /**
     * Steady-state multi-server queue (Erlang C, M/M/c), corrected for the spread of handling times of the channel
     * mix (Allen-Cunneen). Right for a crossing under capacity whose queue is short.
     */
    ERLANG_C
}
