package io.borderflow.routing.repository;

import io.borderflow.routing.model.LegClosureEntity;
import io.borderflow.routing.model.LegCorridorEntity;
import io.borderflow.routing.model.LegEntity;
import io.borderflow.routing.model.LegView;
import io.borderflow.routing.model.PlaceEntity;
import io.borderflow.routing.model.Sourced;
import io.borderflow.support.reference.ProvenanceColumns;
import io.borderflow.support.reference.SourceEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hibernate.reactive.mutiny.Mutiny;

/** Reads places and legs of the corridor network, keyset-paged by id, with the sources their figures cite. */
@ApplicationScoped
public class NetworkRepository {

    /** Place filter: kind and country, each null for "any". */
    public record PlaceFilter(String kind, String country) {}

    /** Leg filter: corridor, place (either end) and mode, each null for "any". */
    public record LegFilter(String corridor, String place, String mode) {}

    @WithSession
    public Uni<Boolean> placeExists(String id) {
        return Panache.getSession()
                .chain(session -> session.find(PlaceEntity.class, id))
                .map(Objects::nonNull);
    }

    @WithSession
    public Uni<Sourced<PlaceEntity>> findPlaces(PlaceFilter filter, String afterId, int limit) {
        Where where = new Where();
        where.add(filter.kind(), "p.kind = :kind", "kind");
        where.add(filter.country(), "p.country = :country", "country");
        where.add(afterId, "p.id > :after", "after");
        return Panache.getSession()
                .chain(session -> where.bind(session.createSelectionQuery(
                                "from PlaceEntity p" + where + " order by p.id", PlaceEntity.class))
                        .setMaxResults(limit)
                        .getResultList()
                        .chain(places -> sources(session, places.stream().map(p -> p.locationProvenance))
                                .map(sources -> new Sourced<>(places, sources))));
    }

    @WithSession
    public Uni<Long> countPlaces(PlaceFilter filter) {
        Where where = new Where();
        where.add(filter.kind(), "p.kind = :kind", "kind");
        where.add(filter.country(), "p.country = :country", "country");
        return Panache.getSession()
                .chain(session -> where.bind(
                                session.createSelectionQuery("select count(*) from PlaceEntity p" + where, Long.class))
                        .getSingleResult());
    }

    @WithSession
    public Uni<Sourced<LegView>> findLegs(LegFilter filter, String afterId, int limit) {
        Where where = legWhere(filter);
        where.add(afterId, "l.id > :after", "after");
        return Panache.getSession()
                .chain(session -> where.bind(session.createSelectionQuery(
                                "from LegEntity l" + where + " order by l.id", LegEntity.class))
                        .setMaxResults(limit)
                        .getResultList()
                        .chain(legs -> corridors(session, legs)
                                .chain(corridors -> sources(
                                                session,
                                                legs.stream()
                                                        .flatMap(l ->
                                                                Stream.of(l.distanceProvenance, l.durationProvenance)))
                                        .chain(sources -> closures(session, legs)
                                                .map(closures -> new Sourced<>(
                                                        legs.stream()
                                                                .map(l -> new LegView(
                                                                        l,
                                                                        corridors.getOrDefault(l.id, List.of()),
                                                                        closures.get(l.id)))
                                                                .toList(),
                                                        sources))))));
    }

