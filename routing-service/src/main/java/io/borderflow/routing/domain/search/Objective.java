package io.borderflow.routing.domain.search;

import java.util.Objects;

/**
 * What makes one route better than another for the caller: the fastest (median time), the cheapest (total cost), the
 * least risky (probability of refusal or redirect), or a weighted balance of the three. Weights only matter for
 * WEIGHTED; each criterion is scaled to [0, 1] across the alternatives found before weighting.
 */
public record Objective(Kind kind, double timeWeight, double costWeight, double riskWeight) {

    public enum Kind {
        FASTEST,
        CHEAPEST,
        LEAST_RISK,
        WEIGHTED
    }

    public Objective {
        Objects.requireNonNull(kind, "kind");
        for (double weight : new double[] {timeWeight, costWeight, riskWeight}) {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new InvalidRouteQueryException(
                        "INVALID_OBJECTIVE_WEIGHTS", "objective.weights", "weights must be finite and not negative");
            }
        }
        if (kind == Kind.WEIGHTED && timeWeight + costWeight + riskWeight <= 0) {
            throw new InvalidRouteQueryException(
                    "INVALID_OBJECTIVE_WEIGHTS",
                    "objective.weights",
                    "a weighted objective needs at least one positive weight");
        }
    }

    public static Objective fastest() {
        return new Objective(Kind.FASTEST, 1, 0, 0);
    }

    public static Objective cheapest() {
        return new Objective(Kind.CHEAPEST, 0, 1, 0);
    }

    public static Objective leastRisk() {
        return new Objective(Kind.LEAST_RISK, 0, 0, 1);
    }

    public static Objective weighted(double time, double cost, double risk) {
        return new Objective(Kind.WEIGHTED, time, cost, risk);
    }
}
