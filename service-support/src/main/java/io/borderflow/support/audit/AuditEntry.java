package io.borderflow.support.audit;

import java.util.List;

/**
 * What an audited write records: who (subject, roles, carrier and checkpoint claims), what (action, resource), the
 * outcome and a detail of what changed or why it was refused.
 */
public record AuditEntry(
        String subject,
        List<String> roles,
        String carrierId,
        List<String> checkpoints,
        String action,
        String resource,
        boolean succeeded,
        String detail) {

    /** A write made by a caller. */
    public static AuditEntry of(
            io.borderflow.support.security.Caller caller,
            String action,
            String resource,
            boolean succeeded,
            String detail) {
        return new AuditEntry(
                caller.subject(),
                caller.roles(),
                caller.carrierId(),
                caller.checkpoints(),
                action,
                resource,
                succeeded,
                detail);
    }

    /** A write the service makes itself, such as loading its reference data at start-up. */
    public static AuditEntry system(String component, String action, String resource, String detail) {
        return new AuditEntry("system:" + component, List.of(), null, List.of(), action, resource, true, detail);
    }
}
