package io.borderflow.support.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Appends many audit records in one statement on a connection whose transaction also holds the writes they record:
 * how the batch writers (a group of declarations, of crossing events) keep "a write and its record commit together"
 * without one statement per record. Same table and columns as {@link AuditTrail#append}.
 */
public final class AuditRows {
    private AuditRows() {}

    public static Uni<Void> insert(SqlConnection connection, List<AuditEntry> entries, OffsetDateTime recordTime) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = entries.size();
        String[] subject = new String[n];
        String[] roles = new String[n];
        String[] carrier = new String[n];
        String[] checkpoints = new String[n];
        String[] action = new String[n];
        String[] resource = new String[n];
        String[] outcome = new String[n];
        String[] detail = new String[n];
        for (int i = 0; i < n; i++) {
            AuditEntry e = entries.get(i);
            subject[i] = e.subject();
            roles[i] = String.join(",", e.roles());
            carrier[i] = e.carrierId();
            checkpoints[i] = String.join(",", e.checkpoints());
            action[i] = e.action();
            resource[i] = e.resource();
            outcome[i] = e.succeeded() ? "SUCCEEDED" : "REJECTED";
            detail[i] = e.detail() == null ? "" : e.detail();
        }
        return connection
                .preparedQuery("insert into audit_record (record_time, subject, roles, carrier_id, checkpoints,"
                        + " action, resource, outcome, detail) select $1, * from unnest($2::text[], $3::text[],"
                        + " $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])")
                .execute(Tuple.tuple()
                        .addOffsetDateTime(recordTime)
                        .addArrayOfString(subject)
                        .addArrayOfString(roles)
                        .addArrayOfString(carrier)
                        .addArrayOfString(checkpoints)
                        .addArrayOfString(action)
                        .addArrayOfString(resource)
                        .addArrayOfString(outcome)
                        .addArrayOfString(detail))
                .replaceWithVoid();
    }
}
