package io.borderflow.inspection.domain;

import java.util.List;

/**
 * One rule as the engine reads it: a condition kind with its parameters, a weight and an optional channel floor.
 *
 * @param values for GOODS_LIST the tiers (empty: any tier); for HS_PREFIX the prefixes; otherwise empty
 */
public record RuleSpec(String ruleId, String description, int weight, Channel minimumChannel, Kind kind, String listId,
        List<String> values) {

    /** What a rule looks at. */
    public enum Kind {
        GOODS_LIST, HS_PREFIX, TRADER_AEO, PARTNER_INSPECTION
    }
}
