package io.borderflow.checkpoint.domain.estimation;

/** The kind of a lane or inspection position; each kind that serves trucks is one queue with its own servers. */
public enum LaneKind {
    /** An ordinary truck lane with a control booth. */
    REGULAR,
    /** A priority ("green") lane for trusted traders, perishables or humanitarian cargo. */
    PRIORITY,
    /** A bay for physical inspection (unloading). */
    INSPECTION_BAY,
    /** An X-ray scanner position. */
    XRAY
}
