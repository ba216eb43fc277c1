package io.borderflow.inspection.domain;

/** Inspection channels in increasing order of control (UNCTAD ASYCUDA selectivity, plus refusal). */
public enum Channel {
    GREEN,
    BLUE,
    YELLOW,
    RED,
    REFUSED;

    public Channel atLeast(Channel floor) {
        return floor != null && floor.ordinal() > ordinal() ? floor : this;
    }
}
