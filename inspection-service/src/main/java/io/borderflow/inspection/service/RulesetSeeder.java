package io.borderflow.inspection.service;

import io.borderflow.inspection.config.InspectionConfig;
import io.borderflow.inspection.domain.RulesetDatasetCheck;
import io.borderflow.inspection.model.GoodsListEntity;
import io.borderflow.inspection.model.GoodsListTierEntity;
import io.borderflow.support.reference.ProvenanceColumns;
import io.borderflow.inspection.model.RiskRuleEntity;
import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.RulesetEntity;
import io.borderflow.support.reference.SourceEntity;
import io.borderflow.inspection.repository.RulesetRepository;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.reference.ReferenceFile;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Stores the seed ruleset at start-up if its version is not stored yet, and activates it when no version is active.
 * Stored versions are immutable: a seed file whose content changed under an existing version number stops the start
 * with a clear message instead of silently rewriting the rules past decisions were made with.
 */
@ApplicationScoped
public class RulesetSeeder {
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

    /** Seeds the configured file; the result says what happened. */
    public Uni<String> seed() {
        ReferenceFile.Loaded<RulesetDataset> file = ReferenceFile.read(config.seedRuleset(), RulesetDataset.class);
        RulesetDatasetCheck.validate(file.content());
        long version = file.content().version();
        return Panache.withTransaction(() -> rulesets.lockAndFind(version).chain(stored -> {
            if (stored != null && file.sha256().equals(stored.seedSha256)) {
                return Uni.createFrom().item("Ruleset " + version + " already stored");
            }
            if (stored != null) {
                throw new IllegalStateException("ruleset " + version + " is stored and immutable, but " + file.resource()
                        + " differs from what was stored: give the changed rules a new version number");
            }
            return rulesets.hasActive().chain(active -> {
                String outcome = "Stored ruleset " + version + (active ? " as a draft" : " and activated it") + " from "
                        + file.resource();
                return write(file, !active)
                        .chain(() -> audit.append(AuditEntry.system("inspection-service", "ruleset.seed",
                                "rulesets/" + version, outcome + ", sha256 " + file.sha256())))
                        .replaceWith(outcome);
            });
        }));
    }

    private Uni<Void> write(ReferenceFile.Loaded<RulesetDataset> file, boolean activate) {
        RulesetDataset data = file.content();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        RulesetEntity ruleset = new RulesetEntity();
        ruleset.version = data.version();
        ruleset.displayName = data.displayName();
        ruleset.description = data.description();
        ruleset.state = activate ? RulesetEntity.ACTIVE : "DRAFT";
        ruleset.createTime = now;
        ruleset.activateTime = activate ? now : null;
        ruleset.yellowFromScore = data.thresholds().yellowFromScore();
        ruleset.redFromScore = data.thresholds().redFromScore();
        ruleset.randomSampleRate = data.randomSampleRate();
        ruleset.randomSampleBasis = data.randomSampleBasis();
        ruleset.seedSha256 = file.sha256();

        List<SourceEntity> sources = SourceEntity.fromData(data.sources());
        List<GoodsListEntity> lists = new ArrayList<>();
        List<GoodsListTierEntity> tiers = new ArrayList<>();
        for (RulesetDataset.GoodsListData listData : data.goodsLists()) {
            GoodsListEntity list = new GoodsListEntity();
            list.id = data.version() + "/" + listData.listId();
            list.rulesetVersion = data.version();
            list.listId = listData.listId();
            list.displayName = listData.displayName();
            list.version = listData.version();
            list.provenance = ProvenanceColumns.of(listData.provenance());
            lists.add(list);
            for (int i = 0; i < listData.tiers().size(); i++) {
                RulesetDataset.TierData tierData = listData.tiers().get(i);
                GoodsListTierEntity tier = new GoodsListTierEntity();
                tier.id = list.id + "/" + tierData.tier();
                tier.goodsListId = list.id;
                tier.ordinal = i;
                tier.tier = tierData.tier();
                tier.description = tierData.description();
                tier.hsCodes = String.join(",", tierData.hsCodes());
                tier.verification = tierData.verification();
                tiers.add(tier);
            }
        }
        List<RiskRuleEntity> rules = new ArrayList<>();
        for (int i = 0; i < data.rules().size(); i++) {
            rules.add(rule(data.version(), i, data.rules().get(i)));
        }
        return rulesets.insert(sources, ruleset, rules, lists, tiers);
    }

    private static RiskRuleEntity rule(long version, int ordinal, RulesetDataset.RuleData data) {
        RiskRuleEntity rule = new RiskRuleEntity();
        rule.id = version + "/" + data.ruleId();
        rule.rulesetVersion = version;
        rule.ordinal = ordinal;
        rule.ruleId = data.ruleId();
        rule.description = data.description();
        rule.weight = data.weight();
        rule.minimumChannel = data.minimumChannel();
        RulesetDataset.ConditionData condition = data.condition();
        rule.conditionValues = "";
        if (condition.goodsList() != null) {
            rule.conditionKind = "GOODS_LIST";
            rule.conditionListId = condition.goodsList().listId();
            rule.conditionValues = String.join(",", condition.goodsList().tiers() == null ? List.of()
                    : condition.goodsList().tiers());
        } else if (condition.hsPrefix() != null) {
            rule.conditionKind = "HS_PREFIX";
            rule.conditionValues = String.join(",", condition.hsPrefix().prefixes());
        } else if (condition.traderAeo() != null) {
            rule.conditionKind = "TRADER_AEO";
        } else {
            rule.conditionKind = "PARTNER_INSPECTION";
        }
        return rule;
    }
}
