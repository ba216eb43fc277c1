package io.borderflow.inspection.grpc;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.borderflow.api.common.v1.Provenance;
import io.borderflow.api.common.v1.ProvenanceKind;
import io.borderflow.api.inspection.v1.BrandCondition;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.ChannelThresholds;
import io.borderflow.api.inspection.v1.CountryCondition;
import io.borderflow.api.inspection.v1.CountryRole;
import io.borderflow.api.inspection.v1.CurrencyRate;
import io.borderflow.api.inspection.v1.FirstTimeTraderCondition;
import io.borderflow.api.inspection.v1.GoodsList;
import io.borderflow.api.inspection.v1.GoodsListCondition;
import io.borderflow.api.inspection.v1.GoodsListTier;
import io.borderflow.api.inspection.v1.HandlingTimes;
import io.borderflow.api.inspection.v1.HsPrefixCondition;
import io.borderflow.api.inspection.v1.PartnerInspectionCondition;
import io.borderflow.api.inspection.v1.PartyScreeningCondition;
import io.borderflow.api.inspection.v1.ReferenceValue;
import io.borderflow.api.inspection.v1.RiskRule;
import io.borderflow.api.inspection.v1.RuleCondition;
import io.borderflow.api.inspection.v1.Ruleset;
import io.borderflow.api.inspection.v1.TraderAeoCondition;
import io.borderflow.api.inspection.v1.ValueAnomalyCondition;
import io.borderflow.api.inspection.v1.WatchedParty;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Ruleset drafts as a risk analyst would send them to CreateRuleset or SimulateRuleset: valid unless a test breaks them. */
final class RulesetDrafts {
    private RulesetDrafts() {}

    /** One rule (rules[0]: HS prefix 8806, weight 60, at least RED), thresholds 30/60, no random sample. */
    static Ruleset.Builder minimal(String displayName) {
        return Ruleset.newBuilder()
                .setDisplayName(displayName)
                .setDescription("Drones only, to try the draft life cycle")
                .setThresholds(thresholds(30, 60))
                .setRandomSampleRate(0)
                .setRandomSampleBasis("estimate: no sample while the draft is tried")
                .addRules(rule("DRONES", 60, Channel.CHANNEL_RED, hsPrefix("8806")));
    }

