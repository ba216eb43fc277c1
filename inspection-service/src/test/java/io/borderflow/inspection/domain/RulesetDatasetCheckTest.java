package io.borderflow.inspection.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.RulesetDataset.ConditionData;
import io.borderflow.inspection.model.RulesetDataset.GoodsListConditionData;
import io.borderflow.inspection.model.RulesetDataset.HsPrefixConditionData;
import io.borderflow.inspection.model.RulesetDataset.RuleData;
import io.borderflow.support.reference.InvalidReferenceDataException;
import io.borderflow.support.reference.ReferenceFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesetDatasetCheckTest {
    private static final RulesetDataset SEED =
            ReferenceFile.read("reference/ruleset-v1.json", RulesetDataset.class).content();

    @Test
    void shippedSeedIsValid() {
        assertThatCode(() -> RulesetDatasetCheck.validate(SEED)).doesNotThrowAnyException();
    }

    @Test
    void badRulesAreReportedTogether() {
        List<RuleData> rules = new ArrayList<>(SEED.rules());
        rules.add(new RuleData("CHPL-TIER-1", "duplicate id", 10, null,
                new ConditionData(null, new HsPrefixConditionData(List.of("8")), null, null)));
        rules.add(new RuleData("UNKNOWN-TIER", "tier 9 does not exist", 300, "PURPLE",
                new ConditionData(new GoodsListConditionData("chpl", List.of("9")), null, null, null)));
        rules.add(new RuleData("TWO-CONDITIONS", "both set", 5, null,
                new ConditionData(new GoodsListConditionData("chpl", List.of()), new HsPrefixConditionData(List.of("85")),
                        null, null)));
        RulesetDataset broken = new RulesetDataset(SEED.dataset(), SEED.version(), SEED.displayName(), SEED.description(),
                new RulesetDataset.ThresholdsData(70, 40), 1.5, SEED.randomSampleBasis(), SEED.sources(),
                SEED.goodsLists(), rules);

        assertThatThrownBy(() -> RulesetDatasetCheck.validate(broken))
                .isInstanceOfSatisfying(InvalidReferenceDataException.class, e -> assertThat(e.problems()).contains(
                        "thresholds must satisfy 0 <= yellow_from_score <= red_from_score <= 100",
                        "random_sample_rate must be from 0 to 1",
                        "rule CHPL-TIER-1: duplicate rule_id",
                        "rule CHPL-TIER-1: prefixes must be 2 to 10 digits",
                        "rule UNKNOWN-TIER: weight must be from -100 to 100",
                        "rule UNKNOWN-TIER: tiers [9] are not all tiers of the list",
                        "rule TWO-CONDITIONS: exactly one condition must be set"));
    }
}
