package io.borderflow.inspection.grpc;

import com.google.protobuf.Duration;
import io.borderflow.api.inspection.v1.AssessDeclarationResponse;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.ChannelChance;
import io.borderflow.api.inspection.v1.Decision;
import io.borderflow.api.inspection.v1.DecisionReason;
import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.InspectionKind;
import io.borderflow.api.inspection.v1.PartnerInspection;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.inspection.model.DeclarationContent;
import io.borderflow.inspection.model.DeclarationOutlook;
import io.borderflow.inspection.model.StoredDecision;
import io.borderflow.support.grpc.ProtoTimes;
import java.time.Instant;

/** Maps declarations and decisions between the v1 proto messages and the stored model. */
final class DeclarationProtoMapper {
    private static final String CHECKPOINTS = "checkpoints/";

    private DeclarationProtoMapper() {}

    /** The content of a submitted declaration; shape problems are left to the declaration check. */
    static DeclarationContent content(Declaration d) {
        return new DeclarationContent(
                d.getGoodsLinesList().stream()
                        .map(l -> new DeclarationContent.GoodsLine(
                                l.getHsCode(),
                                l.getDescription(),
                                l.getBrand(),
                                l.getQuantity(),
                                l.getQuantityUnit(),
                                l.getNetWeightKg(),
                                l.getCustomsValue(),
                                l.getCurrency(),
                                l.getOriginCountryCode()))
                        .toList(),
                d.hasConsignor()
                        ? new DeclarationContent.Party(
                                d.getConsignor().getName(), d.getConsignor().getCountryCode())
                        : null,
                d.hasConsignee()
                        ? new DeclarationContent.Party(
                                d.getConsignee().getName(), d.getConsignee().getCountryCode())
                        : null,
                d.getCarrierId(),
                d.getVehiclePlate(),
                d.getOriginCountryCode(),
                d.getTransitCountryCodesList(),
                d.getDestinationCountryCode(),
                d.getCheckpoint().startsWith(CHECKPOINTS) ? d.getCheckpoint().substring(CHECKPOINTS.length()) : null,
                d.getTraderAeo(),
                d.getPartnerInspectionsList().stream()
                        .map(p -> new DeclarationContent.PartnerInspection(
                                p.getAdministrationCountryCode(),
                                p.getReference(),
                                p.hasInspectTime()
                                        ? ProtoTimes.instant(p.getInspectTime()).toString()
                                        : null))
                        .toList());
    }

    static Declaration declaration(StoredDecision stored) {
        DeclarationContent c = stored.content();
        Declaration.Builder d = Declaration.newBuilder()
                .setName("declarations/" + stored.declaration().id)
                .setConsignor(Party.newBuilder()
                        .setName(c.consignor().name())
                        .setCountryCode(c.consignor().countryCode()))
                .setConsignee(Party.newBuilder()
                        .setName(c.consignee().name())
                        .setCountryCode(c.consignee().countryCode()))
                .setCarrierId(c.carrierId())
                .setVehiclePlate(c.vehiclePlate())
                .setOriginCountryCode(c.originCountryCode())
                .addAllTransitCountryCodes(c.transitCountryCodes())
                .setDestinationCountryCode(c.destinationCountryCode())
                .setCheckpoint(CHECKPOINTS + c.checkpointId())
                .setTraderAeo(c.traderAeo())
                .setSubmitTime(ProtoTimes.timestamp(stored.declaration().submitTime));
        for (DeclarationContent.GoodsLine l : c.goodsLines()) {
            d.addGoodsLines(GoodsLine.newBuilder()
                    .setHsCode(l.hsCode())
                    .setDescription(l.description())
                    .setBrand(l.brand() == null ? "" : l.brand())
                    .setQuantity(l.quantity())
                    .setQuantityUnit(l.quantityUnit())
                    .setNetWeightKg(l.netWeightKg())
                    .setCustomsValue(l.customsValue())
                    .setCurrency(l.currency())
                    .setOriginCountryCode(l.originCountryCode()));
        }
        for (DeclarationContent.PartnerInspection p : c.partnerInspections()) {
            PartnerInspection.Builder inspection = PartnerInspection.newBuilder()
                    .setAdministrationCountryCode(p.administrationCountryCode())
                    .setReference(p.reference());
            if (p.inspectTime() != null) {
                Instant time = Instant.parse(p.inspectTime());
                inspection.setInspectTime(ProtoTimes.timestamp(time));
            }
            d.addPartnerInspections(inspection);
        }
        return d.build();
    }

    /**
     * The decision as its carrier sees it: the channel, how the truck is inspected, the expected handling time and
     * when; never the rule internals (no score, reasons, sample flag or ruleset).
     */
    static Decision carrierView(StoredDecision stored) {
        return decision(stored).toBuilder()
                .clearRiskScore()
                .clearReasons()
                .clearRandomSample()
                .clearRuleset()
                .build();
    }

    static Decision decision(StoredDecision stored) {
        var e = stored.decision();
        Decision.Builder d = Decision.newBuilder()
                .setName("declarations/" + e.declarationId + "/decision")
                .setChannel(Channel.valueOf("CHANNEL_" + e.channel))
                .setInspectionKind(InspectionKind.valueOf("INSPECTION_KIND_" + e.inspectionKind))
                .setRiskScore(e.riskScore)
                .setRandomSample(e.randomSample)
                .setRuleset("rulesets/" + e.rulesetVersion)
                .setExpectedHandling(Duration.newBuilder().setSeconds(e.expectedHandlingSeconds))
                .setDecideTime(ProtoTimes.timestamp(e.decideTime))
                .setCheckpoint(CHECKPOINTS + e.checkpointId);
        stored.reasons().forEach(r -> d.addReasons(reason(r)));
        return d.build();
    }

    static AssessDeclarationResponse outlook(DeclarationOutlook outlook) {
        AssessDeclarationResponse.Builder response = AssessDeclarationResponse.newBuilder()
                .setRiskScore(outlook.riskScore())
                .setRuleset("rulesets/" + outlook.rulesetVersion())
                .setExpectedHandling(Duration.newBuilder().setSeconds(outlook.expectedHandlingSeconds()));
        outlook.chances()
                .forEach(chance -> response.addChannelChances(ChannelChance.newBuilder()
                        .setChannel(Channel.valueOf("CHANNEL_" + chance.channel()))
                        .setProbability(chance.probability())
                        .setExpectedHandling(Duration.newBuilder().setSeconds(chance.expectedHandlingSeconds()))));
        outlook.reasons().forEach(r -> response.addReasons(reason(r)));
        return response.build();
    }

    private static DecisionReason reason(StoredDecision.DecisionReason r) {
        return DecisionReason.newBuilder()
                .setRuleId(r.ruleId())
                .setRuleText(r.ruleText())
                .setWeight(r.weight())
                .setEvidence(r.evidence() == null ? "" : r.evidence())
                .build();
    }

    /** The stored channel of a requested one; null for "any". */
    static String channel(Channel channel) {
        return channel == Channel.CHANNEL_UNSPECIFIED ? null : channel.name().substring("CHANNEL_".length());
    }
}
