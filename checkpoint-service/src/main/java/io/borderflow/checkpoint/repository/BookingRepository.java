package io.borderflow.checkpoint.repository;

import io.borderflow.checkpoint.model.BookingEntity;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Electronic-queue bookings, each read with its visit, whose state says whether the booking still holds its slot.
 * Callers hold a session (a transaction for writes).
 */
@ApplicationScoped
public class BookingRepository {
    /** HQL: the booking {@code b} holds its slot (its visit {@code v} did not end as a no-show or a cancelled booking). */
    static final String HOLDS_SLOT = "v.state <> 'NO_SHOW' and not (v.state = 'CANCELLED' and v.arriveTime is null)";

    private static final String JOINED = "from BookingEntity b join TruckVisitEntity v on v.id = b.visitId";

    /** A booking with its visit. */
    public record Booked(BookingEntity booking, TruckVisitEntity visit) {}

    /** Slots held in one window by one priority class. */
    public record Held(OffsetDateTime windowStart, String priorityClass, long count) {}

    /**
     * Serialises bookings into one window of one checkpoint until the transaction ends, across replicas: slots are
     * counted and taken one booking at a time, so a window cannot be overbooked.
     */
    public Uni<Void> lockWindow(String checkpointId, OffsetDateTime windowStart) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(hashtext(:key))) l", Long.class)
                        .setParameter("key", "window|" + checkpointId + "|" + windowStart.toInstant())
                        .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Serialises one carrier's bookings at one checkpoint until the transaction ends, across replicas: what it holds is
     * counted against its quota and a booking taken one at a time, so concurrent bookings cannot overshoot the quota of
     * a window or of a day. Taken before the window's lock ({@link #lockWindow}), always in that order.
     */
    public Uni<Void> lockCarrier(String checkpointId, String carrierId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(hashtext(:key))) l", Long.class)
                        .setParameter("key", "carrier|" + checkpointId + "|" + carrierId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Bookings of the carrier at the checkpoint that hold a slot in windows starting within [from, to), but for
     * {@code exceptId} (the booking being moved; null for none).
     */
    public Uni<Long> heldByCarrier(
            String checkpointId, String carrierId, OffsetDateTime from, OffsetDateTime to, String exceptId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select count(b) " + JOINED + " where b.checkpointId = :cp and b.carrierId = :carrier"
                                        + " and b.windowStart >= :from and b.windowStart < :to and b.id <> :except and "
                                        + HOLDS_SLOT,
                                Long.class)
                        .setParameter("cp", checkpointId)
                        .setParameter("carrier", carrierId)
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .setParameter("except", exceptId == null ? "" : exceptId)
                        .getSingleResult());
    }

    /** Bookings of the carrier's vehicle, at any checkpoint, whose trucks have not arrived. */
    public Uni<Long> activeOfVehicle(String carrierId, String plateKey) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select count(b) " + JOINED + " where b.carrierId = :carrier and b.plateKey = :plate"
                                        + " and v.state = 'BOOKED'",
                                Long.class)
                        .setParameter("carrier", carrierId)
                        .setParameter("plate", plateKey)
                        .getSingleResult());
    }

    public Uni<Booked> find(String checkpointId, String bookingId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select b, v " + JOINED + " where b.id = :id and b.checkpointId = :cp", Object[].class)
                        .setParameter("id", bookingId)
                        .setParameter("cp", checkpointId)
                        .getSingleResultOrNull())
                .map(row -> row == null ? null : new Booked((BookingEntity) row[0], (TruckVisitEntity) row[1]));
    }

    /** The normalised plate of a booking's truck (null when there is no such booking), to lock the truck by. */
    public Uni<String> plateOf(String checkpointId, String bookingId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select plateKey from BookingEntity where id = :id and checkpointId = :cp",
                                String.class)
                        .setParameter("id", bookingId)
                        .setParameter("cp", checkpointId)
                        .getSingleResultOrNull());
    }

    /**
     * Serialises the uses of one caller's request id until the transaction ends, across replicas: of two concurrent
     * first uses, the second finds the first's booking. Taken before the truck's lock, always in that order.
     */
    public Uni<Void> lockRequest(String requester, String requestId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select count(*) from (select pg_advisory_xact_lock(hashtext(:key))) l", Long.class)
                        .setParameter("key", "booking-request|" + requester + "|" + requestId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** The booking the caller ({@code requester}) made under its request id, or null. */
    public Uni<BookingEntity> findByRequest(String requester, String requestId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from BookingEntity where requester = :requester and requestId = :id",
                                BookingEntity.class)
                        .setParameter("requester", requester)
                        .setParameter("id", requestId)
                        .getSingleResultOrNull());
    }

    /** Slots held per window and class in windows starting within [from, to). */
    public Uni<List<Held>> held(String checkpointId, OffsetDateTime from, OffsetDateTime to) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select b.windowStart, b.priorityClass, count(b) " + JOINED
                                        + " where b.checkpointId = :cp and b.windowStart >= :from and b.windowStart < :to and "
                                        + HOLDS_SLOT
                                        + " group by b.windowStart, b.priorityClass",
                                Object[].class)
                        .setParameter("cp", checkpointId)
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(r -> new Held((OffsetDateTime) r[0], (String) r[1], (Long) r[2]))
                        .toList());
    }

    /**
     * Bookings whose trucks have not arrived that come before this one: an earlier window, or the same window and a
     * priority class over a standard one, or the same rank and booked earlier.
     */
    public Uni<Long> ahead(BookingEntity booking) {
        int rank = "STANDARD".equals(booking.priorityClass) ? 1 : 0;
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select count(b) " + JOINED + " where b.checkpointId = :cp and v.state = 'BOOKED'"
                                        + " and b.id <> :id and (b.windowStart < :ws or (b.windowStart = :ws and ("
                                        + " (case when b.priorityClass = 'STANDARD' then 1 else 0 end) < :rank"
                                        + " or ((case when b.priorityClass = 'STANDARD' then 1 else 0 end) = :rank"
                                        + " and (b.createTime < :ct or (b.createTime = :ct and b.id < :id))))))",
                                Long.class)
                        .setParameter("cp", booking.checkpointId)
                        .setParameter("id", booking.id)
                        .setParameter("ws", booking.windowStart)
                        .setParameter("rank", rank)
                        .setParameter("ct", booking.createTime)
                        .getSingleResult());
    }

    /**
     * Bookings of a checkpoint by window start then id, after the previous page's last ({@code afterWindow} null for
     * the first page), optionally of one carrier and of one state (BOOKED, ARRIVED, CANCELLED, NO_SHOW).
     */
    public Uni<List<Booked>> list(
            String checkpointId,
            String carrierId,
            String state,
            OffsetDateTime afterWindow,
            String afterId,
            int limit) {
        StringBuilder hql = new StringBuilder("select b, v " + JOINED + " where b.checkpointId = :cp");
        if (carrierId != null) {
            hql.append(" and b.carrierId = :carrier");
        }
        if (state != null) {
            hql.append(
                    switch (state) {
                        case "BOOKED" -> " and v.state = 'BOOKED'";
                        case "ARRIVED" -> " and v.arriveTime is not null";
                        case "CANCELLED" -> " and v.state = 'CANCELLED' and v.arriveTime is null";
                        case "NO_SHOW" -> " and v.state = 'NO_SHOW'";
                        default -> throw new IllegalArgumentException("no booking state " + state);
                    });
        }
        if (afterWindow != null) {
            hql.append(" and (b.windowStart > :ws or (b.windowStart = :ws and b.id > :id))");
        }
        hql.append(" order by b.windowStart, b.id");
        return Panache.getSession()
                .chain(session -> {
                    var query = session.createSelectionQuery(hql.toString(), Object[].class)
                            .setParameter("cp", checkpointId);
                    if (carrierId != null) {
                        query.setParameter("carrier", carrierId);
                    }
                    if (afterWindow != null) {
                        query.setParameter("ws", afterWindow).setParameter("id", afterId);
                    }
                    return query.setMaxResults(limit).getResultList();
                })
                .map(rows -> rows.stream()
                        .map(r -> new Booked((BookingEntity) r[0], (TruckVisitEntity) r[1]))
                        .toList());
    }

    /**
     * Bookings whose trucks have not arrived and whose window ended at or before {@code endedBy}, oldest first, at
     * one checkpoint or at all ({@code checkpointId} null).
     */
    public Uni<List<BookingEntity>> overdue(String checkpointId, OffsetDateTime endedBy, int limit) {
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(
                            "select b " + JOINED + " where v.state = 'BOOKED' and b.windowEnd <= :t"
                                    + (checkpointId == null ? "" : " and b.checkpointId = :cp")
                                    + " order by b.windowEnd, b.id",
                            BookingEntity.class)
                    .setParameter("t", endedBy);
            if (checkpointId != null) {
                query.setParameter("cp", checkpointId);
            }
            return query.setMaxResults(limit).getResultList();
        });
    }

    /** Stores a new booking, and writes the changes made to managed ones. */
    public Uni<Void> insert(BookingEntity booking) {
        return Panache.getSession().chain(session -> session.persist(booking).chain(session::flush));
    }

    /** Writes the changes made to managed bookings and visits. */
    public Uni<Void> flush() {
        return Panache.getSession().chain(session -> session.flush());
    }
}
