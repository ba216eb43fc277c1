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

    /** How routing follows checkpoint-service's statuses and calendars ({@code client/CheckpointFeed}). */
    CheckpointFeed checkpointFeed();

    /** {@code borderflow.routing.checkpoint-feed.*} */
    interface CheckpointFeed {
        /** The deadline of each calendar call (GetCheckpoint, ListClosures). */
        @WithDefault("2s")
        java.time.Duration deadline();

        /** How often every calendar is fetched again; a calendar is live for twice this long after its fetch. */
        @WithDefault("5m")
        java.time.Duration calendarRefresh();

        /** Checkpoints whose calendar is fetched at the same time (a freshly started peer answers few at once). */
        @WithDefault("4")
        int calendarsInFlight();
    }
}
