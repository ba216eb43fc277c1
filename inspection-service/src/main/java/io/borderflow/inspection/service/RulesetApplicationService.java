package io.borderflow.inspection.service;

import io.borderflow.inspection.model.RulesetDetails;
import io.borderflow.inspection.repository.RulesetRepository;
import io.borderflow.support.error.NotFoundException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Use cases on risk rulesets. */
@ApplicationScoped
public class RulesetApplicationService {
    private final RulesetRepository rulesets;

    public RulesetApplicationService(RulesetRepository rulesets) {
        this.rulesets = rulesets;
    }

    /** @throws NotFoundException reason {@code RULESET_NOT_FOUND} (in the Uni) */
    @WithSession
    public Uni<RulesetDetails> get(long version) {
        return rulesets.findVersion(version).map(found -> found.orElseThrow(
                () -> new NotFoundException("RULESET_NOT_FOUND", "rulesets/" + version)));
    }

    /** @throws NotFoundException reason {@code RULESET_NOT_FOUND} (in the Uni) when no version is active */
    @WithSession
    public Uni<RulesetDetails> getActive() {
        return rulesets.findActive().map(found -> found.orElseThrow(
                () -> new NotFoundException("RULESET_NOT_FOUND", "rulesets/active")));
    }
}
