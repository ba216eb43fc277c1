package io.borderflow.inspection.model;

import java.util.List;

/** The outlook of a hypothetical declaration: channel chances, score, reasons, expected handling. */
public record DeclarationOutlook(
        List<ChannelChance> chances,
        int riskScore,
        List<StoredDecision.DecisionReason> reasons,
        long rulesetVersion,
        long expectedHandlingSeconds) {

    /** One channel's probability and its handling time. */
    public record ChannelChance(String channel, double probability, long expectedHandlingSeconds) {}
}
