package io.borderflow.routing.model.route;

/**
 * The outcomes of a cargo's customs control at a crossing, as the route search weighs them (ASYCUDA selectivity plus
 * refusal; BLUE, released now and audited later, counts as GREEN for time).
 */
public enum InspectionChannel {
    /** Released without inspection. */
    GREEN,
    /** Documentary check. */
    YELLOW,
    /** Physical inspection (X-ray, unloading). */
    RED,
    /** Entry refused or the truck redirected: the trip fails at this crossing. */
    REFUSED;

    /**
     * The queue a truck of this outcome waits in: a refusal follows a physical inspection, so a REFUSED truck queues
     * as a RED one.
     */
    public InspectionChannel queue() {
        return this == REFUSED ? RED : this;
    }
}
