package io.borderflow.inspection.repository;

import io.borderflow.inspection.model.DecisionEntity;
import io.borderflow.inspection.model.DeclarationEntity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Declarations and decisions written many at a time, one statement per table, on a connection of the service's
 * reactive pool in a transaction of the caller's (the group writes of {@code DecisionBatches}); the same tables and
 * columns as the entities that read them back.
 */
@ApplicationScoped
public class DeclarationRows {
    private final Pool pool;

    public DeclarationRows(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /** The version of the ruleset active at {@code time}, or null. */
    public Uni<Long> activeVersion(SqlConnection connection, OffsetDateTime time) {
        return connection
                .preparedQuery("select version from ruleset where activate_time <= $1"
                        + " order by activate_time desc limit 1")
                .execute(Tuple.of(time))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null);
    }

    /** A request id as its caller's own: the caller's subject and the id it chose. */
    public record RequestKey(String requester, String requestId) {}

    /** Which of these requests are stored already. */
    public Uni<Set<RequestKey>> storedRequests(SqlConnection connection, Collection<RequestKey> requests) {
        return connection
                .preparedQuery("select d.requester, d.request_id from declaration d"
                        + " join unnest($1::text[], $2::text[]) k (requester, request_id)"
                        + " on d.requester = k.requester and d.request_id = k.request_id")
                .execute(Tuple.of(
                        requests.stream().map(RequestKey::requester).toArray(String[]::new),
                        requests.stream().map(RequestKey::requestId).toArray(String[]::new)))
                .map(DeclarationRows::requests);
    }

    /**
     * Serialises first-time-trader decisions per consignor until the transaction ends, across groups and replicas:
     * of two declarations of a new consignor decided at once, only the one whose group commits first is its first.
     * Taken in one order, so that two groups cannot deadlock.
     */
    public Uni<Void> lockConsignors(SqlConnection connection, Collection<String> consignorKeys) {
        String[] keys = consignorKeys.stream()
                .map(k -> "consignor|" + k)
                .sorted()
                .distinct()
                .toArray(String[]::new);
        return connection
                .preparedQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(k))"
                        + " from (select k from unnest($1::text[]) k order by k) o) l")
                .execute(Tuple.of(keys))
                .replaceWithVoid();
    }

    /** Which of these consignors have a declaration stored. */
    public Uni<Set<String>> knownConsignors(SqlConnection connection, Collection<String> consignorKeys) {
        // one index probe per key (a consignor may have thousands of declarations)
        return connection
                .preparedQuery("select k from unnest($1::text[]) k"
                        + " where exists (select 1 from declaration where consignor_key = k)")
                .execute(Tuple.of(consignorKeys.toArray(String[]::new)))
                .map(rows -> column(rows, 0));
    }

    /**
     * Inserts the declarations; one whose request (requester and request id) another writer stored meanwhile is left
     * out. Returns the requests inserted.
     */
    public Uni<Set<RequestKey>> insertDeclarations(SqlConnection connection, List<DeclarationEntity> rows) {
        int n = rows.size();
        String[] id = new String[n];
        String[] requester = new String[n];
        String[] request = new String[n];
        String[] sha = new String[n];
        String[] checkpoint = new String[n];
        String[] carrier = new String[n];
        OffsetDateTime[] submit = new OffsetDateTime[n];
        String[] content = new String[n];
        String[] consignor = new String[n];
        for (int i = 0; i < n; i++) {
            DeclarationEntity d = rows.get(i);
            id[i] = d.id;
            requester[i] = d.requester;
            request[i] = d.requestId;
            sha[i] = d.contentSha256;
            checkpoint[i] = d.checkpointId;
            carrier[i] = d.carrierId;
            submit[i] = d.submitTime;
            content[i] = d.content;
            consignor[i] = d.consignorKey;
        }
        return connection
                .preparedQuery("insert into declaration (id, request_id, content_sha256, checkpoint_id,"
                        + " carrier_id, submit_time, content, consignor_key, requester)"
                        + " select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],"
                        + " $6::timestamptz[], $7::text[], $8::text[], $9::text[])"
                        + " on conflict (requester, request_id) do nothing returning requester, request_id")
                .execute(Tuple.tuple()
                        .addArrayOfString(id)
                        .addArrayOfString(request)
                        .addArrayOfString(sha)
                        .addArrayOfString(checkpoint)
                        .addArrayOfString(carrier)
                        .addArrayOfOffsetDateTime(submit)
                        .addArrayOfString(content)
                        .addArrayOfString(consignor)
                        .addArrayOfString(requester))
                .map(DeclarationRows::requests);
    }

    public Uni<Void> insertDecisions(SqlConnection connection, List<DecisionEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] declaration = new String[n];
        String[] checkpoint = new String[n];
        String[] channel = new String[n];
        String[] kind = new String[n];
        Integer[] score = new Integer[n];
        Boolean[] sample = new Boolean[n];
        Long[] version = new Long[n];
        Long[] handling = new Long[n];
        OffsetDateTime[] decided = new OffsetDateTime[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            DecisionEntity d = rows.get(i);
            declaration[i] = d.declarationId;
            checkpoint[i] = d.checkpointId;
            channel[i] = d.channel;
            kind[i] = d.inspectionKind;
            score[i] = d.riskScore;
            sample[i] = d.randomSample;
            version[i] = d.rulesetVersion;
            handling[i] = d.expectedHandlingSeconds;
            decided[i] = d.decideTime;
            reasons[i] = d.reasons;
        }
        return connection
                .preparedQuery("insert into decision (declaration_id, checkpoint_id, channel, inspection_kind,"
                        + " risk_score, random_sample, ruleset_version, expected_handling_seconds, decide_time, reasons)"
                        + " select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bool[],"
                        + " $7::bigint[], $8::bigint[], $9::timestamptz[], $10::text[])")
                .execute(Tuple.tuple()
                        .addArrayOfString(declaration)
                        .addArrayOfString(checkpoint)
                        .addArrayOfString(channel)
                        .addArrayOfString(kind)
                        .addArrayOfInteger(score)
                        .addArrayOfBoolean(sample)
                        .addArrayOfLong(version)
                        .addArrayOfLong(handling)
                        .addArrayOfOffsetDateTime(decided)
                        .addArrayOfString(reasons))
                .replaceWithVoid();
    }

    private static Set<RequestKey> requests(Iterable<Row> rows) {
        Set<RequestKey> values = new HashSet<>();
        rows.forEach(row -> values.add(new RequestKey(row.getString(0), row.getString(1))));
        return values;
    }

    private static Set<String> column(Iterable<Row> rows, int index) {
        Set<String> values = new HashSet<>();
        rows.forEach(row -> values.add(row.getString(index)));
        return values;
    }
}
