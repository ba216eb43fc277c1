package io.borderflow.support.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How many calls each caller may make ({@code borderflow.rate-limit.*}, env {@code BORDERFLOW_RATE_LIMIT_*}), per
 * service: a token bucket per caller that refills at {@link #requestsPerSecond()} and holds {@link #burst()} calls.
 * A stream counts as one call however many messages it carries. See {@link CallerRateLimit}.
 */
@ConfigMapping(prefix = "borderflow.rate-limit")
public interface RateLimitConfig {

    /** Whether calls are limited at all. */
    @WithDefault("true")
    boolean enabled();

    /** Calls per second a caller may make on average (its bucket's refill). */
    @WithDefault("50")
    double requestsPerSecond();

    /** Calls a caller may make at once after a quiet spell (its bucket's size). */
    @WithDefault("100")
    int burst();

    /**
     * The same for a token with the {@code service} role: the suite's own services, each calling for all of its
     * callers at once (routing-service's route searches for every freight platform), so higher.
     */
    @WithDefault("1000")
    double serviceRequestsPerSecond();

    @WithDefault("2000")
    int serviceBurst();

    /** Callers whose buckets are kept; beyond that the least recently seen are dropped (and start full again). */
    @WithDefault("100000")
    int maxCallers();
}
