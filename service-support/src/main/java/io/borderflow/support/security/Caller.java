package io.borderflow.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, as the audit trail and claim checks need it: subject, roles, carrier id and checkpoints claims. */
public record Caller(
        String subject, List<String> roles, String carrierId, List<String> checkpoints, String administration) {

    public Caller(String subject, List<String> roles, String carrierId, List<String> checkpoints) {
        this(subject, roles, carrierId, checkpoints, null);
    }

    public static Caller of(SecurityIdentity identity) {
        List<String> roles = identity.getRoles().stream().sorted().toList();
        String subject = identity.getPrincipal() == null
                ? "anonymous"
                : identity.getPrincipal().getName();
        String carrier = null;
        List<String> checkpoints = List.of();
        String administration = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object administrationClaim = jwt.getClaim(Roles.ADMINISTRATION_CLAIM);
            administration = administrationClaim == null ? null : unquote(administrationClaim.toString());
            subject = jwt.getSubject() != null ? jwt.getSubject() : subject;
            Object carrierClaim = jwt.getClaim(Roles.CARRIER_CLAIM);
            carrier = carrierClaim == null ? null : unquote(carrierClaim.toString());
            Object checkpointClaim = jwt.getClaim(Roles.CHECKPOINTS_CLAIM);
            if (checkpointClaim instanceof Collection<?> values) {
                List<String> ids = new ArrayList<>();
                values.forEach(v -> ids.add(unquote(v.toString())));
                checkpoints = List.copyOf(ids);
            }
        }
        return new Caller(subject, roles, carrier, checkpoints, administration);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Whether carrier is the only role that gives the caller access (no officer, service or auditor role too). */
    public boolean onlyCarrier() {
        return has(Roles.CARRIER) && !has(Roles.CUSTOMS_OFFICER) && !has(Roles.SERVICE);
    }

    /** Whether the caller is a border operator of this checkpoint (its {@code checkpoints} claim lists it). */
    public boolean operates(String checkpointId) {
        return has(Roles.BORDER_OPERATOR) && checkpoints.contains(checkpointId);
    }

    /** JSON string values come back quoted from some claim representations. */
    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
