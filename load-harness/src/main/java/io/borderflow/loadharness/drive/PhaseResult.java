package io.borderflow.loadharness.drive;

import java.util.Map;

/**
 * What one measured phase gave.
 *
 * @param kind {@code max-throughput} (closed loop) or {@code fixed-rate} (open loop)
 * @param concurrency calls kept in flight (closed loop); 0 for open loop
 * @param offeredRate calls per second sent on schedule (open loop); 0 for closed loop
 * @param seconds the measured window
 * @param succeeded calls that answered OK within the window (closed loop) or of those sent (open loop)
 * @param failures failed calls by label (gRPC status code, or a refusal in the response)
 * @param latency of every call measured, successful or not (a call cut off by its deadline is in it too)
 * @param achievedRate successful calls per second over the window
 * @param maxSendLagMs open loop: the most a call was sent after its intended time (the driver falling behind)
 * @param cpu CPU used during the window
 */
public record PhaseResult(
        String kind,
        int concurrency,
        double offeredRate,
        double seconds,
        long succeeded,
        Map<String, Long> failures,
        LatencySummary latency,
        double achievedRate,
        double maxSendLagMs,
        CpuUse cpu) {
    public static final String MAX_THROUGHPUT = "max-throughput";
    public static final String FIXED_RATE = "fixed-rate";

    public long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }
}
