package io.borderflow.checkpoint.repository;

import io.borderflow.checkpoint.model.VehicleEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Carriers' vehicle registers. Callers hold a session (a transaction for writes and locks). */
@ApplicationScoped
public class VehicleRepository {

    /**
     * Serialises changes to one plate's registration until the transaction ends, across replicas: a plate is
     * registered, or taken off a register, one request at a time.
     */
    public Uni<Void> lockPlate(String plateKey) {
        return lock("select pg_advisory_xact_lock(hashtext(:key))", plateKey);
    }

    /**
     * Keeps the plate's registration as it is until the transaction ends (a shared lock: bookings of the plate do not
     * wait for each other, only for a registration or deregistration under {@link #lockPlate}).
     */
    public Uni<Void> lockPlateShared(String plateKey) {
        return lock("select pg_advisory_xact_lock_shared(hashtext(:key))", plateKey);
    }

    private Uni<Void> lock(String statement, String plateKey) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select count(*) from (" + statement + ") l", Long.class)
                        .setParameter("key", "vehicle|" + plateKey)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** The registration of the plate, whoever holds it; null when none does. */
    public Uni<VehicleEntity> find(String plateKey) {
        return Panache.getSession().chain(session -> session.find(VehicleEntity.class, plateKey));
    }

    /** The carrier's vehicles by plate, after {@code afterPlate} (null for the first page), at most {@code limit}. */
    public Uni<List<VehicleEntity>> list(String carrierId, String afterPlate, int limit) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from VehicleEntity where carrierId = :carrier and plateKey > :after order by plateKey",
                                VehicleEntity.class)
                        .setParameter("carrier", carrierId)
                        .setParameter("after", afterPlate == null ? "" : afterPlate)
                        .setMaxResults(limit)
                        .getResultList());
    }

    public Uni<Void> insert(VehicleEntity vehicle) {
        return Panache.getSession().chain(session -> session.persist(vehicle).chain(session::flush));
    }

    public Uni<Void> delete(VehicleEntity vehicle) {
        return Panache.getSession().chain(session -> session.remove(vehicle).chain(session::flush));
    }
}
