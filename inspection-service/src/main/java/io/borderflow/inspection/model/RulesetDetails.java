package io.borderflow.inspection.model;

/**
 * A stored ruleset version: the row, its parsed content, and its state at the time it was read (DRAFT, SCHEDULED,
 * ACTIVE or RETIRED).
 */
public record RulesetDetails(RulesetEntity ruleset, RulesetDataset content, String state) {}
