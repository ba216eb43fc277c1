package io.borderflow.inspection.model;

import io.borderflow.support.reference.ProvenanceData;
import io.borderflow.support.reference.SourceData;
import java.util.List;
import java.util.Map;

/** A ruleset seed file such as {@code reference/ruleset-v1.json}, as written (snake_case keys). */
public record RulesetDataset(String dataset, Long version, String displayName, String description,
        ThresholdsData thresholds, Double randomSampleRate, String randomSampleBasis, Map<String, SourceData> sources,
        List<GoodsListData> goodsLists, List<RuleData> rules) {

    public record ThresholdsData(Integer yellowFromScore, Integer redFromScore) {
    }

    public record GoodsListData(String listId, String displayName, String version, ProvenanceData provenance,
            List<TierData> tiers) {
    }

    public record TierData(String tier, String description, List<String> hsCodes, String verification) {
    }

    public record RuleData(String ruleId, String description, Integer weight, String minimumChannel,
            ConditionData condition) {
    }

    /** Exactly one member is set. */
    public record ConditionData(GoodsListConditionData goodsList, HsPrefixConditionData hsPrefix, Marker traderAeo,
            Marker partnerInspection) {
    }

    public record GoodsListConditionData(String listId, List<String> tiers) {
    }

    public record HsPrefixConditionData(List<String> prefixes) {
    }

    /** A condition without parameters, written {@code {}}. */
    public record Marker() {
    }
}
