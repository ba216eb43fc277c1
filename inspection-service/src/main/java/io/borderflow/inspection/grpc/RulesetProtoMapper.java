package io.borderflow.inspection.grpc;

import com.google.protobuf.Duration;
import io.borderflow.api.common.v1.Provenance;
import io.borderflow.api.common.v1.ProvenanceKind;
import io.borderflow.api.inspection.v1.ChannelThresholds;
import io.borderflow.api.inspection.v1.GoodsList;
import io.borderflow.api.inspection.v1.GoodsListTier;
import io.borderflow.api.inspection.v1.HandlingTimes;
import io.borderflow.api.inspection.v1.Ruleset;
import io.borderflow.api.inspection.v1.RulesetState;
import io.borderflow.inspection.model.RulesetDataset;
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

/**
 * Maps ruleset versions to the v1 proto messages, and drafts from them: the ruleset's own fields, its goods lists with
 * their provenance, and its handling times; each rule and its conditions through {@link RuleProtoMapper}.
 */
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
        content.rules().forEach(rule -> proto.addRules(RuleProtoMapper.toProto(rule)));
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
        List<RulesetDataset.RuleData> rules =
                proto.getRulesList().stream().map(RuleProtoMapper::fromProto).toList();
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
