package io.borderflow.routing.model;

import java.util.List;

/** A leg with its corridors and, when an operator closed it, its closure (null when open). */
public record LegView(LegEntity leg, List<String> corridors, LegClosureEntity closure) {

    public LegView(LegEntity leg, List<String> corridors) {
        this(leg, corridors, null);
    }
}
