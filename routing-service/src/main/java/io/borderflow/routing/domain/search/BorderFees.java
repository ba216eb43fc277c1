package io.borderflow.routing.domain.search;

import java.util.Map;

/** Fees paid per border crossing (e-queue booking, parking, sanitary and ecological fees), by checkpoint if known. */
public record BorderFees(double perCrossing, Map<String, Double> byCheckpoint) {

    public BorderFees {
        if (!(perCrossing >= 0) || Double.isInfinite(perCrossing)) {
            throw new IllegalArgumentException("border fees must be finite and not negative");
        }
        byCheckpoint = Map.copyOf(byCheckpoint);
    }

    public double at(String checkpointId) {
        return byCheckpoint.getOrDefault(checkpointId, perCrossing);
    }
}
