package io.borderflow.inspection.model;

import io.borderflow.support.reference.SourceEntity;
import java.util.List;
import java.util.Map;

/** A ruleset version with its rules (in order), its goods lists and their tiers, and the sources they cite. */
public record RulesetDetails(RulesetEntity ruleset, List<RiskRuleEntity> rules, List<GoodsListEntity> goodsLists,
        List<GoodsListTierEntity> tiers, Map<String, SourceEntity> sources) {
}
