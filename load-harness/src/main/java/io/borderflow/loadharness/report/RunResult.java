package io.borderflow.loadharness.report;

import io.borderflow.loadharness.measure.MachineInfo;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the harness.
 *
 * @param mode {@code full}, {@code quick}, or {@code custom} (durations or scenarios chosen)
 * @param settings the durations and concurrency used, for the record
 * @param commit the repository's HEAD commit
 * @param startToReadyMs each service's start-to-ready time
 * @param floorScenario the scenario whose maximum throughput is the floor ratios are taken against
 * @param idleCpu CPU used while the suite stood idle, once ready and before the first scenario
 */
public record RunResult(
        LocalDate date,
        String mode,
        Map<String, Object> settings,
        String commit,
        MachineInfo machine,
        Map<String, Long> startToReadyMs,
        List<ScenarioResult> scenarios,
        String floorScenario,
        io.borderflow.loadharness.drive.CpuUse idleCpu) {
    /** RSS target of every service, bytes. */
    public static final long RSS_LIMIT_BYTES = 350L * 1024 * 1024;
    /** Start-to-ready target of every service, milliseconds. */
    public static final long READY_LIMIT_MS = 3000;

    /** The floor's maximum throughput, or NaN when the floor scenario did not run. */
    public double floorThroughput() {
        return scenarios.stream()
                .filter(s -> s.name().equals(floorScenario))
                .findFirst()
                .map(s -> s.maxThroughput().achievedRate())
                .orElse(Double.NaN);
    }

    /** Each service's peak VmRSS over all scenarios, in the services' start order. */
    public Map<String, Long> peakRssBytes() {
        Map<String, Long> peaks = new LinkedHashMap<>();
        for (String service : startToReadyMs.keySet()) {
            scenarios.stream()
                    .map(s -> s.peakRssBytes().get(service))
                    .filter(java.util.Objects::nonNull)
                    .max(Long::compare)
                    .ifPresent(rss -> peaks.put(service, rss));
        }
        for (ScenarioResult scenario : scenarios) {
            scenario.peakRssBytes().forEach((service, rss) -> peaks.merge(service, rss, Math::max));
        }
        return peaks;
    }
}
