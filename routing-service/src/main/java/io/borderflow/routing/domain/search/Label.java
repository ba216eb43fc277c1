package io.borderflow.routing.domain.search;

/**
 * A partial route of the search: where the truck is, when, at what cost and risk so far, and the state the next step
 * depends on (the country it came from, driving since the last rest, places visited). Immutable but for the search's
 * bookkeeping ({@code seq}, {@code priority}, {@code cost}, {@code removed}) and the places visited, which only a label that is
 * expanded needs: most labels are dropped before that, so the search fills them in then ({@link #visitedSoFar}).
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
    /** The places of the route so far, once {@link #visitedSoFar} made them; null before. */
    private long[][] visited;

    long seq;
    long priority;
    /** Total cost, the time cost included, as of the search's departure; set when the search considers the label. */
    double cost;

    boolean removed;

    Label(
            Label parent,
            Network.Arc arc,
            int node,
            int fromCountry,
            long time,
            double fixedCost,
            double noRefusal,
            double noRed,
            double spreadSquared,
            long drivingMillis,
            int legs,
            long[][] visited) {
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

    /**
     * The places of the route so far, made from the parent's (which, having been expanded, has its own) the first
     * time they are asked for.
     */
    long[][] visitedSoFar() {
        if (visited == null) {
            visited = visit(parent.visitedSoFar(), node);
        }
        return visited;
    }

    /** Whether the route so far passes through {@code place}. */
    boolean hasVisited(int place) {
        long[] chunk = visitedSoFar()[(place >>> 6) / CHUNK_WORDS];
        return chunk != null && (chunk[(place >>> 6) % CHUNK_WORDS] & (1L << (place & 63))) != 0;
    }

    /**
     * A set of places as a bit set cut into chunks of {@link #CHUNK_WORDS} words, a chunk absent while empty: a label
     * copies the small array of chunks and the one chunk its new place falls in, and shares the rest with its parent
     * (on a network of 10,000 places some 200 bytes a label rather than 1.3 KB).
     */
    static final int CHUNK_WORDS = 16;

    static long[][] noPlaces(int places) {
        int words = (places + 63) >>> 6;
        return new long[(words + CHUNK_WORDS - 1) / CHUNK_WORDS][];
    }

    static long[][] visit(long[][] visited, int place) {
        long[][] copy = visited.clone();
        int word = place >>> 6;
        long[] chunk = copy[word / CHUNK_WORDS];
        chunk = chunk == null ? new long[CHUNK_WORDS] : chunk.clone();
        chunk[word % CHUNK_WORDS] |= 1L << (place & 63);
        copy[word / CHUNK_WORDS] = chunk;
        return copy;
    }
}
