package io.borderflow.checkpoint.repository;

import io.borderflow.checkpoint.model.CheckpointEntity;
import io.borderflow.checkpoint.model.LaneGroupEntity;
import io.borderflow.checkpoint.model.OpeningHoursEntity;
import io.borderflow.support.reference.SourceEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Writes the checkpoint reference data set's rows. */
@ApplicationScoped
public class ReferenceDataRepository {

    /**
     * Replaces the checkpoints' reference rows, in the caller's transaction ({@code ReferenceDatasets}); checkpoints
     * and sources are kept (later data refers to them).
     */
    public Uni<Void> replace(
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
                        .chain(() -> session.persistAll(hours.toArray())));
    }
}
