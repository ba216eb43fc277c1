package io.borderflow.routing.model.route;

import java.time.Instant;
import java.util.Map;

/**
 * What FindRoutes answers: the search's result, where each checkpoint's channel chances came from, when it ran, and
 * how much of the network's border data was live then.
 */
public record RouteAnswer(
        RouteResult result,
        Map<String, Freshness> channelFreshness,
        Instant searchTime,
        BorderDataCoverage borderData) {

    public RouteAnswer {
        channelFreshness = Map.copyOf(channelFreshness);
    }
}
