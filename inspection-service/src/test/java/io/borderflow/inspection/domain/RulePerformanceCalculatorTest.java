package io.borderflow.inspection.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.inspection.domain.RulePerformanceCalculator.DecidedCase;
import io.borderflow.inspection.domain.RulePerformanceCalculator.Performance;
import io.borderflow.inspection.domain.RulePerformanceCalculator.Result;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulePerformanceCalculatorTest {

    @Test
    void countsHitsInspectionsAndConfirmedFindingsByHand() {
        List<Performance> performance = RulePerformanceCalculator.compute(List.of(
                // tier 1 fired four times: inspected three times, two confirmed findings, one clean
                new DecidedCase(List.of("CHPL-TIER-1"), new Result("MISDECLARED_GOODS", Set.of("CHPL-TIER-1"))),
                new DecidedCase(
                        List.of("CHPL-TIER-1", "BATTERIES"),
                        new Result("PROHIBITED_GOODS_SEIZED", Set.of("CHPL-TIER-1"))),
                new DecidedCase(List.of("CHPL-TIER-1"), new Result("NO_FINDING", Set.of())),
                new DecidedCase(List.of("CHPL-TIER-1"), null),
                // a finding that confirms nothing, and a "no finding" that names a rule: neither counts
                new DecidedCase(List.of("DRONES"), new Result("DOCUMENT_IRREGULARITY", Set.of())),
                new DecidedCase(List.of("DRONES"), new Result("NO_FINDING", Set.of("DRONES"))),
                new DecidedCase(List.of(), null)));

        assertThat(performance)
                .containsExactly(
                        new Performance("BATTERIES", 1, 1, 0, 0.0),
                        new Performance("CHPL-TIER-1", 4, 3, 2, 2 / 3.0),
                        new Performance("DRONES", 2, 2, 0, 0.0));
    }
}
