package io.borderflow.inspection.domain;

/** Inspection channels in increasing order of control (UNCTAD ASYCUDA selectivity, plus refusal). */
public enum InspectionChannel {
    GREEN,
    BLUE,
    YELLOW,
    RED,
    REFUSED;

    public InspectionChannel atLeast(InspectionChannel floor) {
        return floor != null && floor.ordinal() > ordinal() ? floor : this;
    }
}
