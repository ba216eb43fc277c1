package io.borderflow.inspection.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** inspection-service settings ({@code borderflow.inspection.*}). */
@ConfigMapping(prefix = "borderflow.inspection")
public interface InspectionConfig {

    /** Class-path resource of the ruleset stored (and activated, if none is active) at first start. */
    @WithDefault("reference/ruleset-v1.json")
    String seedRuleset();
}
