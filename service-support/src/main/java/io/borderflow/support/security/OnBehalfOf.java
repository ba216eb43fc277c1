package io.borderflow.support.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller a service acts for, verified by the service that is called. When routing-service searches routes for a
 * freight platform, or checkpoint-service checks a carrier's declaration, the peer call carries the service's own
 * token (authorising the RPC, as the {@code service} role) and, in the {@value #HEADER_NAME} header, the end user's
 * token as it arrived. This interceptor verifies that token exactly as a bearer token is verified (signature, issuer,
 * audience, times; through the same {@link JWTParser}) and hands it to {@link Caller#of}, so that the callee checks
 * the end user's rights to each object, not only the calling service's: without it a service's token would reach
 * every carrier's declarations for anyone who could get a service to ask (the confused deputy).
 *
 * <p>A forwarded token that does not verify is UNAUTHENTICATED, the call refused before it runs. A forwarded token
 * on a call whose own token lacks the {@code service} role is ignored: only the suite's services act for others.
 *
 * <p>Work a service does later, without the user's token at hand (checkpoint-service filing an arriving truck under
 * the decision on its declaration), names the carrier it acts for in {@value #CARRIER_HEADER_NAME} instead: the
 * called service trusts the calling service to say for whom it acts (its own token proves it is one of the suite's
 * services), never to decide what that carrier may see, and holds the call to that carrier's rights.
 */
@ApplicationScoped
@GlobalInterceptor
public class OnBehalfOf implements ServerInterceptor, jakarta.enterprise.inject.spi.Prioritized {
    /** The header that carries the end user's bearer token (the JWT alone, without {@code Bearer }). */
    public static final String HEADER_NAME = "borderflow-on-behalf-of";

    /** The header that names the carrier a service acts for when it has no token of the carrier's. */
    public static final String CARRIER_HEADER_NAME = "borderflow-on-behalf-of-carrier";

    static final Metadata.Key<String> HEADER = Metadata.Key.of(HEADER_NAME, Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> CARRIER_HEADER =
            Metadata.Key.of(CARRIER_HEADER_NAME, Metadata.ASCII_STRING_MARSHALLER);
    private static final java.util.regex.Pattern CARRIER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Context.Key<JsonWebToken> END_USER = Context.key("borderflow-end-user");
    private static final Context.Key<String> END_CARRIER = Context.key("borderflow-end-carrier");

    private final JWTParser tokens;

    public OnBehalfOf(JWTParser tokens) {
        this.tokens = tokens;
    }

    /**
     * Innermost of the interceptors, so that the end user is in the gRPC context when the service method runs, also
     * after the security interceptor has held the call back to authenticate it.
     */
    @Override
    public int getPriority() {
        return Integer.MIN_VALUE + 1000;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String forwarded = headers.get(HEADER);
        String carrier = headers.get(CARRIER_HEADER);
        if (forwarded == null && carrier == null) {
            return next.startCall(call, headers);
        }
        if (forwarded == null) {
            if (!CARRIER_ID.matcher(carrier).matches()) {
                call.close(
                        Status.INVALID_ARGUMENT.withDescription(CARRIER_HEADER_NAME
                                + " must be a carrier id, 1 to 64 letters, digits, '.', '_' or '-'"),
                        new Metadata());
                return new ServerCall.Listener<>() {};
            }
            return Contexts.interceptCall(Context.current().withValue(END_CARRIER, carrier), call, headers, next);
        }
        JsonWebToken endUser;
        try {
            endUser = tokens.parse(forwarded);
        } catch (ParseException | RuntimeException e) {
            call.close(
                    Status.UNAUTHENTICATED.withDescription(
                            "the token in " + HEADER_NAME + " does not verify: it must be a valid bearer token of the"
                                    + " caller the service acts for"),
                    new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(Context.current().withValue(END_USER, endUser), call, headers, next);
    }

    /**
     * The bearer token the current caller presented, to forward when a service calls a peer for it; null for a
     * caller without one.
     */
    public static String tokenOf(io.quarkus.security.identity.SecurityIdentity identity) {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getRawToken() : null;
    }

    /** The carrier a service names as the one it acts for, or null. */
    static String endCarrier() {
        return END_CARRIER.get();
    }

    /** The verified end user of the current call, or null when no service acts for one. */
    static JsonWebToken endUser() {
        return END_USER.get();
    }
}
