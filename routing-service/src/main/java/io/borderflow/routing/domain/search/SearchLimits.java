package io.borderflow.routing.domain.search;

import java.time.Duration;

/**
 * Bounds that keep one search to a few milliseconds on the corridor network, and the pruning of near-duplicates.
 * <ul>
 * <li>{@code maxLabelsPerPlace}: non-dominated partial routes kept per place (and entry country at a crossing); when
 * full, the worst by the objective's main criterion goes.</li>
 * <li>{@code maxDestinationLabels}: complete routes kept in the Pareto set.</li>
 * <li>{@code maxLabels}: partial routes created before the search stops (then reported as truncated).</li>
 * <li>{@code maxLegs}, {@code horizon}: no route longer than this many legs or arriving later than this after the
 * departure.</li>
 * <li>{@code timeEpsilon}, {@code costEpsilon}, {@code riskEpsilon}: a partial route is dropped when another is no
 * worse than it by more than these on every criterion (epsilon dominance), so near-equal ones do not multiply.</li>
 * <li>{@code nearDuplicateShare}: two routes crossing the same checkpoints and sharing more than this share of the
 * longer one's distance are near-duplicates; the one ranked lower goes.</li>
 * </ul>
 */
public record SearchLimits(
        int maxLabelsPerPlace,
        int maxDestinationLabels,
        int maxLabels,
        int maxLegs,
        Duration horizon,
        Duration timeEpsilon,
        double costEpsilon,
        double riskEpsilon,
        double nearDuplicateShare) {

    public SearchLimits {
        if (maxLabelsPerPlace < 1 || maxDestinationLabels < 1 || maxLabels < 1 || maxLegs < 1) {
            throw new IllegalArgumentException("label and leg limits must be positive");
        }
        if (horizon.isNegative()
                || horizon.isZero()
                || timeEpsilon.isNegative()
                || costEpsilon < 0
                || riskEpsilon < 0) {
            throw new IllegalArgumentException("horizon must be positive, epsilons not negative");
        }
        if (!(nearDuplicateShare > 0 && nearDuplicateShare <= 1)) {
            throw new IllegalArgumentException("near-duplicate share must be in (0, 1]");
        }
    }

    /**
     * 8 labels per place, 24 complete routes, 20,000 labels, 40 legs, 60 days; epsilons of 15 minutes, 5 units of
     * money and 0.05 percentage points of risk; near-duplicates above 80% shared distance.
     */
    public static SearchLimits standard() {
        return new SearchLimits(8, 24, 20_000, 40, Duration.ofDays(60), Duration.ofMinutes(15), 5, 0.0005, 0.8);
    }

    public SearchLimits withNearDuplicateShare(double share) {
        return new SearchLimits(
                maxLabelsPerPlace,
                maxDestinationLabels,
                maxLabels,
                maxLegs,
                horizon,
                timeEpsilon,
                costEpsilon,
                riskEpsilon,
                share);
    }

    public SearchLimits withMaxLabels(int max) {
        return new SearchLimits(
                maxLabelsPerPlace,
                maxDestinationLabels,
                max,
                maxLegs,
                horizon,
                timeEpsilon,
                costEpsilon,
                riskEpsilon,
                nearDuplicateShare);
    }
}
