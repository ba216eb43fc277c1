package io.borderflow.support.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.io.IOException;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends a stream when the token it was opened with expires: a status watch or a border post's event stream is
 * authenticated once, at its start, and could otherwise go on for days on a token that expired (or was withdrawn) long
 * ago. At the token's {@code exp} the call is closed with UNAUTHENTICATED ("the token expired") and the service's side
 * is cancelled, as if the client had gone; the client reconnects with a fresh token, as it does after any stream
 * ends. Unary calls are left alone (they end long before any token does).
 * <p>
 * The expiry is read from the bearer token without verifying it: the call goes on only if the authentication verified
 * that very token, and a call it refuses is closed before the timer, which goes with it. The timer runs on the call's
 * Vert.x context, where its writes happen too ({@link io.borderflow.support.grpc.CancelledCallGuard}), and what the
 * service writes after the close is dropped.
 */
@ApplicationScoped
@GlobalInterceptor
public class StreamTokenExpiry implements ServerInterceptor, Prioritized {
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String EXPIRED = "the token expired; open the stream again with a fresh token";

    @Override
    public int getPriority() {
        // outside the authentication (Integer.MAX_VALUE - 100), inside the rate limit
        return Integer.MAX_VALUE - 20;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Context context = Vertx.currentContext();
        String authorization = headers.get(AUTHORIZATION);
        if (call.getMethodDescriptor().getType() == MethodDescriptor.MethodType.UNARY
                || context == null
                || !BearerTokenRequired.hasBearerToken(authorization)) {
            return next.startCall(call, headers);
        }
        OptionalLong expiry = expiry(authorization.substring(7).strip());
        if (expiry.isEmpty()) {
            return next.startCall(call, headers);
        }
        Expiring<Q, R> expiring = new Expiring<>(call);
        ServerCall.Listener<Q> listener = next.startCall(expiring, headers);
        Ending<Q> ending = new Ending<>(listener, expiring);
        long delay = Math.max(1, expiry.getAsLong() * 1000 - System.currentTimeMillis());
        long timer = context.owner()
                .setTimer(
                        delay,
                        id -> context.runOnContext(ignored -> {
                            if (expiring.closeOnce(Status.UNAUTHENTICATED.withDescription(EXPIRED), new Metadata())) {
                                ending.cancel();
                            }
                        }));
        expiring.onEnd(() -> context.owner().cancelTimer(timer));
        return ending;
    }

    /** The {@code exp} claim of a JWT, in epoch seconds, read without verifying the token; empty when it has none. */
    static OptionalLong expiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return OptionalLong.empty();
        }
        try {
            JsonNode exp =
                    JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).get("exp");
            return exp != null && exp.canConvertToLong() ? OptionalLong.of(exp.asLong()) : OptionalLong.empty();
        } catch (IOException | IllegalArgumentException notAToken) {
            return OptionalLong.empty();
        }
    }

    /** The call, closed once, by whoever is first: the service, the authentication or the expiry. */
    private static final class Expiring<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile Runnable onEnd = () -> {};

        Expiring(ServerCall<Q, R> call) {
            super(call);
        }

        void onEnd(Runnable action) {
            onEnd = action;
            if (closed.get()) {
                action.run();
            }
        }

        boolean closeOnce(Status status, Metadata trailers) {
            if (!closed.compareAndSet(false, true)) {
                return false;
            }
            onEnd.run();
            super.close(status, trailers);
            return true;
        }

        @Override
        public void close(Status status, Metadata trailers) {
            closeOnce(status, trailers);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            if (!closed.get()) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public void sendMessage(R message) {
            if (!closed.get()) {
                super.sendMessage(message);
            }
        }

        @Override
        public boolean isCancelled() {
            return closed.get() || super.isCancelled();
        }
    }

    /** The service's listener, told once that the call ended; the expiry tells it as a cancellation. */
    private static final class Ending<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final Expiring<?, ?> call;
        private final AtomicBoolean ended = new AtomicBoolean();

        Ending(ServerCall.Listener<Q> listener, Expiring<?, ?> call) {
            super(listener);
            this.call = call;
        }

        void cancel() {
            if (ended.compareAndSet(false, true)) {
                super.onCancel();
            }
        }

        @Override
        public void onCancel() {
            call.onEnd.run();
            cancel();
        }

        @Override
        public void onComplete() {
            call.onEnd.run();
            if (ended.compareAndSet(false, true)) {
                super.onComplete();
            }
        }
    }
}
