package io.borderflow.inspection.domain;

import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.RulesetDataset.ConditionData;
import io.borderflow.inspection.model.RulesetDataset.GoodsListData;
import io.borderflow.inspection.model.RulesetDataset.RuleData;
import io.borderflow.inspection.model.RulesetDataset.TierData;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.reference.InvalidReferenceDataException;
import io.borderflow.support.reference.ProvenanceData;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every problem of a ruleset's content, one field violation each, with the path of the field as the proto message
 * names it ({@code ruleset.rules[3].condition.hs_prefix.prefixes[0]}): thresholds and sample rate in range, handling
 * times positive, unique rule ids, weights from -100 to 100, exactly one kind per condition, goods-list conditions
 * that name a list and tiers of the ruleset, HS codes of 6 digits and prefixes of 2 to 10, ISO country and currency
 * codes, known channels, similarity and ratio bounds, and a provenance for every goods list. Seed files and drafts
 * made through the API pass the same check.
 */
public final class RulesetDatasetCheck {
    public static final String DATASET = "ruleset";
    public static final int MAX_RULES = 500;
    private static final Pattern HS6 = Pattern.compile("[0-9]{6}");
    private static final Pattern HS_PREFIX = Pattern.compile("[0-9]{2,10}");
    private static final Pattern RULE_ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,62}");
    private static final Pattern LIST_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final List<String> CHANNELS = List.of("GREEN", "BLUE", "YELLOW", "RED", "REFUSED");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    private final List<FieldViolation> problems = new ArrayList<>();
    private final Set<String> sourceKeys;

    private RulesetDatasetCheck(RulesetDataset data) {
        this.sourceKeys = data.sources() == null ? Set.of() : data.sources().keySet();
    }

    /** @throws InvalidReferenceDataException listing every problem of a seed file */
    public static void validate(RulesetDataset data) {
        List<FieldViolation> problems = problems(data);
        if (data.dataset() == null || !DATASET.equals(data.dataset())) {
            problems = new ArrayList<>(problems);
            problems.add(0, new FieldViolation("dataset", "must be '" + DATASET + "'"));
        }
        if (data.version() == null || data.version() < 1) {
            problems = new ArrayList<>(problems);
            problems.add(0, new FieldViolation("version", "must be a positive number"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidReferenceDataException(
                    DATASET,
                    problems.stream()
                            .map(p -> p.field() + ": " + p.description())
                            .toList());
        }
    }

    /** The problems of a ruleset's content; empty when it can be stored. The version is not checked here. */
    public static List<FieldViolation> problems(RulesetDataset data) {
        RulesetDatasetCheck check = new RulesetDatasetCheck(data);
        check.ruleset(data);
        return List.copyOf(check.problems);
    }

    private void ruleset(RulesetDataset data) {
        String at = "ruleset.";
        text(at + "display_name", data.displayName(), 200);
        text(at + "description", data.description(), 4000);
        var thresholds = data.thresholds();
        require(
                thresholds != null
                        && thresholds.yellowFromScore() != null
                        && thresholds.redFromScore() != null
                        && 0 <= thresholds.yellowFromScore()
                        && thresholds.yellowFromScore() <= thresholds.redFromScore()
                        && thresholds.redFromScore() <= 100,
                at + "thresholds",
                "must satisfy 0 <= yellow_from_score <= red_from_score <= 100");
        require(
                data.randomSampleRate() != null && data.randomSampleRate() >= 0 && data.randomSampleRate() <= 1,
                at + "random_sample_rate",
                "must be from 0 to 1");
        text(at + "random_sample_basis", data.randomSampleBasis(), 2000);
        handling(at + "handling_times", data.handlingMinutes());

        Map<String, Set<String>> tiersByList = new HashMap<>();
        List<GoodsListData> lists = nonNull(data.goodsLists());
        for (int l = 0; l < lists.size(); l++) {
            goodsList(at + "goods_lists[" + l + "].", lists.get(l), tiersByList);
        }

        List<RuleData> rules = nonNull(data.rules());
        require(
                !rules.isEmpty() && rules.size() <= MAX_RULES,
                at + "rules",
                "1 to " + MAX_RULES + " rules are required");
        Set<String> ruleIds = new HashSet<>();
        for (int r = 0; r < Math.min(rules.size(), MAX_RULES); r++) {
            RuleData rule = rules.get(r);
            String ruleAt = at + "rules[" + r + "].";
            require(
                    rule.ruleId() != null && RULE_ID.matcher(rule.ruleId()).matches(),
                    ruleAt + "rule_id",
                    "1 to 63 upper-case letters, digits and hyphens, e.g. CHPL-TIER-1");
            require(
                    rule.ruleId() == null || ruleIds.add(rule.ruleId()),
                    ruleAt + "rule_id",
                    "duplicate rule id " + rule.ruleId());
            text(ruleAt + "description", rule.description(), 1000);
            require(
                    rule.weight() != null && Math.abs(rule.weight()) <= 100,
                    ruleAt + "weight",
                    "must be from -100 to 100");
            require(
                    rule.minimumChannel() == null || CHANNELS.contains(rule.minimumChannel()),
                    ruleAt + "minimum_channel",
                    "must be one of " + CHANNELS);
            condition(ruleAt + "condition", rule.condition(), tiersByList);
            List<ConditionData> also = nonNull(rule.alsoRequires());
            for (int c = 0; c < also.size(); c++) {
                condition(ruleAt + "also_requires[" + c + "]", also.get(c), tiersByList);
            }
        }
    }

    private void handling(String at, RulesetDataset.HandlingData handling) {
        if (handling == null) {
            return;
        }
        Map<String, Integer> minutes = new java.util.LinkedHashMap<>();
        minutes.put("green", handling.green());
        minutes.put("blue", handling.blue());
        minutes.put("yellow", handling.yellow());
        minutes.put("red_xray", handling.redXray());
        minutes.put("red_unloading", handling.redUnloading());
        minutes.put("refused", handling.refused());
        minutes.forEach((channel, value) -> require(
                value != null && value >= 1 && value <= 7 * 24 * 60,
                at + "." + channel,
                "must be from 1 minute to 7 days"));
        text(at + ".basis", handling.basis(), 2000);
    }

    private void goodsList(String at, GoodsListData list, Map<String, Set<String>> tiersByList) {
        require(
                list.listId() != null && LIST_ID.matcher(list.listId()).matches(),
                at + "list_id",
                "lower-case letters, digits and hyphens, e.g. chpl");
        require(
                list.listId() == null || tiersByList.put(list.listId(), new HashSet<>()) == null,
                at + "list_id",
                "duplicate list id " + list.listId());
        text(at + "display_name", list.displayName(), 200);
        text(at + "version", list.version(), 64);
        provenance(at + "provenance", list.provenance());
        Set<String> tiers = list.listId() == null ? new HashSet<>() : tiersByList.get(list.listId());
        Set<String> codes = new HashSet<>();
        List<TierData> tierData = nonNull(list.tiers());
        require(!tierData.isEmpty(), at + "tiers", "at least one tier is required");
        for (int t = 0; t < tierData.size(); t++) {
            TierData tier = tierData.get(t);
            String tierAt = at + "tiers[" + t + "].";
            require(
                    tier.tier() != null && !tier.tier().isBlank() && tiers.add(tier.tier()),
                    tierAt + "tier",
                    "a label, unique in the list");
            text(tierAt + "description", tier.description(), 1000);
            text(tierAt + "verification", tier.verification(), 1000);
            List<String> hsCodes = nonNull(tier.hsCodes());
            require(!hsCodes.isEmpty(), tierAt + "hs_codes", "at least one HS code is required");
            for (int c = 0; c < hsCodes.size(); c++) {
                String code = hsCodes.get(c);
                require(
                        code != null && HS6.matcher(code).matches(),
                        tierAt + "hs_codes[" + c + "]",
                        "'" + code + "' is not an HS code of 6 digits");
                require(
                        code == null || codes.add(code),
                        tierAt + "hs_codes[" + c + "]",
                        "HS code " + code + " is listed twice in the list");
            }
        }
    }

    private void provenance(String at, ProvenanceData provenance) {
        if (provenance == null) {
            problems.add(new FieldViolation(at, "a source or an estimate basis is required"));
            return;
        }
        boolean sourced = provenance.source() != null && !provenance.source().isBlank();
        boolean estimated =
                provenance.estimate() != null && !provenance.estimate().isBlank();
        require(sourced != estimated, at, "exactly one of a source and an estimate basis is required");
        require(
                !sourced || sourceKeys.contains(provenance.source()),
                at + ".source",
                "source '" + provenance.source() + "' is not among the ruleset's sources");
    }

    private void condition(String at, ConditionData condition, Map<String, Set<String>> tiersByList) {
        long set = condition == null
                ? 0
                : Stream.of(
                                condition.goodsList(),
                                condition.hsPrefix(),
                                condition.traderAeo(),
                                condition.partnerInspection(),
                                condition.country(),
                                condition.brand(),
                                condition.partyScreening(),
                                condition.valueAnomaly(),
                                condition.firstTimeTrader())
                        .filter(Objects::nonNull)
                        .count();
        require(set == 1, at, "exactly one condition kind must be set");
        if (set != 1) {
            return;
        }
        if (condition.goodsList() != null) {
            var list = condition.goodsList();
            Set<String> tiers = tiersByList.get(list.listId());
            require(
                    tiers != null,
                    at + ".goods_list.list_id",
                    "goods list '" + list.listId() + "' is not in the ruleset");
            List<String> wanted = nonNull(list.tiers());
            for (int t = 0; t < wanted.size() && tiers != null; t++) {
                require(
                        tiers.contains(wanted.get(t)),
                        at + ".goods_list.tiers[" + t + "]",
                        "'" + wanted.get(t) + "' is not a tier of " + list.listId());
            }
        }
        if (condition.hsPrefix() != null) {
            List<String> prefixes = nonNull(condition.hsPrefix().prefixes());
            require(!prefixes.isEmpty(), at + ".hs_prefix.prefixes", "at least one prefix is required");
            for (int p = 0; p < prefixes.size(); p++) {
                require(
                        prefixes.get(p) != null
                                && HS_PREFIX.matcher(prefixes.get(p)).matches(),
                        at + ".hs_prefix.prefixes[" + p + "]",
                        "'" + prefixes.get(p) + "' is not an HS prefix of 2 to 10 digits");
            }
        }
        if (condition.partnerInspection() != null) {
            countries(
                    at + ".partner_inspection.administration_country_codes",
                    nonNull(condition.partnerInspection().administrationCountryCodes()),
                    false);
        }
        if (condition.country() != null) {
            var country = condition.country();
            require(
                    country.role() != null
                            && List.of("ORIGIN", "TRANSIT", "DESTINATION").contains(country.role()),
                    at + ".country.role",
                    "must be ORIGIN, TRANSIT or DESTINATION");
            countries(at + ".country.country_codes", nonNull(country.countryCodes()), true);
        }
        if (condition.brand() != null) {
            List<String> brands = nonNull(condition.brand().brands());
            require(!brands.isEmpty(), at + ".brand.brands", "at least one brand is required");
            for (int b = 0; b < brands.size(); b++) {
                require(
                        brands.get(b) != null
                                && !PartyNames.key(brands.get(b)).isEmpty()
                                && brands.get(b).length() <= 128,
                        at + ".brand.brands[" + b + "]",
                        "a brand name of up to 128 characters with letters or digits");
            }
        }
        if (condition.partyScreening() != null) {
            var screening = condition.partyScreening();
            require(
                    screening.minSimilarity() != null
                            && screening.minSimilarity() >= 0.5
                            && screening.minSimilarity() <= 1,
                    at + ".party_screening.min_similarity",
                    "must be from 0.5 to 1");
            var parties = nonNull(screening.parties());
            require(!parties.isEmpty(), at + ".party_screening.parties", "at least one party is required");
            for (int p = 0; p < parties.size(); p++) {
                String partyAt = at + ".party_screening.parties[" + p + "]";
                var party = parties.get(p);
                require(
                        party.name() != null
                                && !PartyNames.words(party.name()).isEmpty()
                                && party.name().length() <= 256,
                        partyAt + ".name",
                        "a name of up to 256 characters with letters or digits besides legal forms");
                var aliases = nonNull(party.aliases());
                for (int a = 0; a < aliases.size(); a++) {
                    require(
                            aliases.get(a) != null
                                    && !PartyNames.words(aliases.get(a)).isEmpty(),
                            partyAt + ".aliases[" + a + "]",
                            "an alias with letters or digits besides legal forms");
                }
            }
        }
        if (condition.valueAnomaly() != null) {
            var anomaly = condition.valueAnomaly();
            require(
                    anomaly.maxRatio() != null && anomaly.maxRatio() > 0 && anomaly.maxRatio() < 1,
                    at + ".value_anomaly.max_ratio",
                    "must be above 0 and below 1");
            var references = nonNull(anomaly.references());
            require(
                    !references.isEmpty(),
                    at + ".value_anomaly.references",
                    "at least one reference value is required");
            for (int r = 0; r < references.size(); r++) {
                var reference = references.get(r);
                String refAt = at + ".value_anomaly.references[" + r + "]";
                require(
                        reference.hsPrefix() != null
                                && HS_PREFIX.matcher(reference.hsPrefix()).matches(),
                        refAt + ".hs_prefix",
                        "an HS prefix of 2 to 10 digits");
                require(
                        reference.usdPerKg() != null && reference.usdPerKg() > 0,
                        refAt + ".usd_per_kg",
                        "must be above 0");
                text(refAt + ".basis", reference.basis(), 1000);
            }
            Map<String, Double> rates = anomaly.usdRates() == null ? Map.of() : anomaly.usdRates();
            rates.forEach((currency, rate) -> {
                require(
                        CURRENCIES.contains(currency),
                        at + ".value_anomaly.usd_rates",
                        "'" + currency + "' is not an ISO 4217 currency code");
                require(
                        rate != null && rate > 0,
                        at + ".value_anomaly.usd_rates",
                        "the rate of " + currency + " must be above 0");
            });
        }
    }

    private void countries(String at, List<String> codes, boolean required) {
        require(!required || !codes.isEmpty(), at, "at least one country code is required");
        for (int c = 0; c < codes.size(); c++) {
            require(
                    codes.get(c) != null && COUNTRIES.contains(codes.get(c)),
                    at + "[" + c + "]",
                    "'" + codes.get(c) + "' is not an ISO 3166-1 alpha-2 country code");
        }
    }

    private void text(String at, String value, int max) {
        require(
                value != null && !value.isBlank() && value.length() <= max,
                at,
                "required, up to " + max + " characters");
    }

    private void require(boolean condition, String field, String description) {
        if (!condition) {
            problems.add(new FieldViolation(field, description));
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
