package io.borderflow.inspection.grpc;

import io.borderflow.api.inspection.v1.BrandCondition;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.CountryCondition;
import io.borderflow.api.inspection.v1.CountryRole;
import io.borderflow.api.inspection.v1.CurrencyRate;
import io.borderflow.api.inspection.v1.FirstTimeTraderCondition;
import io.borderflow.api.inspection.v1.GoodsListCondition;
import io.borderflow.api.inspection.v1.HsPrefixCondition;
import io.borderflow.api.inspection.v1.PartnerInspectionCondition;
import io.borderflow.api.inspection.v1.PartyScreeningCondition;
import io.borderflow.api.inspection.v1.ReferenceValue;
import io.borderflow.api.inspection.v1.RiskRule;
import io.borderflow.api.inspection.v1.RuleCondition;
import io.borderflow.api.inspection.v1.TraderAeoCondition;
import io.borderflow.api.inspection.v1.ValueAnomalyCondition;
import io.borderflow.api.inspection.v1.WatchedParty;
import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.RulesetDataset.ConditionData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the risk rules of a ruleset version, with their conditions, to the v1 proto messages and back, for
 * {@link RulesetProtoMapper}.
 */
final class RuleProtoMapper {
    private RuleProtoMapper() {}

    /** The proto message of a stored rule; a minimum channel that is unset is {@code CHANNEL_UNSPECIFIED}. */
    static RiskRule toProto(RulesetDataset.RuleData rule) {
        RiskRule.Builder proto = RiskRule.newBuilder()
                .setRuleId(rule.ruleId())
                .setDescription(rule.description())
                .setWeight(rule.weight())
                .setCondition(condition(rule.condition()))
                .setMinimumChannel(
                        rule.minimumChannel() == null
                                ? Channel.CHANNEL_UNSPECIFIED
                                : Channel.valueOf("CHANNEL_" + rule.minimumChannel()));
        orEmpty(rule.alsoRequires()).forEach(c -> proto.addAlsoRequires(condition(c)));
        return proto.build();
    }

    private static RuleCondition condition(ConditionData c) {
        RuleCondition.Builder proto = RuleCondition.newBuilder();
        if (c.goodsList() != null) {
            proto.setGoodsList(GoodsListCondition.newBuilder()
                    .setListId(c.goodsList().listId())
                    .addAllTiers(orEmpty(c.goodsList().tiers())));
        } else if (c.hsPrefix() != null) {
            proto.setHsPrefix(
                    HsPrefixCondition.newBuilder().addAllPrefixes(c.hsPrefix().prefixes()));
        } else if (c.traderAeo() != null) {
            proto.setTraderAeo(TraderAeoCondition.getDefaultInstance());
        } else if (c.partnerInspection() != null) {
            proto.setPartnerInspection(PartnerInspectionCondition.newBuilder()
                    .addAllAdministrationCountryCodes(
                            orEmpty(c.partnerInspection().administrationCountryCodes())));
        } else if (c.country() != null) {
            proto.setCountry(CountryCondition.newBuilder()
                    .setRole(CountryRole.valueOf("COUNTRY_ROLE_" + c.country().role()))
                    .addAllCountryCodes(c.country().countryCodes()));
        } else if (c.brand() != null) {
            proto.setBrand(BrandCondition.newBuilder().addAllBrands(c.brand().brands()));
        } else if (c.partyScreening() != null) {
            PartyScreeningCondition.Builder screening = PartyScreeningCondition.newBuilder()
                    .setMinSimilarity(c.partyScreening().minSimilarity());
            c.partyScreening()
                    .parties()
                    .forEach(p -> screening.addParties(WatchedParty.newBuilder()
                            .setName(p.name())
                            .addAllAliases(orEmpty(p.aliases()))
                            .setNote(p.note() == null ? "" : p.note())));
            proto.setPartyScreening(screening);
        } else if (c.valueAnomaly() != null) {
            ValueAnomalyCondition.Builder anomaly = ValueAnomalyCondition.newBuilder()
                    .setMaxRatio(c.valueAnomaly().maxRatio());
            c.valueAnomaly()
                    .references()
                    .forEach(r -> anomaly.addReferences(ReferenceValue.newBuilder()
                            .setHsPrefix(r.hsPrefix())
                            .setUsdPerKg(r.usdPerKg())
                            .setBasis(r.basis())));
            if (c.valueAnomaly().usdRates() != null) {
                c.valueAnomaly()
                        .usdRates()
                        .forEach((currency, usd) -> anomaly.addUsdRates(
                                CurrencyRate.newBuilder().setCurrency(currency).setUsd(usd)));
            }
            proto.setValueAnomaly(anomaly);
        } else if (c.firstTimeTrader() != null) {
            proto.setFirstTimeTrader(FirstTimeTraderCondition.getDefaultInstance());
        }
        return proto.build();
    }

