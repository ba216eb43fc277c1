package io.borderflow.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A rate limit per caller: each caller has a token bucket ({@link RateLimitConfig}); a call that finds it empty is
 * refused with RESOURCE_EXHAUSTED (reason {@code RATE_LIMITED}) and a {@code google.rpc.RetryInfo} saying when the
 * next call would be let through, before it is authenticated or read. One partner's flood then costs the others
 * nothing, whatever it sends.
 * <p>
 * The caller is the subject of its token when that token was verified already ({@link VerifiedTokens#known}: the
 * check reads no signature and waits for nothing, so it can run on the event loop), else the peer's IP address: a
 * caller without a verified identity (no token, a forged one, the first call of a new token) cannot make up subjects
 * to get fresh buckets. Tokens with the {@code service} role (the suite's services calling each other) get their
 * own, higher rate: each carries the calls of all of its service's callers, who were each limited where they came
 * in, so the partners' rate would throttle them all together. gRPC health and reflection are never limited.
 * <p>
 * Why not SmallRye Fault Tolerance's {@code @RateLimit}: its limit is one per method for every caller together, so
 * one partner's flood would refuse everyone; a limit per caller needs a bucket per key. The buckets are in a
 * Caffeine cache bounded to {@link RateLimitConfig#maxCallers()} and dropped an hour after their last call, so a
 * stream of invented addresses or subjects cannot grow memory without bound.
 */
@ApplicationScoped
@GlobalInterceptor
public class CallerRateLimit implements ServerInterceptor, Prioritized {
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String PROTECTED_PACKAGE = "borderflow.";

    private final RateLimitConfig config;
    private final VerifiedTokens tokens;
    private final String domain;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> buckets;

    @Inject
    public CallerRateLimit(
            RateLimitConfig config,
            VerifiedTokens tokens,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this(config, tokens, application, System::nanoTime);
    }

    CallerRateLimit(RateLimitConfig config, VerifiedTokens tokens, String application, LongSupplier nanoTime) {
        this.config = config;
        this.tokens = tokens;
        this.domain = application.replaceFirst("-service$", "") + ".borderflow.io";
        this.nanoTime = nanoTime;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(config.maxCallers())
                .expireAfterAccess(Duration.ofHours(1))
                .build();
    }

    @Override
    public int getPriority() {
        // outside the authentication, so that a refused call costs no signature check
        return Integer.MAX_VALUE - 10;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String service = call.getMethodDescriptor().getServiceName();
        if (!config.enabled() || service == null || !service.startsWith(PROTECTED_PACKAGE)) {
            return next.startCall(call, headers);
        }
        JsonWebToken caller = verifiedCaller(headers.get(AUTHORIZATION));
        boolean isService = caller != null
                && caller.getGroups() != null
                && caller.getGroups().contains(Roles.SERVICE);
        String key = caller != null && caller.getSubject() != null
                ? "subject:" + caller.getSubject()
                : "peer:" + address(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        double rate = isService ? config.serviceRequestsPerSecond() : config.requestsPerSecond();
        int burst = isService ? config.serviceBurst() : config.burst();
        long wait =
                buckets.get(key, k -> new Bucket(burst, nanoTime.getAsLong())).take(rate, burst, nanoTime.getAsLong());
        if (wait > 0) {
            StatusException refused = refusal(rate, wait);
            call.close(refused.getStatus(), refused.getTrailers());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }

    private JsonWebToken verifiedCaller(String authorization) {
        if (!BearerTokenRequired.hasBearerToken(authorization)) {
            return null;
        }
        return tokens.known(authorization.substring(7).strip()).orElse(null);
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private StatusException refusal(double rate, long waitNanos) {
        // whole milliseconds, rounded up: a client that waits that long is let through
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999));
        return StatusProto.toStatusException(com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage("too many calls from this caller; retry after " + millis + " ms")
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("RATE_LIMITED")
                        .setDomain(domain)
                        .putMetadata("requests_per_second", String.valueOf(rate))
                        .build()))
                .addDetails(Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                                .setSeconds(millis / 1000)
                                .setNanos((int) (millis % 1000) * 1_000_000))
                        .build()))
                .build());
    }

    /** A token bucket: {@code tokens} calls left, refilled at the rate since {@code refilledAt}. */
    static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.refilledAt = now;
        }

        /** Takes one call's token: 0 when there was one, else the nanoseconds until there will be. */
        synchronized long take(double rate, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * rate / 1e9);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / rate * 1e9);
        }
    }
}
