package io.borderflow.routing.domain.search;

/**
 * A partial route of the search: where the truck is, when, at what cost and risk so far, and the state the next step
 * depends on (the country it came from, driving since the last rest, places visited). Immutable but for the search's
 * bookkeeping ({@code seq}, {@code priority}, {@code removed}).
 */
final class Label {
    final Label parent;
    final Network.Arc arc;
    final int node;
    /** Country of the place before (this place's own at the origin): decides whether a checkpoint is crossed. */
    final int fromCountry;
    /** Epoch millis at which the truck is at {@code node}, before any crossing there. */
    final long time;
    /** Cost so far without the time cost (distance, ferry tariffs, border fees). */
    final double fixedCost;
    /** Product of (1 - p_refused) over the crossings so far. */
    final double noRefusal;
    /** Product of (1 - p_red) over the crossings so far. */
    final double noRed;
    /** Sum of squared (p90 - central) gaps of the steps so far, in hours squared. */
    final double spreadSquared;
    /** Driving time since the last daily rest, millis. */
    final long drivingMillis;
    final int legs;
    final long[] visited;

    long seq;
    long priority;
    boolean removed;

    Label(Label parent, Network.Arc arc, int node, int fromCountry, long time, double fixedCost, double noRefusal,
            double noRed, double spreadSquared, long drivingMillis, int legs, long[] visited) {
        this.parent = parent;
        this.arc = arc;
        this.node = node;
        this.fromCountry = fromCountry;
        this.time = time;
        this.fixedCost = fixedCost;
        this.noRefusal = noRefusal;
        this.noRed = noRed;
        this.spreadSquared = spreadSquared;
        this.drivingMillis = drivingMillis;
        this.legs = legs;
        this.visited = visited;
    }

    double refusalRisk() {
        return 1 - noRefusal;
    }

    boolean hasVisited(int place) {
        return (visited[place >>> 6] & (1L << (place & 63))) != 0;
    }

    static long[] visit(long[] visited, int place) {
        long[] copy = visited.clone();
        copy[place >>> 6] |= 1L << (place & 63);
        return copy;
    }
}
