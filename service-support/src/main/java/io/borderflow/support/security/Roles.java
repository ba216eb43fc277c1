package io.borderflow.support.security;

/**
 * Every role a BorderFlow token can carry (in its {@code groups} claim), named in one place. Each RPC declares which
 * of them may call it; reading public reference data needs any valid token.
 */
public final class Roles {
    /** Records crossing events, opens and closes lanes, schedules closures, for the checkpoints in its token only. */
    public static final String BORDER_OPERATOR = "border-operator";
    /** Submits declarations, reads decisions, records inspection results. */
    public static final String CUSTOMS_OFFICER = "customs-officer";
    /** Drafts, simulates and activates rulesets; reads rule performance. */
    public static final String RISK_ANALYST = "risk-analyst";
    /**
     * Records inspection results of a recognised partner administration (mutual recognition): its token's
     * {@code administration} claim must be one the decision's ruleset recognises.
     */
    public static final String PARTNER_CUSTOMS = "partner-customs";
    /** Books and cancels queue slots and sees its own trucks and declarations, for its own carrier id only. */
    public static final String CARRIER = "carrier";
    /** Searches routes and reads checkpoint status. */
    public static final String FREIGHT_PLATFORM = "freight-platform";
    /** Closes and reopens legs of the corridor network (road closures, suspended ferry lines). */
    public static final String NETWORK_OPERATOR = "network-operator";
    /** The suite's own services calling each other. */
    public static final String SERVICE = "service";
    /** Reads the audit trail. */
    public static final String AUDITOR = "auditor";

    /** Token claim listing the checkpoint ids a border operator may write to. */
    public static final String CHECKPOINTS_CLAIM = "checkpoints";
    /** Token claim with a carrier's own id. */
    public static final String CARRIER_CLAIM = "carrier_id";
    /** Token claim of a partner-customs caller: the country code of the administration it speaks for. */
    public static final String ADMINISTRATION_CLAIM = "administration";

    /** Issuer and audience of the suite's tokens unless configured otherwise. */
    public static final String AUDIENCE = "borderflow";

    private Roles() {}

    public static java.util.List<String> all() {
        return java.util.List.of(
                BORDER_OPERATOR,
                CUSTOMS_OFFICER,
                RISK_ANALYST,
                PARTNER_CUSTOMS,
                CARRIER,
                FREIGHT_PLATFORM,
                NETWORK_OPERATOR,
                SERVICE,
                AUDITOR);
    }
}
