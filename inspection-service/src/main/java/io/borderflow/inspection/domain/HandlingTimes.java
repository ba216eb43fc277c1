package io.borderflow.inspection.domain;

import java.time.Duration;

/**
 * Expected handling time of a truck in each channel, part of a ruleset: the checkpoint's capacity and the what-if
 * simulator's inspection hours depend on them.
 */
public record HandlingTimes(
        Duration green, Duration blue, Duration yellow, Duration redXray, Duration redUnloading, Duration refused) {

    /** The handling times of a ruleset that names none ({@code RulesetDataset.HandlingData.DEFAULTS}). */
    public static final HandlingTimes DEFAULT = RulesetDefinition.handling(null);

    public Duration of(InspectionChannel channel, Assessment.InspectionKind kind) {
        return switch (channel) {
            case GREEN -> green;
            case BLUE -> blue;
            case YELLOW -> yellow;
            case RED -> kind == Assessment.InspectionKind.UNLOADING ? redUnloading : redXray;
            case REFUSED -> refused;
        };
    }
}
