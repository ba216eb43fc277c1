package io.borderflow.inspection.grpc;

import com.google.protobuf.Duration;
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
import io.borderflow.api.inspection.v1.RulesetState;
import io.borderflow.api.inspection.v1.TraderAeoCondition;
import io.borderflow.api.inspection.v1.ValueAnomalyCondition;
import io.borderflow.api.inspection.v1.WatchedParty;
import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.RulesetDataset.ConditionData;
import io.borderflow.inspection.model.RulesetDetails;
import io.borderflow.inspection.model.RulesetEntity;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.reference.ProvenanceData;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.reference.SourceData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps ruleset versions to the v1 proto messages, and drafts from them. */
final class RulesetProtoMapper {
    private RulesetProtoMapper() {}

    static Ruleset toProto(RulesetDetails details) {
        RulesetEntity r = details.ruleset();
        RulesetDataset content = details.content();
        RulesetDataset.HandlingData handling =
                content.handlingMinutes() == null ? RulesetDataset.HandlingData.DEFAULTS : content.handlingMinutes();
        Ruleset.Builder proto = Ruleset.newBuilder()
                .setName("rulesets/" + r.version)
                .setVersion(r.version)
                .setDisplayName(content.displayName())
                .setDescription(content.description())
                .setState(RulesetState.valueOf("RULESET_STATE_" + details.state()))
                .setCreateTime(ProtoTimes.timestamp(r.createTime))
                .setThresholds(ChannelThresholds.newBuilder()
                        .setYellowFromScore(content.thresholds().yellowFromScore())
                        .setRedFromScore(content.thresholds().redFromScore()))
                .setRandomSampleRate(content.randomSampleRate())
                .setRandomSampleBasis(content.randomSampleBasis())
                .setHandlingTimes(HandlingTimes.newBuilder()
                        .setGreen(minutes(handling.green()))
                        .setBlue(minutes(handling.blue()))
                        .setYellow(minutes(handling.yellow()))
                        .setRedXray(minutes(handling.redXray()))
                        .setRedUnloading(minutes(handling.redUnloading()))
                        .setRefused(minutes(handling.refused()))
                        .setBasis(handling.basis()));
        if (r.activateTime != null) {
            proto.setActivateTime(ProtoTimes.timestamp(r.activateTime));
        }
        content.rules().forEach(rule -> proto.addRules(rule(rule)));
        Map<String, SourceData> sources = content.sources() == null ? Map.of() : content.sources();
        for (RulesetDataset.GoodsListData list : orEmpty(content.goodsLists())) {
            GoodsList.Builder goods = GoodsList.newBuilder()
                    .setListId(list.listId())
                    .setDisplayName(list.displayName())
                    .setVersion(list.version())
                    .setProvenance(provenance(list.provenance(), sources));
            for (RulesetDataset.TierData tier : list.tiers()) {
                goods.addTiers(GoodsListTier.newBuilder()
                        .setTier(tier.tier())
                        .setDescription(tier.description())
                        .addAllHsCodes(tier.hsCodes())
                        .setVerification(tier.verification()));
            }
            proto.addGoodsLists(goods);
        }
        return proto.build();
    }

    private static RiskRule rule(RulesetDataset.RuleData rule) {
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

    private static Provenance provenance(ProvenanceData stored, Map<String, SourceData> sources) {
        var proto = Provenance.newBuilder();
        if (stored.estimate() != null) {
            return proto.setKind(ProvenanceKind.PROVENANCE_KIND_ESTIMATE)
                    .setEstimateBasis(stored.estimate())
                    .build();
        }
        SourceData source = sources.get(stored.source());
        return proto.setKind(ProvenanceKind.valueOf("PROVENANCE_KIND_" + source.kind()))
                .setCitation(source.citation())
                .setUrl(source.url() == null ? "" : source.url())
                .setNote(stored.note() == null ? "" : stored.note())
                .build();
    }

    /**
     * A draft from the proto message, as written: nothing is checked here (RulesetDatasetCheck names every problem);
     * enum values that are unset become null, and a goods list's cited source gets a key derived from its content.
     */
    static RulesetDataset fromProto(Ruleset proto) {
        Map<String, SourceData> sources = new LinkedHashMap<>();
        List<RulesetDataset.GoodsListData> lists = new ArrayList<>();
        for (GoodsList list : proto.getGoodsListsList()) {
            List<RulesetDataset.TierData> tiers = list.getTiersList().stream()
                    .map(t -> new RulesetDataset.TierData(
                            t.getTier(), t.getDescription(), t.getHsCodesList(), t.getVerification()))
                    .toList();
            lists.add(new RulesetDataset.GoodsListData(
                    list.getListId(),
                    list.getDisplayName(),
                    list.getVersion(),
                    list.hasProvenance() ? provenance(list.getProvenance(), sources) : null,
                    tiers));
        }
        List<RulesetDataset.RuleData> rules = proto.getRulesList().stream()
                .map(r -> new RulesetDataset.RuleData(
                        r.getRuleId(),
                        r.getDescription(),
                        r.getWeight(),
                        channel(r.getMinimumChannel()),
                        condition(r.getCondition()),
                        r.getAlsoRequiresList().stream()
                                .map(RulesetProtoMapper::condition)
                                .toList()))
                .toList();
        RulesetDataset.HandlingData handling = null;
        if (proto.hasHandlingTimes()) {
            HandlingTimes h = proto.getHandlingTimes();
            handling = new RulesetDataset.HandlingData(
                    minutes(h.getGreen()),
                    minutes(h.getBlue()),
                    minutes(h.getYellow()),
                    minutes(h.getRedXray()),
                    minutes(h.getRedUnloading()),
                    minutes(h.getRefused()),
                    h.getBasis());
        }
        return new RulesetDataset(
                null,
                null,
                proto.getDisplayName(),
                proto.getDescription(),
                proto.hasThresholds()
                        ? new RulesetDataset.ThresholdsData(
                                proto.getThresholds().getYellowFromScore(),
                                proto.getThresholds().getRedFromScore())
                        : null,
                proto.getRandomSampleRate(),
                proto.getRandomSampleBasis(),
                handling,
                sources,
                lists,
                rules);
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

    private static ProvenanceData provenance(Provenance p, Map<String, SourceData> sources) {
        if (p.getKind() == ProvenanceKind.PROVENANCE_KIND_ESTIMATE) {
            return new ProvenanceData(null, null, p.getEstimateBasis());
        }
        if (p.getKind() == ProvenanceKind.PROVENANCE_KIND_UNSPECIFIED
                || p.getKind() == ProvenanceKind.UNRECOGNIZED
                || p.getCitation().isBlank()) {
            return new ProvenanceData(null, null, null);
        }
        String kind = p.getKind().name().substring("PROVENANCE_KIND_".length());
        String key = "api-"
                + ReferenceFile.sha256(kind + "|" + p.getCitation() + "|" + p.getUrl())
                        .substring(0, 16);
        sources.put(key, new SourceData(kind, p.getCitation(), p.getUrl().isEmpty() ? null : p.getUrl()));
        return new ProvenanceData(key, p.getNote().isEmpty() ? null : p.getNote(), null);
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

    /** Whole minutes of a duration; a duration that is not a whole number of minutes reads as 0, which the check refuses. */
    private static Integer minutes(Duration duration) {
        return duration.getNanos() == 0 && duration.getSeconds() % 60 == 0
                ? (int) Math.min(Integer.MAX_VALUE, duration.getSeconds() / 60)
                : 0;
    }

    private static Duration minutes(int minutes) {
        return Duration.newBuilder().setSeconds(minutes * 60L).build();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
