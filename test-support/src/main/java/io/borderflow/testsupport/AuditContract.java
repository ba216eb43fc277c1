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
import java.sql.Statement;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The audit trail, the same for every service: the writes the service made are recorded and read back through
 * ListAuditRecords by an auditor, every other role is refused with PERMISSION_DENIED, and the table refuses updates
 * and deletes. A service's test extends it with {@code @QuarkusTest}.
 */
public abstract class AuditContract {

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
    void theTrailIsAppendOnly() throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getValue("quarkus.datasource.password", String.class));
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

    private static long count(Statement sql) throws SQLException {
        try (ResultSet rows = sql.executeQuery("select count(*) from audit_record")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
