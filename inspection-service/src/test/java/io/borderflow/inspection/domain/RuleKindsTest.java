package io.borderflow.inspection.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.inspection.domain.Assessment.InspectionKind;
import io.borderflow.inspection.domain.Assessment.Reason;
import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.support.reference.ReferenceFile;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each kind of rule of the shipped ruleset 2, on declarations built to hit or miss it. */
class RuleKindsTest {
    private static final RiskEngine V2 = RulesetDefinition.engine(
            2,
            ReferenceFile.read("reference/ruleset-v2.json", RulesetDataset.class)
                    .content());

    /** A declaration builder: one line per HS code, plain value, CN -> KZ, established consignor, no sample. */
    private static final class Declaration {
        List<DeclarationFacts.Line> lines;
        String consignor = "Almaty Trade";
        String consignee = "Kazakh Buyer";
        List<String> transit = List.of();
        String destination = "KZ";
        Set<String> partners = Set.of();
        boolean firstTime;

        Declaration(String... hs) {
            lines = java.util.Arrays.stream(hs)
                    .map(code -> new DeclarationFacts.Line(code, "", "CN", 10, 10_000, "USD"))
                    .toList();
        }

        Declaration line(String hs, String brand, double kg, double value, String currency) {
            lines = List.of(new DeclarationFacts.Line(hs, brand, "CN", kg, value, currency));
            return this;
        }

        Assessment assess() {
            // the draw of this fingerprint is above the 5% sample rate under version 2 (checked below)
            DeclarationFacts facts = new DeclarationFacts(
                    lines, consignor, consignee, "CN", transit, destination, false, partners, firstTime, FINGERPRINT);
            return V2.assess(facts);
        }
    }

    private static final String FINGERPRINT = "fixed-unsampled";

    private static List<String> ruleIds(Assessment a) {
        return a.reasons().stream().map(Reason::ruleId).toList();
    }

