package io.borderflow.inspection.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.inspection.domain.Assessment.InspectionKind;
import io.borderflow.inspection.domain.Assessment.Reason;
import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.support.reference.ReferenceFile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RiskEngineTest {
    private static final RiskEngine SEED = RulesetDefinition.engine(
            1,
            ReferenceFile.read("reference/ruleset-v1.json", RulesetDataset.class)
                    .content());

    /** Goods lines of plain value (1,000 USD/kg), from China to Kazakhstan, by an established consignor. */
    static DeclarationFacts facts(List<String> hs, boolean aeo, boolean partner, String fingerprint) {
        return new DeclarationFacts(
                hs.stream()
                        .map(code -> new DeclarationFacts.Line(code, "", "CN", 100, 100_000, "USD"))
                        .toList(),
                "Almaty Trade",
                "Kazakh Buyer",
                "CN",
                List.of(),
                "KZ",
                aeo,
                partner ? Set.of("CN") : Set.of(),
                false,
                fingerprint);
    }

    /** A fingerprint whose stable draw is above the sample rate, so the sample does not interfere. */
    private static String unsampled(String base) {
        return IntStream.range(0, 1000)
                .mapToObj(i -> base + "#" + i)
                .filter(f -> SEED.stableDraw(f) >= 0.05)
                .findFirst()
                .orElseThrow();
    }

    private static Assessment assess(List<String> hs, boolean aeo, boolean partner) {
        return SEED.assess(facts(hs, aeo, partner, unsampled(hs + "|" + aeo + "|" + partner)));
    }

    private static List<String> ruleIds(Assessment assessment) {
        return assessment.reasons().stream().map(Reason::ruleId).toList();
    }

    @Test
    void integratedCircuitsGoToPhysicalInspectionWithTheEvidence() {
        Assessment a = assess(List.of("8542310000"), false, false);

        assertThat(a.channel()).isEqualTo(InspectionChannel.RED);
        assertThat(a.inspectionKind()).isEqualTo(InspectionKind.XRAY);
        assertThat(a.score()).isEqualTo(70);
        assertThat(a.reasons()).singleElement().satisfies(r -> {
            assertThat(r.ruleId()).isEqualTo("CHPL-TIER-1");
            assertThat(r.weight()).isEqualTo(70);
            assertThat(r.evidence()).isEqualTo("HS 854231 on chpl tier 1 (declared 8542310000)");
        });
        assertThat(a.rulesetVersion()).isEqualTo(1);
        assertThat(a.expectedHandling()).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void harmlessGoodsAreReleased() {
        Assessment a = assess(List.of("620342", "090210"), false, false);

        assertThat(a.channel()).isEqualTo(InspectionChannel.GREEN);
        assertThat(a.score()).isZero();
        assertThat(a.reasons()).isEmpty();
        assertThat(a.expectedHandling()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRuleMatchesOnceHoweverManyLinesHitIt() {
        Assessment a = assess(List.of("854231", "854232", "854239"), false, false);
        assertThat(ruleIds(a)).containsExactly("CHPL-TIER-1");
        assertThat(a.score()).isEqualTo(70);
    }

    @Test
    void tierTwoAloneIsADocumentaryCheckByItsFloor() {
        Assessment a = assess(List.of("851762"), false, false);
        assertThat(a.score()).isEqualTo(50);
        assertThat(a.channel()).isEqualTo(InspectionChannel.YELLOW);
    }

    @Test
    void weightsAddUpAndTheScoreIsClampedTo100WithUnloadingAbove90() {
        // tier 1 (70) + drones (60) + batteries (20) = 150 -> 100
        Assessment a = assess(List.of("854231", "880621", "850760"), false, false);
        assertThat(a.score()).isEqualTo(100);
        assertThat(a.channel()).isEqualTo(InspectionChannel.RED);
        assertThat(a.inspectionKind()).isEqualTo(InspectionKind.UNLOADING);
        assertThat(ruleIds(a)).containsExactly("CHPL-TIER-1", "DRONES", "BATTERIES");
    }

    @Test
    void aTrustedTradersScoreOnlyYellowIsReleasedForLaterAudit() {
        // tier 3.A (35) + batteries (20) - AEO (20) = 35: YELLOW by score, no rule demands it -> BLUE
        Assessment a = assess(List.of("847150", "850760"), true, false);
        assertThat(a.score()).isEqualTo(35);
        assertThat(a.channel()).isEqualTo(InspectionChannel.BLUE);
        assertThat(ruleIds(a)).contains("AEO-TRADER");

        // without AEO the same goods (55) are a documentary check
        assertThat(assess(List.of("847150", "850760"), false, false).channel()).isEqualTo(InspectionChannel.YELLOW);
    }

    @Test
    void aPartnersXrayReplacesOursUnlessARuleDemandsAPhysicalCheck() {
        // 3.A (35) + machine tools (25) + batteries (20) + 4.A (30) - partner (25) = 85: RED by score alone
        Assessment recognised = assess(List.of("847150", "845811", "850760", "853400"), false, true);
        assertThat(recognised.score()).isEqualTo(85);
        assertThat(recognised.channel()).isEqualTo(InspectionChannel.YELLOW);
        assertThat(ruleIds(recognised)).contains("PARTNER-XRAY", RiskEngine.MUTUAL_RECOGNITION_RULE);

        // drones demand RED: the partner's inspection does not replace it
        Assessment drones = assess(List.of("880621"), false, true);
        assertThat(drones.channel()).isEqualTo(InspectionChannel.RED);
        assertThat(ruleIds(drones)).doesNotContain(RiskEngine.MUTUAL_RECOGNITION_RULE);
    }

    @Test
    void thresholdsAreInclusive() {
        RiskEngine engine = new RiskEngine(
                7,
                30,
                60,
                0.0,
                HandlingTimes.DEFAULT,
                List.of(
                        new RuleSpec("A", "a", 29, null, new RuleSpec.HsPrefix(List.of("01")), List.of()),
                        new RuleSpec("B", "b", 30, null, new RuleSpec.HsPrefix(List.of("02")), List.of()),
                        new RuleSpec("C", "c", 30, null, new RuleSpec.HsPrefix(List.of("03")), List.of())),
                Map.of());
        assertThat(engine.assess(facts(List.of("010101"), false, false, "x")).channel())
                .isEqualTo(InspectionChannel.GREEN);
        assertThat(engine.assess(facts(List.of("020202"), false, false, "x")).channel())
                .isEqualTo(InspectionChannel.YELLOW);
        assertThat(engine.assess(facts(List.of("020202", "030303"), false, false, "x"))
                        .channel())
                .isEqualTo(InspectionChannel.RED);
    }

    @Test
    void theSameDeclarationAlwaysGetsTheSameDecisionSampleIncluded() {
        DeclarationFacts facts = facts(List.of("620342"), false, false, "decl-42");
        assertThat(SEED.assess(facts)).isEqualTo(SEED.assess(facts));
        assertThat(RulesetDefinition.engine(
                                1,
                                ReferenceFile.read("reference/ruleset-v1.json", RulesetDataset.class)
                                        .content())
                        .assess(facts))
                .isEqualTo(SEED.assess(facts));
    }

    @Test
    void theRandomSampleTakesItsShareOfLowRiskDeclarationsAndSaysSo() {
        int n = 20_000;
        long sampled = IntStream.range(0, n)
                .mapToObj(i -> SEED.assess(facts(List.of("620342"), false, false, "truck-" + i)))
                .filter(a -> {
                    if (a.randomSample()) {
                        assertThat(a.channel()).isEqualTo(InspectionChannel.YELLOW);
                        assertThat(a.reasons())
                                .extracting(Reason::ruleId)
                                .containsExactly(RiskEngine.RANDOM_SAMPLE_RULE);
                    }
                    return a.randomSample();
                })
                .count();
        assertThat(sampled / (double) n).isBetween(0.04, 0.06);

        // a declaration already inspected by its rules is never "sampled"
        assertThat(IntStream.range(0, 2000)
                        .mapToObj(i -> SEED.assess(facts(List.of("854231"), false, false, "ic-" + i)))
                        .noneMatch(Assessment::randomSample))
                .isTrue();
    }

    @Test
    void anOutlookGivesTheSamplesShareToYellowAndWeighsTheHandlingTime() {
        RiskEngine.Outlook harmless = SEED.outlook(facts(List.of("620342"), false, false, "any"));
        assertThat(harmless.chances())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(InspectionChannel.GREEN, 0.95, InspectionChannel.YELLOW, 0.05));
        // 0.95 * 5 min + 0.05 * 2 h = 285 s + 360 s
        assertThat(harmless.expectedHandling()).isEqualTo(Duration.ofSeconds(645));

        RiskEngine.Outlook chips = SEED.outlook(facts(List.of("854231"), false, false, "any"));
        assertThat(chips.chances()).containsExactly(Map.entry(InspectionChannel.RED, 1.0));
        assertThat(chips.expectedHandling()).isEqualTo(Duration.ofMinutes(45));
        assertThat(chips.reasons()).extracting(Reason::ruleId).containsExactly("CHPL-TIER-1");
    }
}
