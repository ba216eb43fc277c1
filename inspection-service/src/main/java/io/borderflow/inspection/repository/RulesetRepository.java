package io.borderflow.inspection.repository;

import io.borderflow.inspection.model.GoodsListEntity;
import io.borderflow.inspection.model.GoodsListTierEntity;
import io.borderflow.inspection.model.RiskRuleEntity;
import io.borderflow.inspection.model.RulesetDetails;
import io.borderflow.inspection.model.RulesetEntity;
import io.borderflow.support.reference.SourceEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/** Reads and stores ruleset versions with their rules and goods lists. */
@ApplicationScoped
public class RulesetRepository {
    /** Advisory lock key of ruleset seeding in this database. */
    private static final long LOCK_KEY = 0x42_46_52_53L;

    @WithSession
    public Uni<Optional<RulesetDetails>> findVersion(long version) {
        return Panache.getSession().chain(session -> session.find(RulesetEntity.class, version)
                .chain(found -> found == null ? Uni.createFrom().item(Optional.<RulesetDetails>empty())
                        : details(session, found).map(Optional::of)));
    }

    @WithSession
    public Uni<Optional<RulesetDetails>> findActive() {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from RulesetEntity where state = :state", RulesetEntity.class)
                .setParameter("state", RulesetEntity.ACTIVE).getSingleResultOrNull()
                .chain(found -> found == null ? Uni.createFrom().item(Optional.<RulesetDetails>empty())
                        : details(session, found).map(Optional::of)));
    }

    /** Takes the transaction-scoped seeding lock, then returns the stored ruleset {@code version} (null if none). */
    public Uni<RulesetEntity> lockAndFind(long version) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(" + LOCK_KEY + ")) l", Long.class)
                .getSingleResult()
                .chain(locked -> session.find(RulesetEntity.class, version)));
    }

    /** Whether some version is active. */
    public Uni<Boolean> hasActive() {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select count(*) from RulesetEntity where state = :state", Long.class)
                .setParameter("state", RulesetEntity.ACTIVE).getSingleResult()).map(count -> count > 0);
    }

    /** Stores a new version with everything it refers to; sources are shared across versions and merged. */
    public Uni<Void> insert(List<SourceEntity> sources, RulesetEntity ruleset, List<RiskRuleEntity> rules,
            List<GoodsListEntity> lists, List<GoodsListTierEntity> tiers) {
        return Panache.getSession().chain(session -> session.mergeAll(sources.toArray())
                .chain(() -> session.persist(ruleset))
                .chain(() -> session.flush())
                .chain(() -> session.persistAll(lists.toArray()))
                .chain(() -> session.flush())
                .chain(() -> session.persistAll(tiers.toArray()))
                .chain(() -> session.persistAll(rules.toArray()))
                .chain(() -> session.flush()));
    }

    private static Uni<List<GoodsListTierEntity>> tiers(Mutiny.Session session, List<GoodsListEntity> lists) {
        if (lists.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session.createSelectionQuery(
                        "from GoodsListTierEntity where goodsListId in :ids order by goodsListId, ordinal", GoodsListTierEntity.class)
                .setParameter("ids", lists.stream().map(l -> l.id).toList()).getResultList();
    }

    private static Uni<RulesetDetails> details(Mutiny.Session session, RulesetEntity ruleset) {
        return session.createSelectionQuery("from RiskRuleEntity where rulesetVersion = :v order by ordinal", RiskRuleEntity.class)
                .setParameter("v", ruleset.version).getResultList()
                .chain(rules -> session.createSelectionQuery("from GoodsListEntity where rulesetVersion = :v order by listId",
                                GoodsListEntity.class)
                        .setParameter("v", ruleset.version).getResultList()
                        .chain(lists -> tiers(session, lists)
                                .chain(tiers -> session.createSelectionQuery("from SourceEntity", SourceEntity.class)
                                        .getResultList()
                                        .map(sources -> new RulesetDetails(ruleset, rules, lists, tiers,
                                                sources.stream().collect(Collectors.toMap(s -> s.sourceKey,
                                                        Function.identity())))))));
    }
}
