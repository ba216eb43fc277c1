package io.borderflow.routing.model;

import java.util.List;

/** A leg with its corridors. */
public record LegView(LegEntity leg, List<String> corridors) {
}
