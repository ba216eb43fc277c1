package io.borderflow.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** routing-service settings ({@code borderflow.routing.*}). */
@ConfigMapping(prefix = "borderflow.routing")
public interface RoutingConfig {

    /** Class-path resource of the corridor network reference data set. */
    @WithDefault("reference/corridor-network.json")
    String referenceData();

    /** Class-path resource of the route cost and timing parameters (road costs, time cost, fees, ferries). */
    @WithDefault("reference/route-parameters.json")
    String routeParameters();
}
