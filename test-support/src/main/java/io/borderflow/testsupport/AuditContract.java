package io.borderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.borderflow.support.security.Roles;
import io.grpc.CallCredentials;
import io.grpc.Status;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The audit trail, the same for every service: the writes the service made are recorded and read back through
 * ListAuditRecords by an auditor, every other role is refused with PERMISSION_DENIED, the table refuses updates,
 * deletes and truncation even to its owner, and the runtime role the service serves calls as may append to it and read
 * it but neither rewrite, alter, disable its trigger nor drop it. A service's test extends it with {@code @QuarkusTest}.
 */
public abstract class AuditContract {
    /** SQLSTATE of PostgreSQL's "permission denied" and "must be owner of". */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    /** An audit record as the test reads it. */
    public record AuditView(String name, String subject, String action, String resource, String outcome) {}

    /** One page of ListAuditRecords with these credentials, filtered by action (null: every action). */
    protected abstract List<AuditView> listAuditRecords(CallCredentials credentials, String action, int pageSize);

    /** The action and resource of the write the service makes at start-up. */
    protected abstract String startupAction();

    protected abstract String startupResource();

    @Test
    void anAuditorReadsTheStartupWriteBack() {
        List<AuditView> records = listAuditRecords(TestTokens.as(Roles.AUDITOR), startupAction(), 50);

        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r.action()).isEqualTo(startupAction()));
        assertThat(records).anySatisfy(r -> {
            assertThat(r.subject()).startsWith("system:");
            assertThat(r.resource()).isEqualTo(startupResource());
            assertThat(r.outcome()).isEqualTo("AUDIT_OUTCOME_SUCCEEDED");
            assertThat(r.name()).startsWith("auditRecords/");
        });
    }

    @Test
    void everyOtherRoleIsDenied() {
        for (String role : Roles.all()) {
            if (role.equals(Roles.AUDITOR)) {
                continue;
            }
            Throwable thrown = catchThrowable(() -> listAuditRecords(TestTokens.as(role), null, 10));
            assertThat(Status.fromThrowable(thrown).getCode()).as(role).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void withoutATokenTheTrailIsUnauthenticated() {
        Throwable thrown = catchThrowable(() -> listAuditRecords(null, null, 10));
        assertThat(Status.fromThrowable(thrown).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void theTrailIsAppendOnlyEvenForItsOwner() throws SQLException {
        try (Connection db = connect("quarkus.flyway");
                Statement sql = db.createStatement()) {
            long before = count(sql);
            assertThat(before).isPositive();
            assertThatThrownBy(() -> sql.executeUpdate("update audit_record set detail = 'rewritten'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("delete from audit_record"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("truncate audit_record")).hasMessageContaining("append-only");
            assertThat(count(sql)).isEqualTo(before);
        }
    }

    @Test
    void theRuntimeRoleAppendsAndReadsTheTrailButCannotRewriteOrRemoveIt() throws SQLException {
        try (Connection db = connect("quarkus.datasource");
                Statement sql = db.createStatement()) {
            // one transaction, rolled back whatever happens: a statement that wrongly succeeds changes nothing
            db.setAutoCommit(false);
            try {
                long before = count(sql);
                sql.executeUpdate("insert into audit_record (record_time, subject, roles, checkpoints, action,"
                        + " resource, outcome, detail) values (now(), 'test:runtime-role', '', '', 'test.append',"
                        + " 'tests/runtime-role', 'SUCCEEDED', '')");
                assertThat(count(sql)).isEqualTo(before + 1);
                Map<String, String> outcomes = new LinkedHashMap<>();
                for (String statement : List.of(
                        "update audit_record set detail = 'rewritten'",
                        "delete from audit_record",
                        "truncate audit_record",
                        "alter table audit_record disable trigger audit_record_append_only",
                        "alter table audit_record disable trigger all",
                        "alter table audit_record add column note text",
                        "drop trigger audit_record_append_only on audit_record",
                        "create or replace function audit_record_append_only() returns trigger language plpgsql"
                                + " as $$ begin return null; end $$",
                        "drop table audit_record",
                        // a superuser's way round every trigger
                        "set session_replication_role = replica")) {
                    outcomes.put(statement, outcome(db, sql, statement));
                }
                assertThat(outcomes)
                        .allSatisfy((statement, outcome) ->
                                assertThat(outcome).as(statement).isEqualTo(INSUFFICIENT_PRIVILEGE));
            } finally {
                db.rollback();
            }
        }
    }

    /** The SQLSTATE a statement fails with, or "succeeded", undoing whatever it did. */
    private static String outcome(Connection db, Statement sql, String statement) throws SQLException {
        Savepoint before = db.setSavepoint();
        try {
            sql.execute(statement);
            return "succeeded";
        } catch (SQLException e) {
            return e.getSQLState();
        } finally {
            db.rollback(before);
        }
    }

    /**
     * A connection with the service's credentials under {@code prefix}: {@code quarkus.datasource} for the runtime
     * role the service serves calls as, {@code quarkus.flyway} for the migration role (the datasource's user when
     * no other is set).
     */
    private static Connection connect(String prefix) throws SQLException {
        Config config = ConfigProvider.getConfig();
        String user = config.getOptionalValue(prefix + ".username", String.class)
                .orElseGet(() -> config.getValue("quarkus.datasource.username", String.class));
        String password = config.getOptionalValue(prefix + ".password", String.class)
                .orElseGet(() -> config.getValue("quarkus.datasource.password", String.class));
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class), user, password);
    }

    private static long count(Statement sql) throws SQLException {
        try (ResultSet rows = sql.executeQuery("select count(*) from audit_record")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
