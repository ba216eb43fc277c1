package io.borderflow.loadharness.report;

import io.borderflow.loadharness.drive.PhaseResult;
import io.borderflow.loadharness.scenario.Target;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured.
 *
 * @param peakRssBytes each service's peak VmRSS while the scenario ran
 */
public record ScenarioResult(
        String name,
        String service,
        String rpc,
        String sends,
        Target target,
        PhaseResult maxThroughput,
        List<PhaseResult> fixedRates,
        Map<String, Long> peakRssBytes) {

    /** The fixed-rate phase at {@code rate}, or null. */
    public PhaseResult atRate(double rate) {
        return fixedRates.stream()
                .filter(p -> p.offeredRate() == rate)
                .findFirst()
                .orElse(null);
    }
}