    /** A rule from the proto message, as written: nothing is checked here; enum values that are unset become null. */
    static RulesetDataset.RuleData fromProto(RiskRule r) {
        return new RulesetDataset.RuleData(
                r.getRuleId(),
                r.getDescription(),
                r.getWeight(),
                channel(r.getMinimumChannel()),
                condition(r.getCondition()),
                r.getAlsoRequiresList().stream().map(RuleProtoMapper::condition).toList());
    }

    private static ConditionData condition(RuleCondition c) {
        return switch (c.getConditionCase()) {
            case GOODS_LIST ->
                new ConditionData(
                        new RulesetDataset.GoodsListConditionData(
                                c.getGoodsList().getListId(), c.getGoodsList().getTiersList()),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
            case HS_PREFIX ->
                new ConditionData(
                        null,
                        new RulesetDataset.HsPrefixConditionData(c.getHsPrefix().getPrefixesList()),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
            case TRADER_AEO ->
                new ConditionData(null, null, new RulesetDataset.Marker(), null, null, null, null, null, null);
            case PARTNER_INSPECTION ->
                new ConditionData(
                        null,
                        null,
                        null,
                        new RulesetDataset.PartnerInspectionConditionData(
                                c.getPartnerInspection().getAdministrationCountryCodesList()),
                        null,
                        null,
                        null,
                        null,
                        null);
            case COUNTRY ->
                new ConditionData(
                        null,
                        null,
                        null,
                        null,
                        new RulesetDataset.CountryConditionData(
                                role(c.getCountry().getRole()), c.getCountry().getCountryCodesList()),
                        null,
                        null,
                        null,
                        null);
            case BRAND ->
                new ConditionData(
                        null,
                        null,
                        null,
                        null,
                        null,
                        new RulesetDataset.BrandConditionData(c.getBrand().getBrandsList()),
                        null,
                        null,
                        null);
            case PARTY_SCREENING ->
                new ConditionData(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new RulesetDataset.PartyScreeningConditionData(
                                c.getPartyScreening().getMinSimilarity(),
                                c.getPartyScreening().getPartiesList().stream()
                                        .map(p -> new RulesetDataset.WatchedPartyData(
                                                p.getName(), p.getAliasesList(), p.getNote()))
                                        .toList()),
                        null,
                        null);
            case VALUE_ANOMALY -> {
                Map<String, Double> rates = new LinkedHashMap<>();
                c.getValueAnomaly().getUsdRatesList().forEach(r -> rates.put(r.getCurrency(), r.getUsd()));
                yield new ConditionData(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new RulesetDataset.ValueAnomalyConditionData(
                                c.getValueAnomaly().getMaxRatio(),
                                c.getValueAnomaly().getReferencesList().stream()
                                        .map(r -> new RulesetDataset.ReferenceValueData(
                                                r.getHsPrefix(), r.getUsdPerKg(), r.getBasis()))
                                        .toList(),
                                rates),
                        null);
            }
            case FIRST_TIME_TRADER ->
                new ConditionData(null, null, null, null, null, null, null, null, new RulesetDataset.Marker());
            case CONDITION_NOT_SET -> new ConditionData(null, null, null, null, null, null, null, null, null);
        };
    }

    private static String channel(Channel channel) {
        return channel == Channel.CHANNEL_UNSPECIFIED
                ? null
                : channel == Channel.UNRECOGNIZED
                        ? "UNRECOGNIZED"
                        : channel.name().substring("CHANNEL_".length());
    }

    private static String role(CountryRole role) {
        return role == CountryRole.COUNTRY_ROLE_UNSPECIFIED || role == CountryRole.UNRECOGNIZED
                ? null
                : role.name().substring("COUNTRY_ROLE_".length());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
