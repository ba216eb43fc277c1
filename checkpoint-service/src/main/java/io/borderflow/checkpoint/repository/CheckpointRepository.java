package io.borderflow.checkpoint.repository;

import io.borderflow.checkpoint.model.CheckpointDetails;
import io.borderflow.checkpoint.model.CheckpointEntity;
import io.borderflow.checkpoint.model.CheckpointFilter;
import io.borderflow.checkpoint.model.LaneGroupEntity;
import io.borderflow.checkpoint.model.OpeningHoursEntity;
import io.borderflow.support.reference.ProvenanceColumns;
import io.borderflow.support.reference.SourceEntity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads checkpoints with their lanes, hours and cited sources: three small queries for any number of checkpoints. */
@ApplicationScoped
public class CheckpointRepository implements PanacheRepositoryBase<CheckpointEntity, String> {

    @WithSession
    public Uni<Optional<CheckpointDetails>> findDetails(String id) {
        return findById(id)
                .chain(found -> found == null
                        ? Uni.createFrom().item(Optional.<CheckpointDetails>empty())
                        : details(List.of(found)).map(all -> Optional.of(all.get(0))));
    }

    /** Up to {@code limit} checkpoints matching {@code filter} with an id after {@code afterId} (null: from the start). */
    @WithSession
    public Uni<List<CheckpointDetails>> findPage(CheckpointFilter filter, String afterId, int limit) {
        StringBuilder query = new StringBuilder(where(filter));
        Parameters parameters = parameters(filter);
        if (afterId != null) {
            query.append(query.isEmpty() ? "" : " and ").append("id > :after");
            parameters.and("after", afterId);
        }
        String hql = (query.isEmpty() ? "" : query + " ") + "order by id";
        return find(hql, parameters).page(0, limit).list().chain(this::details);
    }

    @WithSession
    public Uni<Long> count(CheckpointFilter filter) {
        String where = where(filter);
        return where.isEmpty() ? count() : count(where, parameters(filter));
    }

    /** Every border some checkpoint stands on, as stored. */
    @WithSession
    public Uni<List<String>> borders() {
        return getSession()
                .chain(session -> session.createSelectionQuery(
                                "select distinct c.border from CheckpointEntity c order by 1", String.class)
                        .getResultList());
    }

    private static String where(CheckpointFilter filter) {
        List<String> clauses = new ArrayList<>();
        if (!filter.borderSpellings().isEmpty()) {
            clauses.add("border in :borders");
        }
        if (filter.mode() != null) {
            clauses.add("mode = :mode");
        }
        return String.join(" and ", clauses);
    }

    private static Parameters parameters(CheckpointFilter filter) {
        Parameters parameters = new Parameters();
        if (!filter.borderSpellings().isEmpty()) {
            parameters.and("borders", filter.borderSpellings());
        }
        if (filter.mode() != null) {
            parameters.and("mode", filter.mode());
        }
        return parameters;
    }

    private Uni<List<CheckpointDetails>> details(List<CheckpointEntity> checkpoints) {
        if (checkpoints.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = checkpoints.stream().map(c -> c.id).toList();
        return getSession()
                .chain(session -> session.createSelectionQuery(
                                "from LaneGroupEntity where checkpointId in :ids order by checkpointId, side, kind",
                                LaneGroupEntity.class)
                        .setParameter("ids", ids)
                        .getResultList()
                        .chain(lanes -> session.createSelectionQuery(
                                        "from OpeningHoursEntity where checkpointId in :ids order by checkpointId, ordinal",
                                        OpeningHoursEntity.class)
                                .setParameter("ids", ids)
                                .getResultList()
                                .chain(hours -> sources(session, citedSources(checkpoints, lanes))
                                        .map(sources -> assemble(checkpoints, lanes, hours, sources)))));
    }

    private static Uni<List<SourceEntity>> sources(
            org.hibernate.reactive.mutiny.Mutiny.Session session, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return session.createSelectionQuery("from SourceEntity where sourceKey in :keys", SourceEntity.class)
                .setParameter("keys", keys)
                .getResultList();
    }

    private static List<CheckpointDetails> assemble(
            List<CheckpointEntity> checkpoints,
            List<LaneGroupEntity> lanes,
            List<OpeningHoursEntity> hours,
            List<SourceEntity> sources) {
        Map<String, List<LaneGroupEntity>> lanesBy = lanes.stream().collect(Collectors.groupingBy(l -> l.checkpointId));
        Map<String, List<OpeningHoursEntity>> hoursBy =
                hours.stream().collect(Collectors.groupingBy(h -> h.checkpointId));
        Map<String, SourceEntity> sourcesByKey =
                sources.stream().collect(Collectors.toMap(s -> s.sourceKey, Function.identity()));
        return checkpoints.stream()
                .map(c -> new CheckpointDetails(
                        c, lanesBy.getOrDefault(c.id, List.of()), hoursBy.getOrDefault(c.id, List.of()), sourcesByKey))
                .toList();
    }

    private static Collection<String> citedSources(List<CheckpointEntity> checkpoints, List<LaneGroupEntity> lanes) {
        Set<String> keys = new HashSet<>();
        for (CheckpointEntity c : checkpoints) {
            for (ProvenanceColumns p : List.of(
                    c.counterpartProvenance, c.locationProvenance, c.scheduleProvenance, c.capacityProvenance)) {
                addSource(keys, p);
            }
        }
        lanes.forEach(lane -> addSource(keys, lane.provenance));
        return keys;
    }

    private static void addSource(Set<String> keys, ProvenanceColumns provenance) {
        if (provenance != null && provenance.source != null) {
            keys.add(provenance.source);
        }
    }
}
