package io.borderflow.routing.repository;

import io.borderflow.routing.model.LegCorridorEntity;
import io.borderflow.routing.model.LegEntity;
import io.borderflow.routing.model.PlaceEntity;
import io.borderflow.support.reference.SourceEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Writes the corridor network reference data set's rows. */
@ApplicationScoped
public class ReferenceDataRepository {

    /**
     * Replaces legs and their corridors, in the caller's transaction ({@code ReferenceDatasets}); places and sources
     * are updated in place (nothing refers to a leg).
     */
    public Uni<Void> replace(
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
                        .chain(() -> session.persistAll(corridors.toArray())));
    }
}
