package io.borderflow.inspection.model;

/** How one rule performed over a period: hits, inspected hits, confirmed findings, hit rate. */
public record RulePerformance(String ruleId, long hits, long inspections, long confirmedFindings, double hitRate) {}
