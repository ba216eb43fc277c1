package io.borderflow.inspection.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.borderflow.inspection.model.SimulationOutcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesetSimulationTest {
    /** 85xx: weight 60 and RED (X-ray, 45 min); 84xx: weight 30, YELLOW (2 h); no random sample. */
    private static final RiskEngine TARGETED = new RiskEngine(
            1,
            30,
            60,
            0,
            HandlingTimes.DEFAULT,
            List.of(
                    new RuleSpec(
                            "ELECTRONICS",
                            "e",
                            60,
                            InspectionChannel.RED,
                            new RuleSpec.HsPrefix(List.of("85")),
                            List.of()),
                    new RuleSpec("MACHINES", "m", 30, null, new RuleSpec.HsPrefix(List.of("84")), List.of())),
            Map.of());
    /** Everything RED. */
    private static final RiskEngine BLANKET = new RiskEngine(
            2,
            30,
            60,
            0,
            HandlingTimes.DEFAULT,
            List.of(new RuleSpec(
                    "ALL",
                    "all",
                    60,
                    InspectionChannel.RED,
                    new RuleSpec.HsPrefix(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9").stream()
                            .flatMap(d -> List.of(
                                    d + "0", d + "1", d + "2", d + "3", d + "4", d + "5", d + "6", d + "7", d + "8",
                                    d + "9")
                                    .stream())
                            .toList()),
                    List.of())),
            Map.of());

    private static RulesetSimulation.Replayed declaration(String hs, String checkpoint, boolean violation) {
        return new RulesetSimulation.Replayed(
                new DeclarationFacts(
                        List.of(new DeclarationFacts.Line(hs, "", "CN", 10, 1000, "USD")),
                        "a",
                        "b",
                        "CN",
                        List.of(),
                        "KZ",
                        false,
                        Set.of(),
                        false,
                        hs + checkpoint),
                checkpoint,
                violation);
    }

    private static final List<RulesetSimulation.Replayed> FOUR = List.of(
            declaration("854231", "zhaisan", true), // targeted: RED; a violation was found
            declaration("845811", "zhaisan", false), // targeted: YELLOW
            declaration("620342", "nur-zholy", true), // targeted: GREEN; a violation was found
            declaration("850760", "nur-zholy", false)); // targeted: RED

    @Test
    void figuresOfASmallCaseComputedByHand() {
        SimulationOutcome outcome = RulesetSimulation.run(TARGETED, FOUR, 2.0);

        assertThat(outcome.channels())
                .containsExactly(
                        Map.entry("GREEN", 1L),
                        Map.entry("BLUE", 0L),
                        Map.entry("YELLOW", 1L),
                        Map.entry("RED", 2L),
                        Map.entry("REFUSED", 0L));
        // zhaisan: 2 declarations over 2 days; inspection 45 min (RED) + 2 h (YELLOW) = 2.75 h over 2 days; 1 RED / 2
        // days
        // nur-zholy: 2 declarations; 45 min (RED) over 2 days; 1 RED / 2 days
        assertThat(outcome.checkpoints())
                .containsExactly(
                        new SimulationOutcome.CheckpointLoad("nur-zholy", 1.0, 0.375, 0.5),
                        new SimulationOutcome.CheckpointLoad("zhaisan", 1.0, 1.375, 0.5));
        // violations in 854231 (RED) and 620342 (GREEN): one of two still inspected, physically
        assertThat(outcome.detection()).isEqualTo(new SimulationOutcome.Detection(2, 1, 1));
        assertThat(outcome.detection().rate()).isEqualTo(0.5);
    }

    @Test
    void blanketInspectionCatchesEverythingAtTheCostOfTheQueue() {
        SimulationOutcome blanket = RulesetSimulation.run(BLANKET, FOUR, 2.0);

        assertThat(blanket.channels().get("RED")).isEqualTo(4);
        // 4 x 45 min = 3 h over 2 days = 1.5 h/day, 0.75 h at each checkpoint
        assertThat(blanket.checkpoints()).allSatisfy(load -> {
            assertThat(load.inspectionHoursPerDay()).isCloseTo(0.75, within(1e-9));
            assertThat(load.physicalInspectionsPerDay()).isEqualTo(1.0);
        });
        assertThat(blanket.detection()).isEqualTo(new SimulationOutcome.Detection(2, 2, 2));
        assertThat(blanket.detection().rate()).isEqualTo(1.0);
    }

    @Test
    void anEmptyPeriodGivesZerosNotNaN() {
        SimulationOutcome none = RulesetSimulation.run(TARGETED, List.of(), 1.0);
        assertThat(none.channels().values()).containsOnly(0L);
        assertThat(none.checkpoints()).isEmpty();
        assertThat(none.detection().rate()).isZero();
    }
}
