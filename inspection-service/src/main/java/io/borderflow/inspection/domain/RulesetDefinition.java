package io.borderflow.inspection.domain;

import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.RulesetDataset.ConditionData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles a ruleset's content, as stored, into the engine that applies it. */
public final class RulesetDefinition {
    private RulesetDefinition() {}

    /** The engine for a ruleset's content, which must have passed {@link RulesetDatasetCheck}. */
    public static RiskEngine engine(long version, RulesetDataset data) {
        List<RuleSpec> rules = new ArrayList<>();
        for (RulesetDataset.RuleData rule : data.rules()) {
            List<RuleSpec.Condition> also = rule.alsoRequires() == null
                    ? List.of()
                    : rule.alsoRequires().stream()
                            .map(RulesetDefinition::condition)
                            .toList();
            rules.add(new RuleSpec(
                    rule.ruleId(),
                    rule.description(),
                    rule.weight(),
                    rule.minimumChannel() == null ? null : InspectionChannel.valueOf(rule.minimumChannel()),
                    condition(rule.condition()),
                    also));
        }
        Map<String, Map<String, List<String>>> lists = new HashMap<>();
        for (RulesetDataset.GoodsListData list :
                data.goodsLists() == null ? List.<RulesetDataset.GoodsListData>of() : data.goodsLists()) {
            Map<String, List<String>> tiers = new HashMap<>();
            list.tiers().forEach(tier -> tiers.put(tier.tier(), tier.hsCodes()));
            lists.put(list.listId(), tiers);
        }
        return new RiskEngine(
                version,
                data.thresholds().yellowFromScore(),
                data.thresholds().redFromScore(),
                data.randomSampleRate(),
                handling(data.handlingMinutes()),
                rules,
                lists);
    }

    /** The handling times a ruleset names, or the defaults. */
    public static HandlingTimes handling(RulesetDataset.HandlingData handling) {
        RulesetDataset.HandlingData minutes = handling == null ? RulesetDataset.HandlingData.DEFAULTS : handling;
        return new HandlingTimes(
                Duration.ofMinutes(minutes.green()),
                Duration.ofMinutes(minutes.blue()),
                Duration.ofMinutes(minutes.yellow()),
                Duration.ofMinutes(minutes.redXray()),
                Duration.ofMinutes(minutes.redUnloading()),
                Duration.ofMinutes(minutes.refused()));
    }

    private static RuleSpec.Condition condition(ConditionData c) {
        if (c.goodsList() != null) {
            return new RuleSpec.GoodsList(
                    c.goodsList().listId(), orEmpty(c.goodsList().tiers()));
        }
        if (c.hsPrefix() != null) {
            return new RuleSpec.HsPrefix(List.copyOf(c.hsPrefix().prefixes()));
        }
        if (c.traderAeo() != null) {
            return new RuleSpec.TraderAeo();
        }
        if (c.partnerInspection() != null) {
            return new RuleSpec.PartnerInspection(
                    Set.copyOf(orEmpty(c.partnerInspection().administrationCountryCodes())));
        }
        if (c.country() != null) {
            return new RuleSpec.Country(
                    RuleSpec.CountryRole.valueOf(c.country().role()),
                    Set.copyOf(c.country().countryCodes()));
        }
        if (c.brand() != null) {
            return new RuleSpec.Brand(List.copyOf(c.brand().brands()));
        }
        if (c.partyScreening() != null) {
            return new RuleSpec.PartyScreening(
                    c.partyScreening().minSimilarity(),
                    c.partyScreening().parties().stream()
                            .map(p -> new RuleSpec.WatchedParty(p.name(), orEmpty(p.aliases())))
                            .toList());
        }
        if (c.valueAnomaly() != null) {
            Map<String, Double> references = new LinkedHashMap<>();
            c.valueAnomaly().references().forEach(r -> references.put(r.hsPrefix(), r.usdPerKg()));
            return new RuleSpec.ValueAnomaly(
                    c.valueAnomaly().maxRatio(),
                    references,
                    c.valueAnomaly().usdRates() == null
                            ? Map.of()
                            : Map.copyOf(c.valueAnomaly().usdRates()));
        }
        return new RuleSpec.FirstTimeTrader();
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
