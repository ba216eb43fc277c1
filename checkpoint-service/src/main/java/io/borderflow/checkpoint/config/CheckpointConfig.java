package io.borderflow.checkpoint.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** checkpoint-service settings ({@code borderflow.checkpoint.*}). */
@ConfigMapping(prefix = "borderflow.checkpoint")
public interface CheckpointConfig {

    /** Class-path resource of the checkpoint reference data set. */
    @WithDefault("reference/checkpoints.json")
    String referenceData();

    /** How often trucks still awaiting their declaration's decision are settled with inspection-service. */
    @WithDefault("30s")
    java.time.Duration decisionRetry();
}
