package io.borderflow.checkpoint.repository;

import io.borderflow.checkpoint.model.BookingQuotaEntity;
import io.borderflow.checkpoint.model.CapacitySettingEntity;
import io.borderflow.checkpoint.model.CheckpointOperations;
import io.borderflow.checkpoint.model.ClosureEntity;
import io.borderflow.checkpoint.model.LaneSettingEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** Lane settings, closures, capacity settings and booking quotas of checkpoints. Callers hold a session (a transaction for writes). */
@ApplicationScoped
public class OperationsRepository {

    /** Serialises operations on one checkpoint until the transaction ends, across replicas. */
    public Uni<Void> lockCheckpoint(String checkpointId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(hashtext(:key))) l", Long.class)
                        .setParameter("key", "operations|" + checkpointId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Everything changed about the checkpoint that still matters at {@code now}. */
    public Uni<CheckpointOperations> current(String checkpointId, OffsetDateTime now) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from LaneSettingEntity where checkpointId = :cp order by laneKind",
                                LaneSettingEntity.class)
                        .setParameter("cp", checkpointId)
                        .getResultList()
                        .chain(lanes -> session.createSelectionQuery(
                                        "from ClosureEntity where checkpointId = :cp and endTime > :now"
                                                + " order by startTime, id",
                                        ClosureEntity.class)
                                .setParameter("cp", checkpointId)
                                .setParameter("now", now)
                                .getResultList()
                                .chain(closures -> session.find(CapacitySettingEntity.class, checkpointId)
                                        .map(capacity -> new CheckpointOperations(lanes, closures, capacity)))));
    }

    public Uni<LaneSettingEntity> findLaneSetting(String checkpointId, String laneKind) {
        return Panache.getSession()
                .chain(session -> session.find(LaneSettingEntity.class, checkpointId + "/" + laneKind));
    }

    public Uni<CapacitySettingEntity> findCapacity(String checkpointId) {
        return Panache.getSession().chain(session -> session.find(CapacitySettingEntity.class, checkpointId));
    }

    public Uni<BookingQuotaEntity> findBookingQuota(String checkpointId) {
        return Panache.getSession().chain(session -> session.find(BookingQuotaEntity.class, checkpointId));
    }

    public Uni<ClosureEntity> findClosure(String id) {
        return Panache.getSession().chain(session -> session.find(ClosureEntity.class, id));
    }

    /**
     * Serialises the uses of one caller's request id for closures until the transaction ends, across replicas: of two
     * concurrent first uses (at two checkpoints, say), the second finds the first's closure. Taken before the
     * checkpoint's lock, always in that order.
     */
    public Uni<Void> lockClosureRequest(String requester, String requestId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(hashtext(:key))) l", Long.class)
                        .setParameter("key", "closure-request|" + requester + "|" + requestId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** The closure the caller ({@code requester}) scheduled under its request id, or null. */
    public Uni<ClosureEntity> findClosureByRequest(String requester, String requestId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from ClosureEntity where requester = :requester and requestId = :id",
                                ClosureEntity.class)
                        .setParameter("requester", requester)
                        .setParameter("id", requestId)
                        .getSingleResultOrNull());
    }

    /** Stores a new row, and writes the changes made to managed ones. */
    public Uni<Void> insert(Object entity) {
        return Panache.getSession().chain(session -> session.persist(entity).chain(session::flush));
    }

    /** Writes the changes made to managed rows. */
    public Uni<Void> flush() {
        return Panache.getSession().chain(session -> session.flush());
    }

    /** A new row stored, or the changes to a row that existed written. */
    public Uni<Void> insertOrFlush(Object entity, boolean created) {
        return created ? insert(entity) : flush();
    }
}
