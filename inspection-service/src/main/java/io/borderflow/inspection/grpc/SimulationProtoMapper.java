package io.borderflow.inspection.grpc;

import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.ChannelShare;
import io.borderflow.api.inspection.v1.CheckpointLoad;
import io.borderflow.api.inspection.v1.Detection;
import io.borderflow.api.inspection.v1.SimulateRulesetResponse;
import io.borderflow.inspection.model.SimulationOutcome;
import io.borderflow.inspection.service.RulesetApplicationService.SimulationReport;

/** Maps a what-if report to the v1 proto messages. */
final class SimulationProtoMapper {
    private SimulationProtoMapper() {}

    static SimulateRulesetResponse toProto(SimulationReport report) {
        return SimulateRulesetResponse.newBuilder()
                .setActive(outcome(report.active(), true, report.declarations()))
                .setCandidate(outcome(report.candidate(), report.candidateStored(), report.declarations()))
                .setDeclarations(report.declarations())
                .setDays(report.days())
                .build();
    }

    private static io.borderflow.api.inspection.v1.SimulationOutcome outcome(
            SimulationOutcome outcome, boolean stored, long declarations) {
        var proto = io.borderflow.api.inspection.v1.SimulationOutcome.newBuilder()
                .setRuleset(stored ? "rulesets/" + outcome.rulesetVersion() : "");
        outcome.channels()
                .forEach((channel, count) -> proto.addChannels(ChannelShare.newBuilder()
                        .setChannel(Channel.valueOf("CHANNEL_" + channel))
                        .setCount(count)
                        .setShare(declarations == 0 ? 0 : (double) count / declarations)));
        outcome.checkpoints()
                .forEach(load -> proto.addCheckpoints(CheckpointLoad.newBuilder()
                        .setCheckpoint("checkpoints/" + load.checkpointId())
                        .setDeclarationsPerDay(load.declarationsPerDay())
                        .setInspectionHoursPerDay(load.inspectionHoursPerDay())
                        .setPhysicalInspectionsPerDay(load.physicalInspectionsPerDay())));
        SimulationOutcome.Detection detection = outcome.detection();
        proto.setDetection(Detection.newBuilder()
                .setViolationsFound(detection.violationsFound())
                .setStillInspected(detection.stillInspected())
                .setStillPhysicallyInspected(detection.stillPhysicallyInspected())
                .setDetectionRate(detection.rate()));
        return proto.build();
    }
}
