package io.borderflow.checkpoint.repository;

import io.borderflow.checkpoint.model.CrossingEventEntity;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/** Truck visits and their crossing events. Callers hold a session (and a transaction for writes). */
@ApplicationScoped
public class VisitRepository {
    public static final List<String> OPEN = List.of("BOOKED", "WAITING", "CALLED", "IN_INSPECTION");
    public static final List<String> QUEUED = List.of("WAITING", "CALLED");

    /**
     * Serialises writes for one truck at one checkpoint until the transaction ends, across replicas: events of the
     * same truck are placed one at a time.
     */
    public Uni<Void> lockTruck(String checkpointId, String plateKey) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(hashtext(:key))) l", Long.class)
                        .setParameter("key", "truck|" + checkpointId + "|" + plateKey)
                        .getSingleResult())
                .replaceWithVoid();
    }

    public Uni<CrossingEventEntity> findEvent(String eventId) {
        return Panache.getSession().chain(session -> session.find(CrossingEventEntity.class, eventId));
    }

    public Uni<TruckVisitEntity> findVisit(String id) {
        return Panache.getSession().chain(session -> session.find(TruckVisitEntity.class, id));
    }

    /** The truck's visits at the checkpoint, newest start first (at most {@code limit}). */
    public Uni<List<TruckVisitEntity>> visitsOfTruck(String checkpointId, String plateKey, int limit) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from TruckVisitEntity where checkpointId = :cp and plateKey = :plate"
                                        + " order by startTime desc",
                                TruckVisitEntity.class)
                        .setParameter("cp", checkpointId)
                        .setParameter("plate", plateKey)
                        .setMaxResults(limit)
                        .getResultList());
    }

    /** The truck's visits at the checkpoint for one carrier, newest start first (at most {@code limit}). */
    public Uni<List<TruckVisitEntity>> visitsOfTruck(
            String checkpointId, String plateKey, String carrierId, int limit) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from TruckVisitEntity where checkpointId = :cp and plateKey = :plate"
                                        + " and carrierId = :carrier order by startTime desc",
                                TruckVisitEntity.class)
                        .setParameter("cp", checkpointId)
                        .setParameter("plate", plateKey)
                        .setParameter("carrier", carrierId)
                        .setMaxResults(limit)
                        .getResultList());
    }

    /** The events of these visits, by the time they happened. */
    public Uni<List<CrossingEventEntity>> eventsOfVisits(List<String> visitIds) {
        if (visitIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from CrossingEventEntity where visitId in :v order by occurTime",
                                CrossingEventEntity.class)
                        .setParameter("v", visitIds)
                        .getResultList());
    }

    /** Stores a new event with its visit (new or changed) and writes both at once. */
    public Uni<Void> save(TruckVisitEntity visit, boolean newVisit, CrossingEventEntity event) {
        return Panache.getSession()
                .chain(session -> (newVisit
                                ? session.persist(visit)
                                : Uni.createFrom().voidItem())
                        .chain(session::flush)
                        .chain(() -> session.persist(event))
                        .chain(session::flush));
    }

    /** Writes the changes made to managed visits. */
    public Uni<Void> flush() {
        return Panache.getSession().chain(session -> session.flush());
    }

    /**
     * Open visits at a checkpoint in queue order (arrival, then plate; booked trucks, not arrived yet, last), after
     * the previous page's last visit ({@code afterArrival} null with {@code afterPlate} set: it was a booked truck),
     * optionally of one state and one carrier.
     */
    public Uni<List<TruckVisitEntity>> openVisits(
            String checkpointId,
            String state,
            String carrierId,
            OffsetDateTime afterArrival,
            String afterPlate,
            int limit) {
        StringBuilder hql = new StringBuilder("from TruckVisitEntity where checkpointId = :cp and state in :states");
        if (carrierId != null) {
            hql.append(" and carrierId = :carrier");
        }
        if (afterPlate != null) {
            hql.append(
                    afterArrival != null
                            ? " and (arriveTime > :at or (arriveTime = :at and plateKey > :plate) or arriveTime is null)"
                            : " and arriveTime is null and plateKey > :plate");
        }
        hql.append(" order by arriveTime asc nulls last, plateKey");
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(hql.toString(), TruckVisitEntity.class)
                    .setParameter("cp", checkpointId)
                    .setParameter("states", state == null ? OPEN : List.of(state));
            if (carrierId != null) {
                query.setParameter("carrier", carrierId);
            }
            if (afterPlate != null) {
                query.setParameter("plate", afterPlate);
                if (afterArrival != null) {
                    query.setParameter("at", afterArrival);
                }
            }
            return query.setMaxResults(limit).getResultList();
        });
    }

    /** Trucks ahead of this one in its queue (its direction and lane kind): still waiting (not yet called), arrived earlier (plate breaks ties). */
    public Uni<Long> trucksAhead(TruckVisitEntity visit) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select count(*) from TruckVisitEntity where checkpointId = :cp and state = 'WAITING'"
                                        + " and direction = :direction and laneKind = :lane"
                                        + " and (arriveTime < :at or (arriveTime = :at and plateKey < :plate))",
                                Long.class)
                        .setParameter("cp", visit.checkpointId)
                        .setParameter("direction", visit.direction)
                        .setParameter("lane", visit.laneKind)
                        .setParameter("at", visit.arriveTime)
                        .setParameter("plate", visit.plateKey)
                        .getSingleResult());
    }

    /** Visits filed under a declaration whose decision has not been received, oldest update first. */
    public Uni<List<TruckVisitEntity>> awaitingDecision(int limit) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from TruckVisitEntity where declarationId is not null and decisionReceived = false"
                                        + " and declarationUnknown = false and state in :open order by updateTime",
                                TruckVisitEntity.class)
                        .setParameter("open", OPEN)
                        .setMaxResults(limit)
                        .getResultList());
    }
}