    /**
     * Every kind of condition, further conditions (also_requires) and handling times:
     * <ol start="0">
     * <li>CHPL-CORE-1: goods list chpl-core tier 1, 70, at least RED</li>
     * <li>CHIPS-TO-RUSSIA: any chpl-core code, of a watched brand, bound for RU or BY, 20, REFUSED</li>
     * <li>DRONES: HS prefix 8806, 60, at least RED</li>
     * <li>WATCHED-PARTY: party screening, similarity from 0.9, 60, at least RED</li>
     * <li>UNDERVALUED: value anomaly below 0.25 of the reference, 30</li>
     * <li>FIRST-TIME-TRADER: 5</li>
     * <li>TRANSIT-KG: transit through KG, 10</li>
     * <li>PARTNER-XRAY: Chinese inspection, -25</li>
     * <li>AEO-TRADER: -20</li>
     * </ol>
     */
    static Ruleset.Builder full(String displayName) {
        return Ruleset.newBuilder()
                .setDisplayName(displayName)
                .setDescription("Core CHPL codes, diversion to Russia, watched parties and undervaluation")
                .setThresholds(thresholds(25, 55))
                .setRandomSampleRate(0.03)
                .setRandomSampleBasis("estimate: 3% keeps green honest within capacity")
                .setHandlingTimes(HandlingTimes.newBuilder()
                        .setGreen(minutes(4))
                        .setBlue(minutes(6))
                        .setYellow(minutes(90))
                        .setRedXray(minutes(40))
                        .setRedUnloading(minutes(200))
                        .setRefused(minutes(20))
                        .setBasis("estimate: timed at one post over a week"))
                .addGoodsLists(GoodsList.newBuilder()
                        .setListId("chpl-core")
                        .setDisplayName("CHPL tiers 1 and 2, in part")
                        .setVersion("2024-02-23")
                        .setProvenance(Provenance.newBuilder()
                                .setKind(ProvenanceKind.PROVENANCE_KIND_OFFICIAL)
                                .setCitation(
                                        "US Bureau of Industry and Security, \"Common High Priority List\" (2024-02-23)")
                                .setUrl(
                                        "https://www.bis.gov/licensing/country-guidance/common-high-priority-items-list-chpl")
                                .setNote("three codes of tiers 1 and 2"))
                        .addTiers(GoodsListTier.newBuilder()
                                .setTier("1")
                                .setDescription("Integrated circuits")
                                .addHsCodes("854231")
                                .addHsCodes("854232")
                                .setVerification("official list"))
                        .addTiers(GoodsListTier.newBuilder()
                                .setTier("2")
                                .setDescription("Other electronics")
                                .addHsCodes("851762")
                                .setVerification("official list")))
                .addRules(rule(
                        "CHPL-CORE-1",
                        70,
                        Channel.CHANNEL_RED,
                        RuleCondition.newBuilder()
                                .setGoodsList(GoodsListCondition.newBuilder()
                                        .setListId("chpl-core")
                                        .addTiers("1"))
                                .build()))
                .addRules(rule(
                                "CHIPS-TO-RUSSIA",
                                20,
                                Channel.CHANNEL_REFUSED,
                                RuleCondition.newBuilder()
                                        .setGoodsList(
                                                GoodsListCondition.newBuilder().setListId("chpl-core"))
                                        .build())
                        .toBuilder()
                        .addAlsoRequires(country(CountryRole.COUNTRY_ROLE_DESTINATION, "RU", "BY"))
                        .addAlsoRequires(RuleCondition.newBuilder()
                                .setBrand(BrandCondition.newBuilder()
                                        .addBrands("Texas Instruments")
                                        .addBrands("Analog Devices"))))
                .addRules(rule("DRONES", 60, Channel.CHANNEL_RED, hsPrefix("8806")))
                .addRules(rule(
                        "WATCHED-PARTY",
                        60,
                        Channel.CHANNEL_RED,
                        RuleCondition.newBuilder()
                                .setPartyScreening(PartyScreeningCondition.newBuilder()
                                        .setMinSimilarity(0.9)
                                        .addParties(WatchedParty.newBuilder()
                                                .setName("Tekhnoprom Logistik")
                                                .addAliases("ООО «Технопром Логистик»")
                                                .setNote("illustrative")))
                                .build()))
                .addRules(rule(
                        "UNDERVALUED",
                        30,
                        Channel.CHANNEL_UNSPECIFIED,
                        RuleCondition.newBuilder()
                                .setValueAnomaly(ValueAnomalyCondition.newBuilder()
                                        .setMaxRatio(0.25)
                                        .addReferences(ReferenceValue.newBuilder()
                                                .setHsPrefix("8542")
                                                .setUsdPerKg(1000)
                                                .setBasis("estimate: integrated circuits"))
                                        .addUsdRates(CurrencyRate.newBuilder()
                                                .setCurrency("CNY")
                                                .setUsd(0.14))
                                        .addUsdRates(CurrencyRate.newBuilder()
                                                .setCurrency("EUR")
                                                .setUsd(1.08)))
                                .build()))
                .addRules(rule(
                        "FIRST-TIME-TRADER",
                        5,
                        Channel.CHANNEL_UNSPECIFIED,
                        RuleCondition.newBuilder()
                                .setFirstTimeTrader(FirstTimeTraderCondition.getDefaultInstance())
                                .build()))
                .addRules(rule(
                        "TRANSIT-KG", 10, Channel.CHANNEL_UNSPECIFIED, country(CountryRole.COUNTRY_ROLE_TRANSIT, "KG")))
                .addRules(rule(
                        "PARTNER-XRAY",
                        -25,
                        Channel.CHANNEL_UNSPECIFIED,
                        RuleCondition.newBuilder()
                                .setPartnerInspection(
                                        PartnerInspectionCondition.newBuilder().addAdministrationCountryCodes("CN"))
                                .build()))
                .addRules(rule(
                        "AEO-TRADER",
                        -20,
                        Channel.CHANNEL_UNSPECIFIED,
                        RuleCondition.newBuilder()
                                .setTraderAeo(TraderAeoCondition.getDefaultInstance())
                                .build()));
    }

    static RiskRule rule(String ruleId, int weight, Channel minimum, RuleCondition condition) {
        return RiskRule.newBuilder()
                .setRuleId(ruleId)
                .setDescription(ruleId.toLowerCase(Locale.ROOT).replace('-', ' '))
                .setWeight(weight)
                .setMinimumChannel(minimum)
                .setCondition(condition)
                .build();
    }

    static RuleCondition hsPrefix(String... prefixes) {
        return RuleCondition.newBuilder()
                .setHsPrefix(HsPrefixCondition.newBuilder().addAllPrefixes(List.of(prefixes)))
                .build();
    }

    static RuleCondition country(CountryRole role, String... codes) {
        return RuleCondition.newBuilder()
                .setCountry(CountryCondition.newBuilder().setRole(role).addAllCountryCodes(List.of(codes)))
                .build();
    }

    static ChannelThresholds thresholds(int yellowFrom, int redFrom) {
        return ChannelThresholds.newBuilder()
                .setYellowFromScore(yellowFrom)
                .setRedFromScore(redFrom)
                .build();
    }

    static Duration minutes(long minutes) {
        return Duration.newBuilder().setSeconds(minutes * 60).build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
