package io.borderflow.checkpoint.repository;

import io.borderflow.checkpoint.model.CheckpointStatusView;
import io.borderflow.checkpoint.model.CrossingEventEntity;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.borderflow.checkpoint.model.VisitTally;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Truck visits and crossing events read and written many at a time, one statement per kind, on a connection of the
 * service's reactive pool in a transaction of the caller's (the group writes of {@code CrossingEventBatches}); the
 * same tables and columns as the entities.
 */
@ApplicationScoped
public class VisitRows {
    private static final String VISIT_COLUMNS = "id, checkpoint_id, plate_key, plate, carrier_id, direction, lane_kind,"
            + " declaration_id, channel, decision_received, declaration_unknown, expected_handling_seconds, state,"
            + " start_time, book_time, arrive_time, call_time, inspection_start_time, end_time, end_reason, update_time,"
            + " booking_id, booked_window_start";

    private final Pool pool;

    public VisitRows(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /**
     * What a checkpoint's status needs of its visits, counted by the database ({@link VisitTally}: the rules of
     * {@code VisitTallies.of}) over its open visits and the ones that arrived or ended in the last day (the windows'
     * longest), so that only a few rows come back however busy the checkpoint is. Two statements, outside any
     * transaction.
     */
    public Uni<VisitTally> statusTally(String checkpointId, VisitTally.Windows windows) {
        return statusTally(pool, checkpointId, windows);
    }

    /** As {@link #statusTally(String, VisitTally.Windows)}, on a connection or pool of the caller's. */
    public Uni<VisitTally> statusTally(SqlClient client, String checkpointId, VisitTally.Windows w) {
        OffsetDateTime hourAgo = w.hourAgo().atOffset(ZoneOffset.UTC);
        OffsetDateTime windowStart = w.windowStart().atOffset(ZoneOffset.UTC);
        OffsetDateTime dayAgo = w.dayAgo().atOffset(ZoneOffset.UTC);
        Uni<List<VisitTally.Group>> groups = client.preparedQuery("select state, lane_kind, channel, direction,"
                        + " count(*),"
                        + " count(*) filter (where arrive_time >= $3),"
                        + " coalesce(bool_or(arrive_time <= $4), false),"
                        + " count(*) filter (where arrive_time is not null and end_time >= $4),"
                        + " count(*) filter (where end_time >= $3),"
                        + " count(*) filter (where end_time >= $5),"
                        + " count(expected_handling_seconds),"
                        + " coalesce(sum(expected_handling_seconds), 0)::bigint,"
                        + " count(*) filter (where inspection_start_time >= $3 and end_time is not null),"
                        + " coalesce(sum(extract(epoch from end_time - inspection_start_time) * 1000000)"
                        + " filter (where inspection_start_time >= $3 and end_time is not null), 0)::bigint"
                        + " from truck_visit where checkpoint_id = $1 and (state = any($2) or arrive_time >= $3"
                        + " or end_time >= $3) group by state, lane_kind, channel, direction")
                .execute(Tuple.of(
                        checkpointId, VisitRepository.OPEN.toArray(String[]::new), dayAgo, windowStart, hourAgo))
                .map(rows -> {
                    List<VisitTally.Group> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new VisitTally.Group(
                            row.getString(0),
                            row.getString(1),
                            row.getString(2),
                            row.getString(3),
                            row.getLong(4).intValue(),
                            row.getLong(5).intValue(),
                            row.getBoolean(6),
                            row.getLong(7).intValue(),
                            row.getLong(8).intValue(),
                            row.getLong(9).intValue(),
                            row.getLong(10).intValue(),
                            row.getLong(11),
                            row.getLong(12).intValue(),
                            row.getLong(13))));
                    return list;
                });
        // percentile_disc is the nearest rank; the waits are ordered as intervals (cheap to compare) and only the two
        // chosen are turned into microseconds, the timestamps' precision, so they are exact. One row per direction and
        // one for both (grouping sets), each only when a truck was cleared.
        Uni<Map<String, CheckpointStatusView.ObservedWaits>> waits = client.preparedQuery("select"
                        + " case when grouping(direction) = 1 then 'BOTH' else direction end, count(*),"
                        + " (extract(epoch from percentile_disc(0.5) within group (order by end_time - arrive_time))"
                        + " * 1000000)::bigint,"
                        + " (extract(epoch from percentile_disc(0.9) within group (order by end_time - arrive_time))"
                        + " * 1000000)::bigint"
                        + " from truck_visit where checkpoint_id = $1 and state = 'CLEARED' and end_time >= $2"
                        + " and arrive_time is not null group by grouping sets ((direction), ())")
                .execute(Tuple.of(checkpointId, dayAgo))
                .map(rows -> {
                    Map<String, CheckpointStatusView.ObservedWaits> found = new HashMap<>();
                    rows.forEach(row -> {
                        long count = row.getLong(1);
                        if (count > 0) {
                            found.put(
                                    row.getString(0),
                                    new CheckpointStatusView.ObservedWaits(
                                            (int) count,
                                            Duration.of(row.getLong(2), ChronoUnit.MICROS),
                                            Duration.of(row.getLong(3), ChronoUnit.MICROS)));
                        }
                    });
                    return found;
                });
        return Uni.combine().all().unis(groups, waits).with((list, found) -> {
            Map<String, CheckpointStatusView.ObservedWaits> byDirection = new HashMap<>(found);
            CheckpointStatusView.ObservedWaits both = byDirection.remove("BOTH");
            return new VisitTally(list, both, byDirection);
        });
    }

    /** Which of these checkpoint ids exist. */
    public Uni<Set<String>> checkpoints(SqlConnection connection, Collection<String> ids) {
        return connection
                .preparedQuery("select id from checkpoint where id = any($1)")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> strings(rows, 0));
    }

    /**
     * Serialises writes for these trucks ({@code checkpoint|plate key}) until the transaction ends, across replicas;
     * the same locks as {@link VisitRepository#lockTruck}, taken in one order so that two groups cannot deadlock.
     */
    public Uni<Void> lockTrucks(SqlConnection connection, Collection<String> trucks) {
        String[] keys =
                trucks.stream().map(t -> "truck|" + t).sorted().distinct().toArray(String[]::new);
        return connection
                .preparedQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(k))"
                        + " from (select k from unnest($1::text[]) k order by k) o) l")
                .execute(Tuple.of(keys))
                .replaceWithVoid();
    }

    /** The stored events among these ids: event id to its content digest and visit id. */
    public Uni<Map<String, String[]>> storedEvents(SqlConnection connection, Collection<String> eventIds) {
        return connection
                .preparedQuery(
                        "select event_id, content_sha256, visit_id from crossing_event" + " where event_id = any($1)")
                .execute(Tuple.of(eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String[]> stored = new HashMap<>();
                    rows.forEach(
                            row -> stored.put(row.getString(0), new String[] {row.getString(1), row.getString(2)}));
                    return stored;
                });
    }

    /** The newest {@code perTruck} visits of each truck, given as parallel checkpoint ids and plate keys. */
    public Uni<List<TruckVisitEntity>> recentVisits(
            SqlConnection connection, List<String> checkpointIds, List<String> plateKeys, int perTruck) {
        return connection
                .preparedQuery("select v.* from unnest($1::text[], $2::text[]) t(cp, plate)"
                        + " cross join lateral (select " + VISIT_COLUMNS + " from truck_visit"
                        + " where checkpoint_id = t.cp and plate_key = t.plate order by start_time desc limit $3) v")
                .execute(Tuple.of(checkpointIds.toArray(String[]::new), plateKeys.toArray(String[]::new), perTruck))
                .map(rows -> {
                    List<TruckVisitEntity> visits = new ArrayList<>();
                    rows.forEach(row -> visits.add(visit(row)));
                    return visits;
                });
    }

    /** The visits with these ids. */
    public Uni<List<TruckVisitEntity>> visits(SqlConnection connection, Collection<String> ids) {
        return connection
                .preparedQuery("select " + VISIT_COLUMNS + " from truck_visit where id = any($1)")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> {
                    List<TruckVisitEntity> visits = new ArrayList<>();
                    rows.forEach(row -> visits.add(visit(row)));
                    return visits;
                });
    }

    /** The stored events of these visits. */
    public Uni<List<CrossingEventEntity>> eventsOf(SqlConnection connection, Collection<String> visitIds) {
        return connection
                .preparedQuery("select event_id, content_sha256, visit_id, checkpoint_id, type, occur_time,"
                        + " record_time, recorded_by, content from crossing_event where visit_id = any($1)")
                .execute(Tuple.of(visitIds.toArray(String[]::new)))
                .map(rows -> {
                    List<CrossingEventEntity> events = new ArrayList<>();
                    rows.forEach(row -> {
                        CrossingEventEntity e = new CrossingEventEntity();
                        e.eventId = row.getString(0);
                        e.contentSha256 = row.getString(1);
                        e.visitId = row.getString(2);
                        e.checkpointId = row.getString(3);
                        e.type = row.getString(4);
                        e.occurTime = row.getOffsetDateTime(5);
                        e.recordTime = row.getOffsetDateTime(6);
                        e.recordedBy = row.getString(7);
                        e.content = row.getString(8);
                        events.add(e);
                    });
                    return events;
                });
    }

    /** Inserts new visits and writes the columns of changed ones. */
    public Uni<Void> saveVisits(
            SqlConnection connection, List<TruckVisitEntity> created, List<TruckVisitEntity> changed) {
        Uni<Void> inserted = created.isEmpty()
                ? Uni.createFrom().voidItem()
                : connection
                        .preparedQuery(
                                "insert into truck_visit (" + VISIT_COLUMNS + ") select * from unnest("
                                        + "$1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],"
                                        + " $9::text[], $10::bool[], $11::bool[], $12::bigint[], $13::text[], $14::timestamptz[],"
                                        + " $15::timestamptz[], $16::timestamptz[], $17::timestamptz[], $18::timestamptz[],"
                                        + " $19::timestamptz[], $20::text[], $21::timestamptz[], $22::text[], $23::timestamptz[])")
                        .execute(columns(created))
                        .replaceWithVoid();
        if (changed.isEmpty()) {
            return inserted;
        }
        return inserted.chain(() -> connection
                .preparedQuery("update truck_visit v set checkpoint_id = u.checkpoint_id,"
                        + " plate_key = u.plate_key, plate = u.plate, carrier_id = u.carrier_id, direction = u.direction,"
                        + " lane_kind = u.lane_kind, declaration_id = u.declaration_id, channel = u.channel,"
                        + " decision_received = u.decision_received, declaration_unknown = u.declaration_unknown,"
                        + " expected_handling_seconds = u.expected_handling_seconds, state = u.state,"
                        + " start_time = u.start_time, book_time = u.book_time, arrive_time = u.arrive_time,"
                        + " call_time = u.call_time, inspection_start_time = u.inspection_start_time,"
                        + " end_time = u.end_time, end_reason = u.end_reason, update_time = u.update_time,"
                        + " booking_id = u.booking_id, booked_window_start = u.booked_window_start"
                        + " from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],"
                        + " $7::text[], $8::text[], $9::text[], $10::bool[], $11::bool[], $12::bigint[], $13::text[],"
                        + " $14::timestamptz[], $15::timestamptz[], $16::timestamptz[], $17::timestamptz[],"
                        + " $18::timestamptz[], $19::timestamptz[], $20::text[], $21::timestamptz[], $22::text[],"
                        + " $23::timestamptz[]) u(" + VISIT_COLUMNS + ") where v.id = u.id")
                .execute(columns(changed))
                .replaceWithVoid());
    }

    public Uni<Void> insertEvents(SqlConnection connection, List<CrossingEventEntity> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        String[] id = new String[n];
        String[] sha = new String[n];
        String[] visit = new String[n];
        String[] checkpoint = new String[n];
        String[] type = new String[n];
        OffsetDateTime[] occur = new OffsetDateTime[n];
        OffsetDateTime[] record = new OffsetDateTime[n];
        String[] by = new String[n];
        String[] content = new String[n];
        for (int i = 0; i < n; i++) {
            CrossingEventEntity e = events.get(i);
            id[i] = e.eventId;
            sha[i] = e.contentSha256;
            visit[i] = e.visitId;
            checkpoint[i] = e.checkpointId;
            type[i] = e.type;
            occur[i] = e.occurTime;
            record[i] = e.recordTime;
            by[i] = e.recordedBy;
            content[i] = e.content;
        }
        return connection
                .preparedQuery("insert into crossing_event (event_id, content_sha256, visit_id, checkpoint_id,"
                        + " type, occur_time, record_time, recorded_by, content) select * from unnest($1::text[],"
                        + " $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[],"
                        + " $8::text[], $9::text[])")
                .execute(Tuple.tuple()
                        .addArrayOfString(id)
                        .addArrayOfString(sha)
                        .addArrayOfString(visit)
                        .addArrayOfString(checkpoint)
                        .addArrayOfString(type)
                        .addArrayOfOffsetDateTime(occur)
                        .addArrayOfOffsetDateTime(record)
                        .addArrayOfString(by)
                        .addArrayOfString(content))
                .replaceWithVoid();
    }

    /** Announces, when the transaction commits, that these checkpoints' status changed (see StatusChangeFeed). */
    public Uni<Void> announce(SqlConnection connection, Collection<String> checkpointIds) {
        if (checkpointIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection
                .preparedQuery("select count(*) from (select pg_notify($1, c) from unnest($2::text[]) c) n")
                .execute(Tuple.of(StatusChangeFeed.CHANNEL, new HashSet<>(checkpointIds).toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static Tuple columns(List<TruckVisitEntity> visits) {
        int n = visits.size();
        String[][] text = new String[13][n];
        Boolean[] received = new Boolean[n];
        Boolean[] unknown = new Boolean[n];
        Long[] handling = new Long[n];
        OffsetDateTime[][] times = new OffsetDateTime[8][n];
        for (int i = 0; i < n; i++) {
            TruckVisitEntity v = visits.get(i);
            text[0][i] = v.id;
            text[1][i] = v.checkpointId;
            text[2][i] = v.plateKey;
            text[3][i] = v.plate;
            text[4][i] = v.carrierId;
            text[5][i] = v.direction;
            text[6][i] = v.laneKind;
            text[7][i] = v.declarationId;
            text[8][i] = v.channel;
            received[i] = v.decisionReceived;
            unknown[i] = v.declarationUnknown;
            handling[i] = v.expectedHandlingSeconds;
            text[9][i] = v.state;
            times[0][i] = v.startTime;
            times[1][i] = v.bookTime;
            times[2][i] = v.arriveTime;
            times[3][i] = v.callTime;
            times[4][i] = v.inspectionStartTime;
            times[5][i] = v.endTime;
            text[10][i] = v.endReason;
            times[6][i] = v.updateTime;
            text[11][i] = v.bookingId;
            times[7][i] = v.bookedWindowStart;
        }
        return Tuple.tuple()
                .addArrayOfString(text[0])
                .addArrayOfString(text[1])
                .addArrayOfString(text[2])
                .addArrayOfString(text[3])
                .addArrayOfString(text[4])
                .addArrayOfString(text[5])
                .addArrayOfString(text[6])
                .addArrayOfString(text[7])
                .addArrayOfString(text[8])
                .addArrayOfBoolean(received)
                .addArrayOfBoolean(unknown)
                .addArrayOfLong(handling)
                .addArrayOfString(text[9])
                .addArrayOfOffsetDateTime(times[0])
                .addArrayOfOffsetDateTime(times[1])
                .addArrayOfOffsetDateTime(times[2])
                .addArrayOfOffsetDateTime(times[3])
                .addArrayOfOffsetDateTime(times[4])
                .addArrayOfOffsetDateTime(times[5])
                .addArrayOfString(text[10])
                .addArrayOfOffsetDateTime(times[6])
                .addArrayOfString(text[11])
                .addArrayOfOffsetDateTime(times[7]);
    }

    private static TruckVisitEntity visit(Row row) {
        TruckVisitEntity v = new TruckVisitEntity();
        v.id = row.getString("id");
        v.checkpointId = row.getString("checkpoint_id");
        v.plateKey = row.getString("plate_key");
        v.plate = row.getString("plate");
        v.carrierId = row.getString("carrier_id");
        v.direction = row.getString("direction");
        v.laneKind = row.getString("lane_kind");
        v.declarationId = row.getString("declaration_id");
        v.channel = row.getString("channel");
        v.decisionReceived = row.getBoolean("decision_received");
        v.declarationUnknown = row.getBoolean("declaration_unknown");
        v.expectedHandlingSeconds = row.getLong("expected_handling_seconds");
        v.state = row.getString("state");
        v.startTime = row.getOffsetDateTime("start_time");
        v.bookTime = row.getOffsetDateTime("book_time");
        v.arriveTime = row.getOffsetDateTime("arrive_time");
        v.callTime = row.getOffsetDateTime("call_time");
        v.inspectionStartTime = row.getOffsetDateTime("inspection_start_time");
        v.endTime = row.getOffsetDateTime("end_time");
        v.endReason = row.getString("end_reason");
        v.updateTime = row.getOffsetDateTime("update_time");
        v.bookingId = row.getString("booking_id");
        v.bookedWindowStart = row.getOffsetDateTime("booked_window_start");
        return v;
    }

    private static Set<String> strings(Iterable<Row> rows, int index) {
        Set<String> values = new HashSet<>();
        rows.forEach(row -> values.add(row.getString(index)));
        return values;
    }
}
