package io.borderflow.inspection.domain;

import static io.borderflow.support.reference.ReferenceDataCheck.notBlank;

import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.RulesetDataset.ConditionData;
import io.borderflow.inspection.model.RulesetDataset.GoodsListData;
import io.borderflow.inspection.model.RulesetDataset.RuleData;
import io.borderflow.inspection.model.RulesetDataset.TierData;
import io.borderflow.support.reference.ReferenceDataCheck;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules a ruleset seed must meet before it is stored: thresholds and sample rate in range, unique rule ids,
 * weights from -100 to 100, exactly one condition per rule, goods-list conditions that name a list and tiers of the
 * ruleset, HS codes of 6 digits and prefixes of 2 to 10, known channels, and a provenance for every goods list.
 */
public final class RulesetDatasetCheck {
    public static final String DATASET = "ruleset";
    private static final Pattern HS6 = Pattern.compile("[0-9]{6}");
    private static final Pattern HS_PREFIX = Pattern.compile("[0-9]{2,10}");
    private static final Pattern RULE_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,62}");
    public static final List<String> CHANNELS = List.of("GREEN", "BLUE", "YELLOW", "RED", "REFUSED");

    private RulesetDatasetCheck() {
    }

    /** @throws io.borderflow.support.reference.InvalidReferenceDataException listing every problem */
    public static void validate(RulesetDataset data) {
        ReferenceDataCheck check = new ReferenceDataCheck(DATASET, data.sources());
        check.require(DATASET.equals(data.dataset()), "dataset must be '" + DATASET + "'");
        check.require(data.version() != null && data.version() > 0, "version must be a positive number");
        check.require(notBlank(data.displayName()) && notBlank(data.description()),
                "display_name and description are required");
        var thresholds = data.thresholds();
        check.require(thresholds != null && thresholds.yellowFromScore() != null && thresholds.redFromScore() != null
                && 0 <= thresholds.yellowFromScore() && thresholds.yellowFromScore() <= thresholds.redFromScore()
                && thresholds.redFromScore() <= 100, "thresholds must satisfy 0 <= yellow_from_score <= red_from_score <= 100");
        check.require(data.randomSampleRate() != null && data.randomSampleRate() >= 0 && data.randomSampleRate() <= 1,
                "random_sample_rate must be from 0 to 1");
        check.require(notBlank(data.randomSampleBasis()), "random_sample_basis is required");

        Map<String, Set<String>> tiersByList = new HashMap<>();
        Set<String> hsCodes = new HashSet<>();
        for (GoodsListData list : nonNull(data.goodsLists())) {
            String at = "goods list " + list.listId();
            check.require(notBlank(list.listId()) && tiersByList.put(list.listId(), new HashSet<>()) == null,
                    at + ": list_id is required and unique");
            check.require(notBlank(list.displayName()) && notBlank(list.version()), at + ": display_name and version are required");
            check.provenance(at, list.provenance());
            for (TierData tier : nonNull(list.tiers())) {
                check.require(notBlank(tier.tier()) && tiersByList.get(list.listId()).add(tier.tier()),
                        at + ": tier labels are required and unique");
                check.require(notBlank(tier.description()) && notBlank(tier.verification()),
                        at + " tier " + tier.tier() + ": description and verification are required");
                check.require(!nonNull(tier.hsCodes()).isEmpty(), at + " tier " + tier.tier() + ": hs_codes must not be empty");
                for (String code : nonNull(tier.hsCodes())) {
                    check.require(code != null && HS6.matcher(code).matches(), at + ": '" + code + "' is not an HS-6 code");
                    check.require(hsCodes.add(list.listId() + ":" + code), at + ": HS code " + code + " is in two tiers");
                }
            }
        }

        Set<String> ruleIds = new HashSet<>();
        for (RuleData rule : nonNull(data.rules())) {
            String at = "rule " + rule.ruleId();
            check.require(rule.ruleId() != null && RULE_ID.matcher(rule.ruleId()).matches(),
                    at + ": rule_id must be upper-case letters, digits and hyphens");
            check.require(ruleIds.add(rule.ruleId()), at + ": duplicate rule_id");
            check.require(notBlank(rule.description()), at + ": description is required");
            check.require(rule.weight() != null && Math.abs(rule.weight()) <= 100, at + ": weight must be from -100 to 100");
            check.require(rule.minimumChannel() == null || CHANNELS.contains(rule.minimumChannel()),
                    at + ": minimum_channel must be one of " + CHANNELS);
            checkCondition(check, at, rule.condition(), tiersByList);
        }
        check.require(!ruleIds.isEmpty(), "rules must not be empty");
        check.finish();
    }

    private static void checkCondition(ReferenceDataCheck check, String at, ConditionData condition,
            Map<String, Set<String>> tiersByList) {
        long set = condition == null ? 0 : Stream.of(condition.goodsList(), condition.hsPrefix(), condition.traderAeo(),
                condition.partnerInspection()).filter(Objects::nonNull).count();
        check.require(set == 1, at + ": exactly one condition must be set");
        if (set != 1) {
            return;
        }
        if (condition.goodsList() != null) {
            Set<String> tiers = tiersByList.get(condition.goodsList().listId());
            check.require(tiers != null, at + ": goods list '" + condition.goodsList().listId() + "' is not in the ruleset");
            if (tiers != null) {
                check.require(tiers.containsAll(nonNull(condition.goodsList().tiers())),
                        at + ": tiers " + condition.goodsList().tiers() + " are not all tiers of the list");
            }
        }
        if (condition.hsPrefix() != null) {
            List<String> prefixes = nonNull(condition.hsPrefix().prefixes());
            check.require(!prefixes.isEmpty() && prefixes.stream().allMatch(p -> p != null && HS_PREFIX.matcher(p).matches()),
                    at + ": prefixes must be 2 to 10 digits");
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
