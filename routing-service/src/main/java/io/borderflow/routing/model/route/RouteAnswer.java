package io.borderflow.routing.model.route;

import java.time.Instant;
import java.util.Map;

/**
 * What FindRoutes answers: the search's result, where each checkpoint's channel chances came from, and when it ran.
 */
public record RouteAnswer(RouteResult result, Map<String, Freshness> channelFreshness, Instant searchTime) {

    public RouteAnswer {
        channelFreshness = Map.copyOf(channelFreshness);
    }
}
