package io.borderflow.loadharness.report;

import io.borderflow.loadharness.drive.PhaseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every target of issue 8 against what a run measured; a target whose phase did not run is "not measured". */
public final class TargetChecks {
    /**
     * One target.
     *
     * @param met true or false; null when not measured in this run
     */
    public record Check(String subject, String target, String measured, Boolean met) {}

    private TargetChecks() {}

    public static List<Check> of(RunResult run) {
        List<Check> checks = new ArrayList<>();
        for (ScenarioResult scenario : run.scenarios()) {
            var target = scenario.target();
            if (target.minThroughput() != null) {
                double measured = scenario.maxThroughput().achievedRate();
                checks.add(new Check(
                        scenario.rpc(),
                        String.format(Locale.ROOT, ">= %,.0f/s", target.minThroughput()),
                        String.format(Locale.ROOT, "%,.0f/s", measured),
                        target.throughputMet(measured)));
            }
            if (target.maxP99Ms() != null) {
                PhaseResult phase = scenario.atRate(target.p99Rate());
                String goal =
                        String.format(Locale.ROOT, "p99 < %.0f ms at %,.0f/s", target.maxP99Ms(), target.p99Rate());
                checks.add(
                        phase == null
                                ? new Check(scenario.rpc(), goal, "not measured", null)
                                : new Check(
                                        scenario.rpc(),
                                        goal,
                                        String.format(
                                                Locale.ROOT,
                                                "p99 %.1f ms (%,.0f/s achieved, %d failed)",
                                                phase.latency().p99Ms(),
                                                phase.achievedRate(),
                                                phase.failed()),
                                        target.p99Met(phase.latency().p99Ms()) && phase.failed() == 0));
            }
        }
        for (Map.Entry<String, Long> rss : run.peakRssBytes().entrySet()) {
            checks.add(new Check(
                    rss.getKey() + " RSS under load",
                    "< 350 MB",
                    String.format(Locale.ROOT, "peak %.0f MB", rss.getValue() / 1048576.0),
                    rss.getValue() < RunResult.RSS_LIMIT_BYTES));
        }
        for (Map.Entry<String, Long> ready : run.startToReadyMs().entrySet()) {
            checks.add(new Check(
                    ready.getKey() + " start to ready",
                    "<= 3 s",
                    String.format(Locale.ROOT, "%.2f s", ready.getValue() / 1000.0),
                    ready.getValue() <= RunResult.READY_LIMIT_MS));
        }
        return checks;
    }
}
