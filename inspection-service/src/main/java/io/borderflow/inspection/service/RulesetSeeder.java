package io.borderflow.inspection.service;

import io.borderflow.inspection.config.InspectionConfig;
import io.borderflow.inspection.domain.RulesetDatasetCheck;
import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.RulesetEntity;
import io.borderflow.inspection.repository.RulesetRepository;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.reference.SourceEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Stores the rulesets shipped with the release at start-up, each once, and activates the newest of them unless a
 * person has activated a version through the API. Stored versions are immutable: a seed file whose content changed
 * under an existing version number stops the start with a clear message instead of silently rewriting the rules past
 * decisions were made with.
 */
@ApplicationScoped
public class RulesetSeeder {
    /** {@code activated_by} of versions the seeder activated. */
    public static final String SEED = "inspection-service (release seed)";

    private static final Logger LOG = Logger.getLogger(RulesetSeeder.class);

    private final RulesetRepository rulesets;
    private final InspectionConfig config;
    private final AuditTrail audit;

    public RulesetSeeder(RulesetRepository rulesets, InspectionConfig config, AuditTrail audit) {
        this.rulesets = rulesets;
        this.config = config;
        this.audit = audit;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        LOG.info(VertxContextSupport.subscribeAndAwait(this::seed));
    }

    /** Seeds the configured files; the result says what happened. */
    public Uni<String> seed() {
        List<ReferenceFile.Loaded<RulesetDataset>> files = new ArrayList<>();
        for (String resource : config.seedRulesets()) {
            ReferenceFile.Loaded<RulesetDataset> file = ReferenceFile.read(resource, RulesetDataset.class);
            RulesetDatasetCheck.validate(file.content());
            files.add(file);
        }
        return Panache.withTransaction(() -> rulesets.lock()
                .chain(() -> store(files, 0, new ArrayList<>()))
                .chain(outcomes -> activateNewest(files.get(files.size() - 1)).map(activation -> {
                    List<String> all = new ArrayList<>(outcomes);
                    all.add(activation);
                    return String.join("; ", all);
                })));
    }

    private Uni<List<String>> store(
            List<ReferenceFile.Loaded<RulesetDataset>> files, int index, List<String> outcomes) {
        if (index == files.size()) {
            return Uni.createFrom().item(outcomes);
        }
        ReferenceFile.Loaded<RulesetDataset> file = files.get(index);
        long version = file.content().version();
        return rulesets.find(version)
                .chain(stored -> {
                    if (stored != null && !file.sha256().equals(stored.seedSha256)) {
                        throw new IllegalStateException(
                                "ruleset " + version + " is stored and immutable, but " + file.resource()
                                        + " differs from what was stored: give the changed rules a new version number");
                    }
                    if (stored != null && stored.content != null) {
                        outcomes.add("ruleset " + version + " already stored");
                        return Uni.createFrom().voidItem();
                    }
                    if (stored != null) {
                        // stored before rulesets were kept as documents: the same file gives its content back
                        stored.content = ReferenceFile.json(file.content());
                        stored.contentSha256 = file.sha256();
                        outcomes.add("ruleset " + version + " content restored from " + file.resource());
                        return rulesets.flush();
                    }
                    outcomes.add("stored ruleset " + version + " from " + file.resource());
                    return rulesets.insert(SourceEntity.fromData(file.content().sources()), entity(file))
                            .call(() -> audit.append(AuditEntry.system(
                                    "inspection-service",
                                    "ruleset.seed",
                                    "rulesets/" + version,
                                    "stored from " + file.resource() + ", sha256 " + file.sha256())));
                })
                .chain(() -> store(files, index + 1, outcomes));
    }

    /** Activates the newest shipped version unless it is active already or a person activated some version. */
    private Uni<String> activateNewest(ReferenceFile.Loaded<RulesetDataset> newest) {
        long version = newest.content().version();
        return rulesets.find(version)
                .chain(row -> rulesets.latestActivation().chain(latest -> {
                    if (row.activateTime != null) {
                        return Uni.createFrom().item("ruleset " + version + " was activated before");
                    }
                    return rulesets.activatedByOtherThan(SEED).chain(person -> {
                        if (person) {
                            return Uni.createFrom()
                                    .item("ruleset " + version
                                            + " left a draft: a version was activated through the API");
                        }
                        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                        row.activateTime =
                                latest != null && !now.isAfter(latest) ? latest.plus(1, ChronoUnit.MICROS) : now;
                        row.activatedBy = SEED;
                        return rulesets.flush()
                                .call(() -> audit.append(AuditEntry.system(
                                        "inspection-service",
                                        "ruleset.activate",
                                        "rulesets/" + version,
                                        "shipped ruleset activated at start-up")))
                                .replaceWith("activated ruleset " + version);
                    });
                }));
    }

    private static RulesetEntity entity(ReferenceFile.Loaded<RulesetDataset> file) {
        RulesetDataset data = file.content();
        RulesetEntity ruleset = RulesetApplicationService.entity(
                data.version(), data, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        ruleset.seedSha256 = file.sha256();
        ruleset.contentSha256 = file.sha256();
        return ruleset;
    }
}
