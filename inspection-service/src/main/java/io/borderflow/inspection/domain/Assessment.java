package io.borderflow.inspection.domain;

import java.time.Duration;
import java.util.List;

/**
 * The engine's decision on a declaration under one ruleset version: channel (with the kind of physical inspection
 * for RED), the risk score from 0 to 100, every reason, whether the random compliance sample picked it, and the
 * expected handling time that the checkpoint's capacity depends on.
 */
public record Assessment(
        InspectionChannel channel,
        InspectionKind inspectionKind,
        int score,
        List<Reason> reasons,
        boolean randomSample,
        Duration expectedHandling,
        long rulesetVersion) {

    /** How a RED declaration is inspected. */
    public enum InspectionKind {
        NONE,
        XRAY,
        UNLOADING
    }

    /** Why: the rule, its text, the weight it added and the evidence, such as the matching HS code and its tier. */
    public record Reason(String ruleId, String ruleText, int weight, String evidence) {}
}