    private static Reason reason(Assessment a, String ruleId) {
        return a.reasons().stream()
                .filter(r -> r.ruleId().equals(ruleId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theFixedFingerprintIsNotSampled() {
        assertThat(V2.stableDraw(FINGERPRINT)).isGreaterThanOrEqualTo(0.05);
    }

    @Test
    void destinationCountryAddsToGoodsOfConcernOnly() {
        Declaration toKazakhstan = new Declaration("847150");
        Declaration toRussia = new Declaration("847150");
        toRussia.destination = "RU";

        // CHPL tier 3.A: 35; bound for RU: + DIVERSION-DESTINATION 15 = 50
        assertThat(toKazakhstan.assess().score()).isEqualTo(35);
        Assessment russia = toRussia.assess();
        assertThat(russia.score()).isEqualTo(50);
        assertThat(reason(russia, "DIVERSION-DESTINATION").evidence())
                .isEqualTo("HS 847150 on chpl tier 3.A; destination RU");

        // harmless goods to RU: the rule's goods-list condition does not hold
        Declaration clothes = new Declaration("620342");
        clothes.destination = "RU";
        assertThat(ruleIds(clothes.assess())).doesNotContain("DIVERSION-DESTINATION");
    }

    @Test
    void transitThroughAThirdCountryTipsItIntoPhysicalInspection() {
        Declaration viaKyrgyzstan = new Declaration("847150");
        viaKyrgyzstan.destination = "RU";
        viaKyrgyzstan.transit = List.of("KG");

        // 35 (tier 3.A) + 15 (destination RU) + 10 (transit KG to RU) = 60 = red_from_score
        Assessment a = viaKyrgyzstan.assess();
        assertThat(a.score()).isEqualTo(60);
        assertThat(a.channel()).isEqualTo(InspectionChannel.RED);
        assertThat(reason(a, "DIVERSION-TRANSIT").evidence()).contains("transit through KG", "destination RU");
    }

    @Test
    void watchedBrandsMatchAcrossCaseHyphensAndCyrillic() {
        for (String brand : List.of("Texas Instruments", "TEXAS-INSTRUMENTS", "Тексас Инструментс")) {
            // 35 (tier 3.A) + 25 (watched brand) = 60: RED
            Assessment a =
                    new Declaration().line("847150", brand, 10, 10_000, "USD").assess();
            assertThat(a.channel()).as(brand).isEqualTo(InspectionChannel.RED);
            assertThat(reason(a, "WATCHED-BRAND").evidence())
                    .isEqualTo("brand '" + brand + "' is the watched brand 'Texas Instruments'");
        }
        assertThat(ruleIds(new Declaration()
                        .line("847150", "Texas Roadhouse", 10, 10_000, "USD")
                        .assess()))
                .doesNotContain("WATCHED-BRAND");
    }

    @Test
    void goodsProhibitedForTheDestinationAreRefused() {
        Declaration chips = new Declaration().line("8542310000", "Intel", 10, 100_000, "USD");
        chips.destination = "RU";

        Assessment refused = chips.assess();
        // 70 + 15 + 25 + 30 = 140, clamped to 100; the prohibition's floor is REFUSED
        assertThat(refused.score()).isEqualTo(100);
        assertThat(refused.channel()).isEqualTo(InspectionChannel.REFUSED);
        assertThat(refused.inspectionKind()).isEqualTo(InspectionKind.NONE);
        assertThat(refused.expectedHandling()).isEqualTo(Duration.ofMinutes(30));
        assertThat(reason(refused, "PROHIBITED-FOR-DESTINATION").evidence())
                .contains("brand 'Intel'", "destination RU");

        // the same chips for Kazakhstan: 70 + 25 = 95, a physical inspection by unloading (from 90)
        chips.destination = "KZ";
        Assessment inspected = chips.assess();
        assertThat(inspected.channel()).isEqualTo(InspectionChannel.RED);
        assertThat(inspected.inspectionKind()).isEqualTo(InspectionKind.UNLOADING);
        assertThat(inspected.expectedHandling()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void watchedPartiesAreFoundUnderOtherSpellingsAndScripts() {
        for (String name : List.of(
                "OOO Tekhnoprom Logistik",
                "ТЕХНОПРОМ ЛОГИСТИК, ООО",
                "Technoprom Logistics LLC",
                "tekhnoprom-logistik")) {
            Declaration d = new Declaration("620342");
            d.consignee = name;
            Assessment a = d.assess();
            assertThat(a.channel()).as(name).isEqualTo(InspectionChannel.RED);
            assertThat(reason(a, "WATCHED-PARTY").evidence())
                    .as(name)
                    .startsWith("consignee '" + name + "' resembles watched party 'Tekhnoprom Logistik'");
        }
        Declaration other = new Declaration("620342");
        other.consignor = "Tekhnoimport Almaty";
        assertThat(ruleIds(other.assess())).doesNotContain("WATCHED-PARTY");
    }

    @Test
    void undervaluedGoodsAreFlaggedInAnyCurrencyWithARate() {
        // laptops, reference 100 USD/kg, anomaly below 0.2 x 100 = 20 USD/kg
        Assessment cheap =
                new Declaration().line("8471300000", "", 10, 100, "USD").assess(); // 10 USD/kg
        assertThat(cheap.score()).isEqualTo(30);
        assertThat(cheap.channel()).isEqualTo(InspectionChannel.YELLOW);
        assertThat(reason(cheap, "UNDERVALUED").evidence())
                .isEqualTo(
                        "HS 8471300000 declared at 10.00 USD/kg, below 0.20 of the reference 100.00 USD/kg for 8471");

        // 700 CNY x 0.14 = 98 USD for 10 kg = 9.8 USD/kg
        assertThat(ruleIds(
                        new Declaration().line("8471300000", "", 10, 700, "CNY").assess()))
                .contains("UNDERVALUED");
        // 500 USD/kg is a plausible value
        assertThat(ruleIds(new Declaration()
                        .line("8471300000", "", 10, 5_000, "USD")
                        .assess()))
                .doesNotContain("UNDERVALUED");
        // no rate for GBP: not compared rather than guessed
        assertThat(ruleIds(
                        new Declaration().line("8471300000", "", 10, 1, "GBP").assess()))
                .doesNotContain("UNDERVALUED");
        // no reference for the heading: not compared
        assertThat(ruleIds(
                        new Declaration().line("6203420000", "", 10, 1, "USD").assess()))
                .doesNotContain("UNDERVALUED");
    }

    @Test
    void aFirstTimeTraderWeighsMore() {
        Declaration known = new Declaration("847150");
        Declaration first = new Declaration("847150");
        first.firstTime = true;

        assertThat(first.assess().score() - known.assess().score()).isEqualTo(10);
        assertThat(reason(first.assess(), "FIRST-TIME-TRADER").evidence())
                .isEqualTo("consignor 'Almaty Trade' has no earlier declaration");
    }

    @Test
    void onlyARecognisedPartnersInspectionCounts() {
        // 847150 on tier 3.A (35); 845811 on tier 4.B (30) and a machine tool (25): 90, RED by score alone
        Declaration chinaScanned = new Declaration("847150", "845811");
        chinaScanned.partners = Set.of("CN");
        Declaration otherScanned = new Declaration("847150", "845811");
        otherScanned.partners = Set.of("UZ");

        // China's X-ray is recognised: 90 - 25 = 65, still RED by score, but no rule demands RED: YELLOW
        Assessment recognised = chinaScanned.assess();
        assertThat(recognised.score()).isEqualTo(65);
        assertThat(recognised.channel()).isEqualTo(InspectionChannel.YELLOW);
        assertThat(ruleIds(recognised)).contains(RiskEngine.MUTUAL_RECOGNITION_RULE);
        assertThat(reason(recognised, "PARTNER-XRAY").evidence())
                .isEqualTo("inspection by the recognised partner administration of CN");
        // no agreement with this administration in the ruleset: 90, RED by unloading
        Assessment other = otherScanned.assess();
        assertThat(other.score()).isEqualTo(90);
        assertThat(other.channel()).isEqualTo(InspectionChannel.RED);
        assertThat(ruleIds(other)).doesNotContain("PARTNER-XRAY", RiskEngine.MUTUAL_RECOGNITION_RULE);
    }
}
