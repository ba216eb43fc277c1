package io.borderflow.inspection.repository;

import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.RulesetDetails;
import io.borderflow.inspection.model.RulesetEntity;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.reference.SourceEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Reads and stores ruleset versions. A version's state is derived at read time from the activation times: the
 * version with the latest activation time not after now is ACTIVE, earlier activated ones RETIRED, later ones
 * SCHEDULED, versions never activated DRAFT.
 */
@ApplicationScoped
public class RulesetRepository {
    /** Advisory lock key of ruleset writes (seeding, drafting, activating) in this database. */
    private static final long LOCK_KEY = 0x42_46_52_53L;

    @WithSession
    public Uni<Optional<RulesetDetails>> findVersion(long version, OffsetDateTime now) {
        return Panache.getSession()
                .chain(session -> session.find(RulesetEntity.class, version))
                .chain(found -> found == null
                        ? Uni.createFrom().item(Optional.<RulesetDetails>empty())
                        : activeAt(now).map(active -> Optional.of(details(found, active, now))));
    }

    /** The version deciding at {@code time}, if any. */
    @WithSession
    public Uni<Optional<RulesetDetails>> findActiveAt(OffsetDateTime time) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from RulesetEntity where activateTime <= :t order by activateTime desc",
                                RulesetEntity.class)
                        .setParameter("t", time)
                        .setMaxResults(1)
                        .getSingleResultOrNull())
                .map(found -> Optional.ofNullable(found).map(f -> details(f, f.version, time)));
    }

    /** Versions newest first, below {@code beforeVersion} (null: from the newest). */
    @WithSession
    public Uni<List<RulesetDetails>> page(Long beforeVersion, int limit, OffsetDateTime now) {
        return activeAt(now)
                .chain(active -> Panache.getSession()
                        .chain(session -> session.createSelectionQuery(
                                        "from RulesetEntity where version < :before order by version desc",
                                        RulesetEntity.class)
                                .setParameter("before", beforeVersion == null ? Long.MAX_VALUE : beforeVersion)
                                .setMaxResults(limit)
                                .getResultList())
                        .map(rows -> rows.stream()
                                .map(row -> details(row, active, now))
                                .toList()));
    }

    /** The version of the ruleset active at {@code time}, or null. Needs a session. */
    public Uni<Long> activeAt(OffsetDateTime time) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select version from RulesetEntity where activateTime <= :t order by activateTime desc",
                                Long.class)
                        .setParameter("t", time)
                        .setMaxResults(1)
                        .getSingleResultOrNull());
    }

    /** Takes the transaction-scoped lock of ruleset writes, so that version numbers and activations stay ordered. */
    public Uni<Void> lock() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(" + LOCK_KEY + ")) l", Long.class)
                        .getSingleResult())
                .replaceWithVoid();
    }

    public Uni<RulesetEntity> find(long version) {
        return Panache.getSession().chain(session -> session.find(RulesetEntity.class, version));
    }

    /** The version the caller ({@code requester}) made under its request id, or null. */
    public Uni<RulesetEntity> findByRequestId(String requester, String requestId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from RulesetEntity where requester = :requester and requestId = :id",
                                RulesetEntity.class)
                        .setParameter("requester", requester)
                        .setParameter("id", requestId)
                        .getSingleResultOrNull());
    }

    public Uni<Long> nextVersion() {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select coalesce(max(version), 0) + 1 from RulesetEntity", Long.class)
                        .getSingleResult());
    }

    /** The latest activation time of any version, or null when none was ever activated. */
    public Uni<OffsetDateTime> latestActivation() {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select max(activateTime) from RulesetEntity", OffsetDateTime.class)
                        .getSingleResult());
    }

    /** Whether anyone but {@code seed} (the release seed) ever activated a version. */
    public Uni<Boolean> activatedByOtherThan(String seed) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select count(*) from RulesetEntity where activatedBy is not null and activatedBy <> :seed",
                                Long.class)
                        .setParameter("seed", seed)
                        .getSingleResult())
                .map(count -> count > 0);
    }

    /** Stores a new version; the sources it cites are shared across versions and merged. */
    public Uni<Void> insert(List<SourceEntity> sources, RulesetEntity ruleset) {
        return Panache.getSession()
                .chain(session -> session.mergeAll(sources.toArray())
                        .chain(() -> session.persist(ruleset))
                        .chain(session::flush));
    }

    /** Writes the changes made to a managed version (activation, or content of a version seeded before V5). */
    public Uni<Void> flush() {
        return Panache.getSession().chain(session -> session.flush());
    }

    /** Parses a stored version's content. */
    public static RulesetDataset content(RulesetEntity row) {
        return ReferenceFile.parse(
                        "rulesets/" + row.version, row.content.getBytes(StandardCharsets.UTF_8), RulesetDataset.class)
                .content();
    }

    private static RulesetDetails details(RulesetEntity row, Long activeVersion, OffsetDateTime now) {
        String state = row.activateTime == null
                ? "DRAFT"
                : row.activateTime.isAfter(now)
                        ? "SCHEDULED"
                        : activeVersion != null && activeVersion == row.version ? "ACTIVE" : "RETIRED";
        return new RulesetDetails(row, content(row), state);
    }
}
