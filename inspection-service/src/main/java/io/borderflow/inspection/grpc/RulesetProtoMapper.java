package io.borderflow.inspection.grpc;

import com.google.protobuf.Timestamp;
import io.borderflow.api.common.v1.ProvenanceKind;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.ChannelThresholds;
import io.borderflow.api.inspection.v1.GoodsList;
import io.borderflow.api.inspection.v1.GoodsListCondition;
import io.borderflow.api.inspection.v1.GoodsListTier;
import io.borderflow.api.inspection.v1.HsPrefixCondition;
import io.borderflow.api.inspection.v1.PartnerInspectionCondition;
import io.borderflow.api.inspection.v1.RiskRule;
import io.borderflow.api.inspection.v1.RuleCondition;
import io.borderflow.api.inspection.v1.Ruleset;
import io.borderflow.api.inspection.v1.RulesetState;
import io.borderflow.api.inspection.v1.TraderAeoCondition;
import io.borderflow.inspection.model.GoodsListEntity;
import io.borderflow.inspection.model.GoodsListTierEntity;
import io.borderflow.support.reference.ProvenanceColumns;
import io.borderflow.inspection.model.RiskRuleEntity;
import io.borderflow.inspection.model.RulesetDetails;
import io.borderflow.inspection.model.RulesetEntity;
import io.borderflow.support.reference.SourceEntity;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;

/** Maps ruleset versions to the v1 proto messages. */
final class RulesetProtoMapper {
    private RulesetProtoMapper() {
    }

    static Ruleset toProto(RulesetDetails details) {
        RulesetEntity r = details.ruleset();
        Ruleset.Builder proto = Ruleset.newBuilder()
                .setName("rulesets/" + r.version)
                .setVersion(r.version)
                .setDisplayName(r.displayName)
                .setDescription(r.description)
                .setState(RulesetState.valueOf("RULESET_STATE_" + r.state))
                .setCreateTime(timestamp(r.createTime))
                .setThresholds(ChannelThresholds.newBuilder().setYellowFromScore(r.yellowFromScore)
                        .setRedFromScore(r.redFromScore))
                .setRandomSampleRate(r.randomSampleRate)
                .setRandomSampleBasis(r.randomSampleBasis);
        if (r.activateTime != null) {
            proto.setActivateTime(timestamp(r.activateTime));
        }
        details.rules().forEach(rule -> proto.addRules(rule(rule)));
        for (GoodsListEntity list : details.goodsLists()) {
            GoodsList.Builder goods = GoodsList.newBuilder().setListId(list.listId).setDisplayName(list.displayName)
                    .setVersion(list.version).setProvenance(provenance(list.provenance, details.sources()));
            for (GoodsListTierEntity tier : details.tiers()) {
                if (tier.goodsListId.equals(list.id)) {
                    goods.addTiers(GoodsListTier.newBuilder().setTier(tier.tier).setDescription(tier.description)
                            .addAllHsCodes(Arrays.asList(tier.hsCodes.split(","))).setVerification(tier.verification));
                }
            }
            proto.addGoodsLists(goods);
        }
        return proto.build();
    }

    private static RiskRule rule(RiskRuleEntity rule) {
        RuleCondition.Builder condition = RuleCondition.newBuilder();
        var values = rule.conditionValues.isEmpty() ? java.util.List.<String>of() : Arrays.asList(rule.conditionValues.split(","));
        switch (rule.conditionKind) {
            case "GOODS_LIST" -> condition.setGoodsList(GoodsListCondition.newBuilder().setListId(rule.conditionListId)
                    .addAllTiers(values));
            case "HS_PREFIX" -> condition.setHsPrefix(HsPrefixCondition.newBuilder().addAllPrefixes(values));
            case "TRADER_AEO" -> condition.setTraderAeo(TraderAeoCondition.getDefaultInstance());
            case "PARTNER_INSPECTION" -> condition.setPartnerInspection(PartnerInspectionCondition.getDefaultInstance());
            default -> throw new IllegalStateException("unknown condition kind " + rule.conditionKind);
        }
        return RiskRule.newBuilder().setRuleId(rule.ruleId).setDescription(rule.description).setWeight(rule.weight)
                .setCondition(condition)
                .setMinimumChannel(rule.minimumChannel == null ? Channel.CHANNEL_UNSPECIFIED
                        : Channel.valueOf("CHANNEL_" + rule.minimumChannel))
                .build();
    }

    private static Timestamp timestamp(OffsetDateTime time) {
        return Timestamp.newBuilder().setSeconds(time.toEpochSecond()).setNanos(time.getNano()).build();
    }

    private static io.borderflow.api.common.v1.Provenance provenance(ProvenanceColumns stored, Map<String, SourceEntity> sources) {
        var proto = io.borderflow.api.common.v1.Provenance.newBuilder();
        if (stored.estimate != null) {
            return proto.setKind(ProvenanceKind.PROVENANCE_KIND_ESTIMATE).setEstimateBasis(stored.estimate).build();
        }
        SourceEntity source = sources.get(stored.source);
        return proto.setKind(ProvenanceKind.valueOf("PROVENANCE_KIND_" + source.kind))
                .setCitation(source.citation)
                .setUrl(source.url == null ? "" : source.url)
                .setNote(stored.note == null ? "" : stored.note)
                .build();
    }
}
