package io.borderflow.routing.model.route;

/** Why a search returned no alternative. The adapter maps each to a gRPC status (e.g. FAILED_PRECONDITION). */
public enum NoRouteReason {
    /**
     * No path joins origin and destination under the constraints: avoided countries and checkpoints, allowed modes,
     * closed legs, crossings closed until further notice.
     */
    NO_CONNECTION,
    /** Paths exist, but none arrives by the latest arrival. */
    LATEST_ARRIVAL_UNREACHABLE,
    /**
     * The search hit one of its limits (labels in all, legs per route, the time horizon) before reaching the
     * destination: a route may exist beyond them.
     */
    SEARCH_LIMIT_REACHED
}
