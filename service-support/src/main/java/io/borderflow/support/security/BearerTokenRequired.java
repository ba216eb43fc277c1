package io.borderflow.support.security;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a call to a BorderFlow API that carries no bearer token with UNAUTHENTICATED (an anonymous caller would
 * otherwise be told PERMISSION_DENIED, as if it were known but not allowed). Tokens that are present are verified by
 * the JWT mechanism before the call reaches any service; gRPC health and reflection stay open.
 */
@ApplicationScoped
@GlobalInterceptor
public class BearerTokenRequired implements ServerInterceptor {
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String PROTECTED_PACKAGE = "borderflow.";

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (call.getMethodDescriptor().getServiceName() != null
                && call.getMethodDescriptor().getServiceName().startsWith(PROTECTED_PACKAGE)
                && !hasBearerToken(headers.get(AUTHORIZATION))) {
            call.close(
                    Status.UNAUTHENTICATED.withDescription("a bearer token is required (authorization: Bearer <jwt>)"),
                    new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }

    static boolean hasBearerToken(String authorization) {
        return authorization != null
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && authorization.length() > 7;
    }
}
