package io.borderflow.inspection.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per rule: hits, inspected hits, confirmed findings and hit rate, from decisions and their recorded results. A rule
 * is hit once for each decision that gives it as a reason; the hit is inspected when the decision has a result (the
 * one that prevails); and it is a confirmed finding when that result's outcome is not {@link #NO_FINDING} and it
 * names the rule. The hit rate is confirmed findings over inspections, 0 with none.
 * <p>
 * {@link #compute} is the definition over decisions in memory; the service counts the same in PostgreSQL
 * ({@code DecisionRepository.ruleTallies}, a row per rule whatever the period) and takes the rates from
 * {@link #of}.
 */
public final class RulePerformanceCalculator {
    public static final String NO_FINDING = "NO_FINDING";

    private RulePerformanceCalculator() {}

    /** A decision as the calculation sees it: the rules that fired, and its result (null when not inspected). */
    public record DecidedCase(List<String> firedRules, Result result) {}

    /** A recorded result: its outcome and the rules it confirmed. */
    public record Result(String outcome, Set<String> confirmedRules) {}

    /** One rule's figures. */
    public record Performance(String ruleId, long hits, long inspections, long confirmedFindings, double hitRate) {}

    public static List<Performance> compute(List<DecidedCase> cases) {
        Map<String, long[]> counts = new TreeMap<>();
        for (DecidedCase decided : cases) {
            for (String rule : decided.firedRules()) {
                long[] c = counts.computeIfAbsent(rule, r -> new long[3]);
                c[0]++;
                if (decided.result() != null) {
                    c[1]++;
                    if (!NO_FINDING.equals(decided.result().outcome())
                            && decided.result().confirmedRules().contains(rule)) {
                        c[2]++;
                    }
                }
            }
        }
        return counts.entrySet().stream()
                .map(e -> of(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
    }

    /** One rule's figures from its counts. */
    public static Performance of(String ruleId, long hits, long inspections, long confirmedFindings) {
        return new Performance(
                ruleId,
                hits,
                inspections,
                confirmedFindings,
                inspections == 0 ? 0 : confirmedFindings / (double) inspections);
    }
}
