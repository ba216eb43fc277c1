package io.borderflow.inspection.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** inspection-service settings ({@code borderflow.inspection.*}). */
@ConfigMapping(prefix = "borderflow.inspection")
public interface InspectionConfig {

    /**
     * Class-path resources of the rulesets shipped with this release, in version order. Each is stored once; the
     * newest becomes active at start-up unless a person has activated a version through the API (then the analysts'
     * choice stands and the shipped versions stay drafts).
     */
    @WithDefault("reference/ruleset-v1.json,reference/ruleset-v2.json")
    List<String> seedRulesets();

    /**
     * Declarations that may wait for their write group at once (DecisionBatches); one more is refused with
     * RESOURCE_EXHAUSTED, reason {@code QUEUE_FULL}, and a retry delay. 1,024: a third of a second of the 3,200
     * declarations a second measured at the most (docs/benchmarks/load-findings.md), so the queue fills only when the
     * database stops keeping up; a declaration may hold 200 goods lines, some 60 KiB parsed, so even a queue of the
     * largest ones keeps to 60 MiB of the 256 MiB heap (a few KiB each, 5 MiB, for the usual ones).
     */
    @WithDefault("1024")
    int declarationQueueSize();
}
