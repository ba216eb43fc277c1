package io.borderflow.checkpoint.repository;

import io.borderflow.checkpoint.model.CheckpointEntity;
import io.borderflow.checkpoint.model.LaneGroupEntity;
import io.borderflow.checkpoint.model.OpeningHoursEntity;
import io.borderflow.checkpoint.model.ReferenceDatasetEntity;
import io.borderflow.support.reference.SourceEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Writes the checkpoint reference data set. Callers run it in one transaction, so readers see the old data or the
 * new, never a mix; a PostgreSQL advisory lock serialises replicas that start together.
 */
@ApplicationScoped
public class ReferenceDataRepository {
    /** Advisory lock key of reference data loading in this database. */
    private static final long LOCK_KEY = 0x42_46_43_50L;

    /** Takes the transaction-scoped loading lock, then returns the stored state of {@code dataset} (null if none). */
    public Uni<ReferenceDatasetEntity> lockAndFind(String dataset) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(" + LOCK_KEY + ")) l", Long.class)
                        .getSingleResult()
                        .chain(locked -> session.find(ReferenceDatasetEntity.class, dataset)));
    }

    /** Replaces the checkpoints' reference rows; checkpoints and sources are kept (later data refers to them). */
    public Uni<Void> replace(
            ReferenceDatasetEntity dataset,
            List<SourceEntity> sources,
            List<CheckpointEntity> checkpoints,
            List<LaneGroupEntity> lanes,
            List<OpeningHoursEntity> hours) {
        return Panache.getSession()
                .chain(session -> session.createMutationQuery("delete from LaneGroupEntity")
                        .executeUpdate()
                        .chain(() -> session.createMutationQuery("delete from OpeningHoursEntity")
                                .executeUpdate())
                        .chain(() -> session.mergeAll(sources.toArray()))
                        .chain(() -> session.mergeAll(checkpoints.toArray()))
                        .chain(() -> session.flush())
                        .chain(() -> session.persistAll(lanes.toArray()))
                        .chain(() -> session.persistAll(hours.toArray()))
                        .chain(() -> session.merge(dataset))
                        .chain(() -> session.flush()));
    }
}
