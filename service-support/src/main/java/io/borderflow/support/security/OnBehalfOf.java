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
 */
@ApplicationScoped
@GlobalInterceptor
public class OnBehalfOf implements ServerInterceptor, jakarta.enterprise.inject.spi.Prioritized {
    /** The header that carries the end user's bearer token (the JWT alone, without {@code Bearer }). */
    public static final String HEADER_NAME = "borderflow-on-behalf-of";

    static final Metadata.Key<String> HEADER = Metadata.Key.of(HEADER_NAME, Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<JsonWebToken> END_USER = Context.key("borderflow-end-user");

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
        if (forwarded == null) {
            return next.startCall(call, headers);
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

    /** The verified end user of the current call, or null when no service acts for one. */
    static JsonWebToken endUser() {
        return END_USER.get();
    }
}
