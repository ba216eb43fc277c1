package io.borderflow.checkpoint.model;

import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The handling times of the ruleset deciding now, as inspection-service publishes them (its {@code HandlingTimes}):
 * what the checkpoint assumes for a truck whose decision it has not received. A decided truck carries its own
 * decision's figure; this is only for the others.
 *
 * <p>A truck with no decision at all is assumed to need a documentary check ({@link #yellow}): every truck's
 * documents are checked, and counting every undecided truck as unloaded would overstate a queue that is mostly
 * green. A truck whose post reported RED without a decision is assumed unloaded ({@link #redUnloading}): the post did
 * not say it was a scan, and a physical inspection is never taken as shorter than a documentary check.
 *
 * @param source where the figures come from, e.g. {@code rulesets/2}, or {@link #FALLBACK}'s words
 * @param fallback true for {@link #FALLBACK}: inspection-service could not be asked
 */
public record RulesetHandling(
        Duration green,
        Duration blue,
        Duration yellow,
        Duration redXray,
        Duration redUnloading,
        Duration refused,
        String source,
        boolean fallback) {

    /**
     * The one figure set checkpoint-service holds itself, used only while inspection-service cannot say which ruleset
     * decides: the shipped ruleset's ({@code inspection-service} {@code reference/ruleset-v2.json},
     * {@code handling_minutes}, estimates with their basis there): 5 min booth check, 2 h documentary check, 45 min
     * X-ray, 4 h unloading, 30 min refusal.
     */
    public static final RulesetHandling FALLBACK = new RulesetHandling(
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(120),
            Duration.ofMinutes(45),
            Duration.ofMinutes(240),
            Duration.ofMinutes(30),
            "fallback: the shipped ruleset's figures (inspection-service reference/ruleset-v2.json), used while"
                    + " inspection-service cannot answer",
            true);

    public RulesetHandling {
        Objects.requireNonNull(source, "source");
        if (Stream.of(green, blue, yellow, redXray, redUnloading, refused)
                .anyMatch(d -> d == null || d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("every handling time must be positive");
        }
    }

    /**
     * The time assumed for an undecided truck filed under {@code channel} as stored (GREEN...REFUSED, as its post
     * reported it when its inspection started; null: not known).
     */
    public Duration assumed(String channel) {
        if (channel == null) {
            return yellow;
        }
        return switch (channel) {
            case "GREEN" -> green;
            case "BLUE" -> blue;
            case "RED" -> redUnloading;
            case "REFUSED" -> refused;
            default -> yellow;
        };
    }
}
