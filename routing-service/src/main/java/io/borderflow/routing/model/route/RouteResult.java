package io.borderflow.routing.model.route;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a route query: the alternatives, best first; or none, with the reason. A query that finds nothing is
 * not an error of the search: it returns this with an empty list rather than throwing.
 */
public record RouteResult(List<RouteAlternative> alternatives, Optional<NoRouteReason> noRoute, SearchStats stats) {

    public RouteResult {
        alternatives = List.copyOf(alternatives);
        Objects.requireNonNull(noRoute, "noRoute");
        Objects.requireNonNull(stats, "stats");
        if (alternatives.isEmpty() == noRoute.isEmpty()) {
            throw new IllegalArgumentException("a result has alternatives or a reason for having none");
        }
    }

    public boolean found() {
        return !alternatives.isEmpty();
    }
}