    /** Every place, by id: what the route search is built from. */
    @WithSession
    public Uni<List<PlaceEntity>> allPlaces() {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery("from PlaceEntity order by id", PlaceEntity.class)
                        .getResultList());
    }

    /** Every leg with its corridors, by id. */
    @WithSession
    public Uni<List<LegView>> allLegs() {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery("from LegEntity order by id", LegEntity.class)
                        .getResultList()
                        .chain(legs -> corridors(session, legs)
                                .map(corridors -> legs.stream()
                                        .map(l -> new LegView(l, corridors.getOrDefault(l.id, List.of())))
                                        .toList())));
    }

    /** The ids of the legs closed now. */
    @WithSession
    public Uni<Set<String>> closedLegIds() {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery("select legId from LegClosureEntity", String.class)
                        .getResultList())
                .map(Set::copyOf);
    }

    /** One leg with its corridors, closure and sources; no row when there is none. Needs a session. */
    public Uni<Sourced<LegView>> findLeg(String legId) {
        return Panache.getSession()
                .chain(session -> session.find(LegEntity.class, legId)
                        .chain(leg -> leg == null
                                ? Uni.createFrom().item(new Sourced<LegView>(List.of(), Map.of()))
                                : corridors(session, List.of(leg))
                                        .chain(corridors -> closures(session, List.of(leg))
                                                .chain(closures -> sources(
                                                                session,
                                                                Stream.of(
                                                                        leg.distanceProvenance, leg.durationProvenance))
                                                        .map(sources -> new Sourced<>(
                                                                List.of(new LegView(
                                                                        leg,
                                                                        corridors.getOrDefault(legId, List.of()),
                                                                        closures.get(legId))),
                                                                sources))))));
    }

    /**
     * Takes the transaction-scoped lock of one leg's closure, so that closing and reopening the same leg at once run
     * one after the other: each reads the closure as the other left it. Needs a transaction.
     */
    public Uni<Void> lockLeg(String legId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(hashtext(:key))) l", Long.class)
                        .setParameter("key", "leg-closure|" + legId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Stores a new closure, or writes the changes made to one that existed. Needs a transaction. */
    public Uni<Void> saveClosure(LegClosureEntity closure, boolean created) {
        return Panache.getSession()
                .chain(session ->
                        (created ? session.persist(closure) : Uni.createFrom().voidItem()).chain(session::flush));
    }

    /** Deletes a closure. Needs a transaction. */
    public Uni<Void> deleteClosure(LegClosureEntity closure) {
        return Panache.getSession().chain(session -> session.remove(closure).chain(session::flush));
    }

    private static Uni<Map<String, LegClosureEntity>> closures(Mutiny.Session session, List<LegEntity> legs) {
        if (legs.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session.createSelectionQuery("from LegClosureEntity where legId in :ids", LegClosureEntity.class)
                .setParameter("ids", legs.stream().map(l -> l.id).toList())
                .getResultList()
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> r.legId, Function.identity())));
    }

    @WithSession
    public Uni<Long> countLegs(LegFilter filter) {
        Where where = legWhere(filter);
        return Panache.getSession()
                .chain(session -> where.bind(
                                session.createSelectionQuery("select count(*) from LegEntity l" + where, Long.class))
                        .getSingleResult());
    }

    private static Where legWhere(LegFilter filter) {
        Where where = new Where();
        where.add(
                filter.corridor(),
                "exists (select 1 from LegCorridorEntity c where c.legId = l.id and c.corridor = :corridor)",
                "corridor");
        where.add(filter.place(), "(l.fromPlace = :place or l.toPlace = :place)", "place");
        where.add(filter.mode(), "l.mode = :mode", "mode");
        return where;
    }

    private static Uni<Map<String, List<String>>> corridors(Mutiny.Session session, List<LegEntity> legs) {
        if (legs.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session.createSelectionQuery(
                        "from LegCorridorEntity where legId in :ids order by legId, corridor", LegCorridorEntity.class)
                .setParameter("ids", legs.stream().map(l -> l.id).toList())
                .getResultList()
                .map(rows -> rows.stream()
                        .collect(Collectors.groupingBy(
                                r -> r.legId, Collectors.mapping(r -> r.corridor, Collectors.toList()))));
    }

    private static Uni<Map<String, SourceEntity>> sources(
            Mutiny.Session session, Stream<ProvenanceColumns> provenances) {
        Set<String> keys = provenances
                .filter(p -> p != null && p.source != null)
                .map(p -> p.source)
                .collect(Collectors.toCollection(HashSet::new));
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session.createSelectionQuery("from SourceEntity where sourceKey in :keys", SourceEntity.class)
                .setParameter("keys", keys)
                .getResultList()
                .map(rows -> rows.stream().collect(Collectors.toMap(s -> s.sourceKey, Function.identity())));
    }

    /** A where clause built from optional conditions, with their parameters. */
    private static final class Where {
        private final List<String> clauses = new ArrayList<>();
        private final Map<String, Object> parameters = new HashMap<>();

        void add(Object value, String clause, String parameter) {
            if (value != null) {
                clauses.add(clause);
                parameters.put(parameter, value);
            }
        }

        <Q extends Mutiny.SelectionQuery<?>> Q bind(Q query) {
            parameters.forEach(query::setParameter);
            return query;
        }

        @Override
        public String toString() {
            return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
        }
    }
}
