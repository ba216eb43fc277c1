package io.borderflow.inspection.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** inspection-service settings ({@code borderflow.inspection.*}). */
@ConfigMapping(prefix = "borderflow.inspection")
public interface InspectionConfig {

    /**
     * Class-path resources of the rulesets shipped with this release, in version order. Each is stored once; the
     * newest becomes active at start-up unless a person has activated a version through the API (then the analysts'
     * choice stands and the shipped versions stay drafts).
     */
    @WithDefault("reference/ruleset-v1.json,reference/ruleset-v2.json")
    List<String> seedRulesets();
}
