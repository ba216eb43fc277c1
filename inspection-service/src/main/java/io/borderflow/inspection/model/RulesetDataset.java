package io.borderflow.inspection.model;

import io.borderflow.support.reference.ProvenanceData;
import io.borderflow.support.reference.SourceData;
import java.util.List;
import java.util.Map;

/**
 * The content of a ruleset version as written in a seed file such as {@code reference/ruleset-v2.json} (snake_case
 * keys), and as stored: a version's content never changes once stored, so it is kept whole as this JSON document.
 * Drafts made through the API are turned into the same shape.
 */
public record RulesetDataset(
        String dataset,
        Long version,
        String displayName,
        String description,
        ThresholdsData thresholds,
        Double randomSampleRate,
        String randomSampleBasis,
        HandlingData handlingMinutes,
        Map<String, SourceData> sources,
        List<GoodsListData> goodsLists,
        List<RuleData> rules) {

    public record ThresholdsData(Integer yellowFromScore, Integer redFromScore) {}

    /** Expected handling minutes per channel and the basis of the figures; absent: {@link #DEFAULTS}. */
    public record HandlingData(
            Integer green,
            Integer blue,
            Integer yellow,
            Integer redXray,
            Integer redUnloading,
            Integer refused,
            String basis) {
        /** The handling times of a ruleset that names none. */
        public static final HandlingData DEFAULTS = new HandlingData(
                5,
                5,
                120,
                45,
                240,
                30,
                "defaults: GREEN and BLUE 5 min (booth check only); YELLOW 2 h (documentary control reported at up to"
                        + " 4 h in Kazakhstan); RED by X-ray 45 min, by unloading 4 h; REFUSED 30 min; all estimates");
    }

    public record GoodsListData(
            String listId, String displayName, String version, ProvenanceData provenance, List<TierData> tiers) {}

    public record TierData(String tier, String description, List<String> hsCodes, String verification) {}

    public record RuleData(
            String ruleId,
            String description,
            Integer weight,
            String minimumChannel,
            ConditionData condition,
            List<ConditionData> alsoRequires) {}

    /** Exactly one member is set. */
    public record ConditionData(
            GoodsListConditionData goodsList,
            HsPrefixConditionData hsPrefix,
            Marker traderAeo,
            PartnerInspectionConditionData partnerInspection,
            CountryConditionData country,
            BrandConditionData brand,
            PartyScreeningConditionData partyScreening,
            ValueAnomalyConditionData valueAnomaly,
            Marker firstTimeTrader) {}

    public record GoodsListConditionData(String listId, List<String> tiers) {}

    public record HsPrefixConditionData(List<String> prefixes) {}

    public record PartnerInspectionConditionData(List<String> administrationCountryCodes) {}

    /** {@code role}: ORIGIN, TRANSIT or DESTINATION. */
    public record CountryConditionData(String role, List<String> countryCodes) {}

    public record BrandConditionData(List<String> brands) {}

    public record PartyScreeningConditionData(Double minSimilarity, List<WatchedPartyData> parties) {}

    public record WatchedPartyData(String name, List<String> aliases, String note) {}

    public record ValueAnomalyConditionData(
            Double maxRatio, List<ReferenceValueData> references, Map<String, Double> usdRates) {}

    public record ReferenceValueData(String hsPrefix, Double usdPerKg, String basis) {}

    /** A condition without parameters, written {@code {}}. */
    public record Marker() {}
}
