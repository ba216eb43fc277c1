package io.borderflow.inspection.model;

/**
 * One rule's counts over the decisions of a period, as PostgreSQL sums them: decisions it fired in, those with a
 * result, and results that confirmed it with a finding.
 */
public record RuleTally(String ruleId, long hits, long inspections, long confirmedFindings) {}
