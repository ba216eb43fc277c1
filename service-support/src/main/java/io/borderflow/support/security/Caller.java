package io.borderflow.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, as the audit trail and claim checks need it: subject, roles, carrier id and checkpoints claims, and,
 * when the caller is one of the suite's services acting for someone, that end user ({@link OnBehalfOf}), whose rights
 * decide what the call may see of each object ({@link #effective()}).
 */
public record Caller(
        String subject,
        List<String> roles,
        String carrierId,
        List<String> checkpoints,
        String administration,
        Caller endUser) {

    public Caller(String subject, List<String> roles, String carrierId, List<String> checkpoints) {
        this(subject, roles, carrierId, checkpoints, null, null);
    }

    public Caller(
            String subject, List<String> roles, String carrierId, List<String> checkpoints, String administration) {
        this(subject, roles, carrierId, checkpoints, administration, null);
    }

    /**
     * The caller of the current call; for a service that acts for an end user ({@link OnBehalfOf}), with that end
     * user beside it.
     */
    public static Caller of(SecurityIdentity identity) {
        Caller caller = of(identity.getPrincipal(), identity.getRoles());
        if (!caller.has(Roles.SERVICE)) {
            return caller;
        }
        JsonWebToken endUser = OnBehalfOf.endUser();
        if (endUser != null) {
            return caller.actingFor(of(endUser, endUser.getGroups()));
        }
        String carrier = OnBehalfOf.endCarrier();
        return carrier == null
                ? caller
                : caller.actingFor(new Caller("carrier:" + carrier, List.of(Roles.CARRIER), carrier, List.of()));
    }

    /** This service caller acting for an end user. */
    public Caller actingFor(Caller user) {
        return new Caller(subject, roles, carrierId, checkpoints, administration, user);
    }

    /**
     * Whose rights decide what the call may see of an object: the end user a service acts for, or the caller itself.
     * A service calling on its own account (a sweep, a feed) keeps its own rights.
     */
    public Caller effective() {
        return endUser != null ? endUser : this;
    }

    /**
     * Whether this is one of the suite's services acting for no one but itself, also when it is the end user another
     * service forwards (a service calling FindRoutes passes its own token on).
     */
    private boolean onItsOwnAccount() {
        return has(Roles.SERVICE) && endUser == null;
    }

    /**
     * Whether the {@link #effective()} caller may see a declaration, and what was decided on it, of this carrier: a
     * customs officer or a risk analyst any, a service on its own account any, anyone else only its own carrier's
     * (its {@code carrier_id} claim). A declaration the caller may not see is answered as if it did not exist.
     */
    public boolean maySeeDeclarationOf(String declarationCarrierId) {
        Caller who = effective();
        if (who.has(Roles.CUSTOMS_OFFICER) || who.has(Roles.RISK_ANALYST)) {
            return true;
        }
        if (who.onItsOwnAccount()) {
            return true;
        }
        return who.carrierId() != null && who.carrierId().equals(declarationCarrierId);
    }

    /**
     * Whether the {@link #effective()} caller may see how a decision was reached (score, reasons, ruleset): customs
     * officers, risk analysts and services on their own account; a carrier, or a service acting for anyone else, sees
     * the channel, the inspection and its handling time only.
     */
    public boolean maySeeDecisionReasons() {
        Caller who = effective();
        return who.has(Roles.CUSTOMS_OFFICER) || who.has(Roles.RISK_ANALYST) || who.onItsOwnAccount();
    }

    private static Caller of(java.security.Principal principal, java.util.Set<String> groups) {
        List<String> roles =
                groups == null ? List.of() : groups.stream().sorted().toList();
        String subject = principal == null ? "anonymous" : principal.getName();
        String carrier = null;
        List<String> checkpoints = List.of();
        String administration = null;
        if (principal instanceof JsonWebToken jwt) {
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
