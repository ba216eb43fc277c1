package io.borderflow.checkpoint.domain.estimation;

/**
 * The customs channel a truck's declaration was given (UNCTAD ASYCUDA selectivity), which sets how long its control
 * takes; {@link #UNKNOWN} while the truck awaits its decision.
 */
public enum InspectionChannel {
    /** Released without inspection. */
    GREEN,
    /** Released now, audited later. */
    BLUE,
    /** Documentary check. */
    YELLOW,
    /** Physical inspection (X-ray, unloading). */
    RED,
    /** No decision yet; estimated with a conservative handling time (see {@link HandlingTimes}). */
    UNKNOWN
}
