package io.borderflow.support.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.rpc.ErrorInfo;
import io.borderflow.support.reactive.FreshContext;
import io.borderflow.support.security.Roles;
import io.grpc.Context;
import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Prioritized;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every refusal in the audit trail, through one interceptor (issue 22, item 7). The use cases record the refusals of
 * their writes themselves, with what was asked ({@link AuditTrail#recordingRefusals}); this records what never
 * reaches them or that they do not record: a call without a valid token (UNAUTHENTICATED), one whose roles do not
 * allow the RPC or whose claims do not cover what it reads (PERMISSION_DENIED), and a write refused before its use
 * case ran (a malformed request, an invalid declaration, a rate limit). Each as action {@code rpc.refused} on the RPC's
 * full name, with the status, the ErrorInfo reason and the description.
 *
 * <p>Who: the token's subject, roles and claims once the token was verified (the call reached the service, or was
 * refused for its roles); otherwise {@code unauthenticated}, with the address it came from and the subject it
 * claimed, marked as not verified. A flood is sampled ({@link RefusalSampler}): the first refusal of each kind and
 * caller in a minute ({@code borderflow.audit.refusals.window}) is recorded in full, at most
 * {@code borderflow.audit.refusals.per-minute} a minute in all, and the rest as one summary per kind and caller when
 * its minute ends.
 */
@ApplicationScoped
@GlobalInterceptor
public class RefusalAudit implements ServerInterceptor, Prioritized {
    private static final Logger LOG = Logger.getLogger(RefusalAudit.class);
    static final String ACTION = "rpc.refused";
    private static final String PROTECTED_PACKAGE = "borderflow.";
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final int MAX_KEYS = 10_000;
    private static final Set<Status.Code> WRITE_REFUSALS = EnumSet.of(
            Status.Code.INVALID_ARGUMENT,
            Status.Code.FAILED_PRECONDITION,
            Status.Code.NOT_FOUND,
            Status.Code.ALREADY_EXISTS,
            Status.Code.OUT_OF_RANGE,
            Status.Code.RESOURCE_EXHAUSTED);
    /** RPCs that read: a refusal of one is audited only when it was refused for who asked. */
    private static final List<String> READS = List.of("Get", "List", "BatchGet", "Watch", "Find", "Assess", "Simulate");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Context.Key<CallState> STATE = Context.key("borderflow-refusal-audit");
    /** The state of each call in flight, by its headers (the one object every interceptor of the call is given). */
    private static final Map<Metadata, CallState> CALLS = Collections.synchronizedMap(new WeakHashMap<>());

    private final AuditTrail audit;
    private final Vertx vertx;
    private final RefusalSampler sampler;
    private final Clock clock;
    private long timer = -1;

    /** What the interceptors learn of a call as it goes. */
    public static final class CallState {
        volatile boolean reached;
        volatile boolean audited;
    }

    public RefusalAudit(
            AuditTrail audit,
            Vertx vertx,
            @ConfigProperty(name = "borderflow.audit.refusals.per-minute", defaultValue = "120") int perMinute,
            @ConfigProperty(name = "borderflow.audit.refusals.window", defaultValue = "1m") Duration window) {
        this.audit = audit;
        this.vertx = vertx;
        this.sampler = new RefusalSampler(window, perMinute, MAX_KEYS);
        this.clock = Clock.systemUTC();
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Duration.ofSeconds(10).toMillis(), id -> recordSummaries());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Just inside the outermost wrappers (status encoding, reset guard), so that every refusal passes through. */
    @Override
    public int getPriority() {
        return Integer.MAX_VALUE - 2;
    }

    /**
     * Marks the refusal of the current call as recorded by its use case, so that it is not recorded twice. Called
     * where the call's gRPC context is current (as the use case is started).
     */
    public static Runnable markAudited() {
        CallState state = STATE.get();
        return state == null ? () -> {} : () -> state.audited = true;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String service = call.getMethodDescriptor().getServiceName();
        if (service == null || !service.startsWith(PROTECTED_PACKAGE)) {
            return next.startCall(call, headers);
        }
        CallState state = new CallState();
        CALLS.put(headers, state);
        String authorization = headers.get(AUTHORIZATION);
        SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        return next.startCall(
                new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        CALLS.remove(headers);
                        if (!status.isOk()
                                && !(status.getCode() == Status.Code.UNAUTHENTICATED && authorization != null)) {
                            try {
                                refused(
                                        call.getMethodDescriptor().getFullMethodName(),
                                        status,
                                        trailers,
                                        state,
                                        authorization,
                                        peer);
                            } catch (RuntimeException e) {
                                LOG.warnf(e, "could not audit a refused call");
                            }
                        }
                        super.close(status, trailers);
                    }
                },
                headers);
    }

    /**
     * A bearer token that does not verify fails on the HTTP layer, before the gRPC call starts (the client sees HTTP
     * 401 as UNAUTHENTICATED): Quarkus reports it as a security event, recorded here the same way.
     */
    void onAuthenticationFailure(@Observes AuthenticationFailureEvent event) {
        try {
            RoutingContext request = event.getEventProperties().values().stream()
                    .filter(RoutingContext.class::isInstance)
                    .map(RoutingContext.class::cast)
                    .findFirst()
                    .orElse(null);
            if (request == null || !request.normalizedPath().startsWith("/" + PROTECTED_PACKAGE)) {
                return;
            }
            Throwable failure = event.getAuthenticationFailure();
            refused(
                    request.normalizedPath().substring(1),
                    Status.UNAUTHENTICATED.withDescription(
                            failure == null
                                    ? "authentication failed"
                                    : failure.getClass().getSimpleName()
                                            + (failure.getMessage() == null ? "" : ": " + failure.getMessage())),
                    new Metadata(),
                    new CallState(),
                    request.request().getHeader("authorization"),
                    request.request().remoteAddress() == null
                            ? null
                            : new InetSocketAddress(
                                    request.request().remoteAddress().hostAddress(),
                                    request.request().remoteAddress().port()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not audit a failed authentication");
        }
    }

    /**
     * Whether a refusal with this status of a call in this state is one this interceptor records. A call refused
     * UNAUTHENTICATED with a token had it fail verification, which {@link #onAuthenticationFailure} records.
     */
    static boolean audits(String fullMethod, Status.Code code, boolean audited) {
        if (audited) {
            return false;
        }
        if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
            return true;
        }
        String method = fullMethod.substring(fullMethod.lastIndexOf('/') + 1);
        boolean read = READS.stream().anyMatch(method::startsWith);
        return !read && WRITE_REFUSALS.contains(code);
    }

    private void refused(
            String method,
            Status status,
            Metadata trailers,
            CallState state,
            String authorization,
            SocketAddress peer) {
        if (!audits(method, status.getCode(), state.audited)) {
            return;
        }
        // the token's claims are the caller's once it was verified: the call reached the service, or was refused
        // for its roles after verification
        boolean verified = state.reached || status.getCode() == Status.Code.PERMISSION_DENIED;
        JsonNode claims = claims(authorization);
        String from = peer instanceof InetSocketAddress address
                ? address.getAddress() == null
                        ? address.getHostString()
                        : address.getAddress().getHostAddress()
                : String.valueOf(peer);
        String subject =
                verified && claims.hasNonNull("sub") ? claims.get("sub").asText() : "unauthenticated";
        String key = status.getCode() + "|" + method + "|" + (verified ? "sub:" + subject : "peer:" + from);
        boolean full;
        synchronized (sampler) {
            full = sampler.admit(key, clock.instant());
        }
        if (!full) {
            return;
        }
        String reason = reason(status, trailers);
        String detail = status.getCode() + (reason == null ? "" : " " + reason) + ": "
                + shorten(String.valueOf(status.getDescription()), 400);
        if (!verified) {
            detail += "; from " + from
                    + (claims.hasNonNull("sub")
                            ? ", claiming subject '" + shorten(claims.get("sub").asText(), 64) + "' (not verified)"
                            : "");
        }
        AuditEntry entry = verified
                ? new AuditEntry(
                        subject,
                        strings(claims.get("groups")),
                        claims.hasNonNull(Roles.CARRIER_CLAIM)
                                ? claims.get(Roles.CARRIER_CLAIM).asText()
                                : null,
                        strings(claims.get(Roles.CHECKPOINTS_CLAIM)),
                        ACTION,
                        method,
                        false,
                        detail)
                : new AuditEntry(subject, List.of(), null, List.of(), ACTION, method, false, detail);
        record(entry);
    }

    /** Records the summaries of the refusals counted in the windows that ended. */
    void recordSummaries() {
        List<RefusalSampler.Summary> due;
        synchronized (sampler) {
            due = sampler.due(clock.instant());
        }
        for (RefusalSampler.Summary summary : due) {
            String[] parts = summary.key().split("\\|", 3);
            boolean other = parts.length < 3;
            String who = other ? "various" : parts[2];
            record(new AuditEntry(
                    other ? "various" : who.startsWith("sub:") ? who.substring(4) : "unauthenticated",
                    List.of(),
                    null,
                    List.of(),
                    ACTION,
                    other ? "*" : parts[1],
                    false,
                    summary.count() + " more " + (other ? "refusals" : parts[0] + " refusals")
                            + " like the one recorded before, not recorded one by one, from " + summary.from()
                            + " to " + summary.until()
                            + (who.startsWith("peer:") ? "; from " + who.substring(5) : "")));
        }
    }

    private void record(AuditEntry entry) {
        FreshContext.run(vertx, () -> Panache.withTransaction(() -> audit.append(entry)))
                .subscribe()
                .with(done -> {}, failure -> LOG.warnf("could not audit a refusal (%s): %s", failure, entry));
    }

    /** The reason of the status's ErrorInfo, or null. */
    private static String reason(Status status, Metadata trailers) {
        com.google.rpc.Status rich = StatusProto.fromStatusAndTrailers(status, trailers);
        if (rich == null) {
            return null;
        }
        for (var any : rich.getDetailsList()) {
            if (any.is(ErrorInfo.class)) {
                try {
                    return any.unpack(ErrorInfo.class).getReason();
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The claims of a bearer token as written, not verified; empty when there is none or it is unreadable. */
    static JsonNode claims(String authorization) {
        try {
            String token = authorization.substring("Bearer ".length()).trim();
            String payload = token.split("\\.")[1];
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
        } catch (RuntimeException | java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static List<String> strings(JsonNode values) {
        List<String> out = new ArrayList<>();
        if (values != null && values.isArray()) {
            values.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    private static String shorten(String text, int max) {
        String printable = text.replaceAll("\\p{Cntrl}", " ");
        return printable.length() <= max ? printable : printable.substring(0, max) + "...";
    }

    /**
     * The innermost part: marks a call as having reached its service (authenticated, well formed), and puts its
     * state in the gRPC context, where the use case marks a refusal it records itself.
     */
    @ApplicationScoped
    @GlobalInterceptor
    public static class Reached implements ServerInterceptor, Prioritized {
        @Override
        public int getPriority() {
            return Integer.MIN_VALUE + 1001;
        }

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            CallState state = CALLS.get(headers);
            if (state == null) {
                return next.startCall(call, headers);
            }
            Context context = Context.current().withValue(STATE, state);
            ServerCall.Listener<Q> delegate = io.grpc.Contexts.interceptCall(context, call, headers, next);
            return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
                @Override
                public void onMessage(Q message) {
                    state.reached = true;
                    super.onMessage(message);
                }

                @Override
                public void onHalfClose() {
                    state.reached = true;
                    super.onHalfClose();
                }
            };
        }
    }
}
