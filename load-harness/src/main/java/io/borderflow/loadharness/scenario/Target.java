package io.borderflow.loadharness.scenario;

/**
 * What a scenario should reach (issue 8); either part may be absent.
 *
 * @param minThroughput successful calls per second at maximum throughput, or null
 * @param p99Rate the offered rate the latency target holds at, or null
 * @param maxP99Ms the p99 latency at {@code p99Rate} must stay below this, or null
 */
public record Target(Double minThroughput, Double p99Rate, Double maxP99Ms) {
    public static final Target NONE = new Target(null, null, null);

    public static Target throughput(double perSecond) {
        return new Target(perSecond, null, null);
    }

    public static Target p99(double atRate, double belowMs) {
        return new Target(null, atRate, belowMs);
    }

    public Target andP99(double atRate, double belowMs) {
        return new Target(minThroughput, atRate, belowMs);
    }

    public boolean throughputMet(double perSecond) {
        return minThroughput == null || perSecond >= minThroughput;
    }

    public boolean p99Met(double p99Ms) {
        return maxP99Ms == null || p99Ms < maxP99Ms;
    }
}
