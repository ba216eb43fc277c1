package io.borderflow.inspection.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.RulesetDataset.ConditionData;
import io.borderflow.inspection.model.RulesetDataset.CountryConditionData;
import io.borderflow.inspection.model.RulesetDataset.GoodsListConditionData;
import io.borderflow.inspection.model.RulesetDataset.HsPrefixConditionData;
import io.borderflow.inspection.model.RulesetDataset.PartyScreeningConditionData;
import io.borderflow.inspection.model.RulesetDataset.RuleData;
import io.borderflow.inspection.model.RulesetDataset.ValueAnomalyConditionData;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.reference.InvalidReferenceDataException;
import io.borderflow.support.reference.ReferenceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RulesetDatasetCheckTest {
    private static final RulesetDataset V2 = ReferenceFile.read("reference/ruleset-v2.json", RulesetDataset.class)
            .content();

    private static ConditionData hsPrefix(String... prefixes) {
        return new ConditionData(
                null, new HsPrefixConditionData(List.of(prefixes)), null, null, null, null, null, null, null);
    }

    private static RulesetDataset withRules(
            RulesetDataset.ThresholdsData thresholds, double sampleRate, List<RuleData> extra) {
        List<RuleData> rules = new ArrayList<>(V2.rules());
        rules.addAll(extra);
        return new RulesetDataset(
                V2.dataset(),
                V2.version(),
                V2.displayName(),
                V2.description(),
                thresholds,
                sampleRate,
                V2.randomSampleBasis(),
                V2.handlingMinutes(),
                V2.sources(),
                V2.goodsLists(),
                rules);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference/ruleset-v1.json", "reference/ruleset-v2.json"})
    void shippedRulesetsAreValid(String resource) {
        RulesetDataset shipped =
                ReferenceFile.read(resource, RulesetDataset.class).content();
        assertThatCode(() -> RulesetDatasetCheck.validate(shipped)).doesNotThrowAnyException();
        assertThat(RulesetDatasetCheck.problems(shipped)).isEmpty();
    }

    @Test
    void everyProblemIsNamedByItsFieldPath() {
        int n = V2.rules().size();
        List<RuleData> bad = List.of(
                new RuleData("CHPL-TIER-1", "duplicate id", 10, null, hsPrefix("8"), null),
                new RuleData(
                        "UNKNOWN-TIER",
                        "tier 9 does not exist",
                        300,
                        "PURPLE",
                        new ConditionData(
                                new GoodsListConditionData("chpl", List.of("9")),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                        null),
                new RuleData(
                        "TWO-CONDITIONS",
                        "both set",
                        5,
                        null,
                        new ConditionData(
                                new GoodsListConditionData("chpl", List.of()),
                                new HsPrefixConditionData(List.of("85")),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                        null),
                new RuleData(
                        "BAD-KINDS",
                        "several bad parameters",
                        5,
                        null,
                        hsPrefix("85"),
                        List.of(
                                new ConditionData(
                                        null,
                                        null,
                                        null,
                                        null,
                                        new CountryConditionData("EVERYWHERE", List.of("XX")),
                                        null,
                                        null,
                                        null,
                                        null),
                                new ConditionData(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        new PartyScreeningConditionData(0.2, List.of()),
                                        null,
                                        null),
                                new ConditionData(
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        new ValueAnomalyConditionData(1.5, List.of(), Map.of("XYZ", 1.0)),
                                        null))),
                new RuleData("NO-CONDITION", "nothing set", 5, null, null, null));

        List<FieldViolation> problems =
                RulesetDatasetCheck.problems(withRules(new RulesetDataset.ThresholdsData(70, 40), 1.5, bad));

        String r = "ruleset.rules[";
        assertThat(problems)
                .extracting(FieldViolation::field)
                .containsExactly(
                        "ruleset.thresholds",
                        "ruleset.random_sample_rate",
                        r + n + "].rule_id",
                        r + n + "].condition.hs_prefix.prefixes[0]",
                        r + (n + 1) + "].weight",
                        r + (n + 1) + "].minimum_channel",
                        r + (n + 1) + "].condition.goods_list.tiers[0]",
                        r + (n + 2) + "].condition",
                        r + (n + 3) + "].also_requires[0].country.role",
                        r + (n + 3) + "].also_requires[0].country.country_codes[0]",
                        r + (n + 3) + "].also_requires[1].party_screening.min_similarity",
                        r + (n + 3) + "].also_requires[1].party_screening.parties",
                        r + (n + 3) + "].also_requires[2].value_anomaly.max_ratio",
                        r + (n + 3) + "].also_requires[2].value_anomaly.references",
                        r + (n + 3) + "].also_requires[2].value_anomaly.usd_rates",
                        r + (n + 4) + "].condition");
        assertThat(problems.get(3).description()).isEqualTo("'8' is not an HS prefix of 2 to 10 digits");
    }

    @Test
    void aSeedFileWithProblemsStopsWithAllOfThem() {
        RulesetDataset broken = withRules(new RulesetDataset.ThresholdsData(70, 40), 0.05, List.of());
        assertThatThrownBy(() -> RulesetDatasetCheck.validate(broken))
                .isInstanceOfSatisfying(
                        InvalidReferenceDataException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "ruleset.thresholds: must satisfy 0 <= yellow_from_score <= red_from_score <= 100"));
    }
}
