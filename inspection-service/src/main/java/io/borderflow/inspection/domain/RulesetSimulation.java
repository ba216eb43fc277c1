package io.borderflow.inspection.domain;

import io.borderflow.inspection.model.SimulationOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What-if replay: runs declarations through an engine and sums what its decisions would mean for the queue and for
 * detection. Plain arithmetic over {@link RiskEngine#assess}, so the same declarations and ruleset always give the same
 * figures.
 */
public final class RulesetSimulation {
    private RulesetSimulation() {}

    /**
     * A stored declaration to replay: its facts, its checkpoint, and whether its recorded inspection result found a
     * violation.
     */
    public record Replayed(DeclarationFacts facts, String checkpointId, boolean violationFound) {}

    /**
     * @param days length of the period in days, the denominator of the per-day figures; above 0
     */
    public static SimulationOutcome run(RiskEngine engine, List<Replayed> declarations, double days) {
        if (!(days > 0)) {
            throw new IllegalArgumentException("days must be above 0");
        }
        Map<String, Long> channels = new LinkedHashMap<>();
        for (InspectionChannel channel : InspectionChannel.values()) {
            channels.put(channel.name(), 0L);
        }
        Map<String, double[]> load = new TreeMap<>();
        long found = 0;
        long inspected = 0;
        long physical = 0;
        for (Replayed declaration : declarations) {
            Assessment assessment = engine.assess(declaration.facts());
            InspectionChannel channel = assessment.channel();
            channels.merge(channel.name(), 1L, Long::sum);
            boolean inspects = channel == InspectionChannel.YELLOW
                    || channel == InspectionChannel.RED
                    || channel == InspectionChannel.REFUSED;
            boolean physically = channel == InspectionChannel.RED || channel == InspectionChannel.REFUSED;
            double[] sums = load.computeIfAbsent(declaration.checkpointId(), k -> new double[3]);
            sums[0]++;
            if (inspects) {
                sums[1] += hours(assessment.expectedHandling());
            }
            if (channel == InspectionChannel.RED) {
                sums[2]++;
            }
            if (declaration.violationFound()) {
                found++;
                inspected += inspects ? 1 : 0;
                physical += physically ? 1 : 0;
            }
        }
        List<SimulationOutcome.CheckpointLoad> checkpoints = load.entrySet().stream()
                .map(e -> new SimulationOutcome.CheckpointLoad(
                        e.getKey(), e.getValue()[0] / days, e.getValue()[1] / days, e.getValue()[2] / days))
                .toList();
        return new SimulationOutcome(
                engine.version(), channels, checkpoints, new SimulationOutcome.Detection(found, inspected, physical));
    }

    private static double hours(Duration duration) {
        return duration.toSeconds() / 3600.0;
    }
}
