package io.borderflow.checkpoint.domain.visit;

import java.time.Duration;

/**
 * Handling times a checkpoint assumes for a truck until inspection-service's decision tells it better: the same
 * estimates as inspection-service's shipped ruleset (5 min booth check, 2 h documentary check, 45 min X-ray, 30 min
 * refusal). A truck whose channel is not known is assumed to get a documentary check: conservative for the queue.
 */
public final class DefaultHandling {
    public static final Duration GREEN = Duration.ofMinutes(5);
    public static final Duration BLUE = Duration.ofMinutes(5);
    public static final Duration YELLOW = Duration.ofHours(2);
    public static final Duration RED = Duration.ofMinutes(45);
    public static final Duration REFUSED = Duration.ofMinutes(30);

    private DefaultHandling() {}

    /** For a channel name (GREEN...REFUSED), or null when not known. */
    public static Duration of(String channel) {
        if (channel == null) {
            return YELLOW;
        }
        return switch (channel) {
            case "GREEN" -> GREEN;
            case "BLUE" -> BLUE;
            case "RED" -> RED;
            case "REFUSED" -> REFUSED;
            default -> YELLOW;
        };
    }
}
