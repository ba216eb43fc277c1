package io.borderflow.routing.repository;

import io.borderflow.routing.model.LegCorridorEntity;
import io.borderflow.routing.model.LegEntity;
import io.borderflow.routing.model.PlaceEntity;
import io.borderflow.routing.model.ReferenceDatasetEntity;
import io.borderflow.support.reference.SourceEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Writes the corridor network. Callers run it in one transaction, so readers see the old network or the new, never a
 * mix; a PostgreSQL advisory lock serialises replicas that start together.
 */
@ApplicationScoped
public class ReferenceDataRepository {
    /** Advisory lock key of reference data loading in this database. */
    private static final long LOCK_KEY = 0x42_46_52_54L;

    /** Takes the transaction-scoped loading lock, then returns the stored state of {@code dataset} (null if none). */
    public Uni<ReferenceDatasetEntity> lockAndFind(String dataset) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(" + LOCK_KEY + ")) l", Long.class)
                        .getSingleResult()
                        .chain(locked -> session.find(ReferenceDatasetEntity.class, dataset)));
    }

    /** Replaces legs and their corridors; places and sources are updated in place (nothing refers to a leg). */
    public Uni<Void> replace(
            ReferenceDatasetEntity dataset,
            List<SourceEntity> sources,
            List<PlaceEntity> places,
            List<LegEntity> legs,
            List<LegCorridorEntity> corridors) {
        return Panache.getSession()
                .chain(session -> session.createMutationQuery("delete from LegCorridorEntity")
                        .executeUpdate()
                        .chain(() -> session.createMutationQuery("delete from LegEntity")
                                .executeUpdate())
                        .chain(() -> session.mergeAll(sources.toArray()))
                        .chain(() -> session.mergeAll(places.toArray()))
                        .chain(() -> session.flush())
                        .chain(() -> session.persistAll(legs.toArray()))
                        .chain(() -> session.flush())
                        .chain(() -> session.persistAll(corridors.toArray()))
                        .chain(() -> session.merge(dataset))
                        .chain(() -> session.flush()));
    }
}
