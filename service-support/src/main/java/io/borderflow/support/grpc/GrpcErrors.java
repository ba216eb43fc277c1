package io.borderflow.support.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.borderflow.support.error.DomainException;
import io.borderflow.support.error.ErrorKind;
import io.borderflow.support.error.FieldViolation;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.smallrye.mutiny.Uni;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where failures become gRPC statuses. A {@link DomainException} becomes its canonical code with a
 * {@code google.rpc.ErrorInfo} (reason, domain, metadata), for INVALID_ARGUMENT a {@code google.rpc.BadRequest}
 * listing the offending fields, and a {@code google.rpc.RetryInfo} when it says when to try again
 * ({@link DomainException#retryDelay()}, e.g. a full write queue). A status the code already chose passes through. A database that cannot be reached
 * (refused or lost connections, PostgreSQL shutting down or starting) is UNAVAILABLE with reason
 * {@code DATABASE_UNAVAILABLE}: the call changed nothing it acknowledged and may be retried with backoff. Anything else
 * is a bug: the caller gets INTERNAL with an incident id and no internals, and the cause is logged under that id.
 */
public final class GrpcErrors {
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class.getName());
    /**
     * The status travels in the trailers, base64-encoded and again as its message, and clients limit their size
     * (grpc-java to 8 KiB): a request with a thousand problems is told the first of them, and how many there were
     * ({@code field_violations_total} and {@code field_violations_listed} in the ErrorInfo metadata).
     */
    static final int MAX_VIOLATIONS_LISTED = 50;

    static final int MAX_VIOLATION_BYTES = 3000;
    static final int MAX_TEXT = 500;

    private final String domain;

    /** @param domain the ErrorInfo domain of the service, e.g. {@code checkpoint.borderflow.io} */
    public GrpcErrors(String domain) {
        this.domain = domain;
    }

    /**
     * Runs the body of an RPC so that a failure thrown while checking the request and a failure of the returned Uni
     * map the same way.
     */
    public <T> Uni<T> guard(Supplier<Uni<? extends T>> body) {
        return Uni.createFrom().deferred(body).onFailure().transform(this::toStatus);
    }

    public Throwable toStatus(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StatusRuntimeException || cause instanceof StatusException) {
            return cause;
        }
        if (cause instanceof DomainException domainFailure) {
            return fromDomain(domainFailure);
        }
        Throwable outage = databaseOutage(failure);
        if (outage != null) {
            LOG.warning("Database unavailable: " + outage);
            return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                    .setCode(Code.UNAVAILABLE_VALUE)
                    .setMessage("the service's database is unavailable; retry with backoff")
                    .addDetails(Any.pack(ErrorInfo.newBuilder()
                            .setReason("DATABASE_UNAVAILABLE")
                            .setDomain(domain)
                            .build()))
                    .build());
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, failure);
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Code.INTERNAL_VALUE)
                .setMessage("internal error, incident " + incident)
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("INTERNAL")
                        .setDomain(domain)
                        .putMetadata("incident", incident)
                        .build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    private StatusRuntimeException fromDomain(DomainException failure) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder()
                .setReason(failure.reason())
                .setDomain(domain)
                .putAllMetadata(failure.metadata());
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        for (FieldViolation violation : failure.violations()) {
            BadRequest.FieldViolation listed = BadRequest.FieldViolation.newBuilder()
                    .setField(clip(violation.field()))
                    .setDescription(clip(violation.description()))
                    .build();
            if (badRequest.getFieldViolationsCount() >= MAX_VIOLATIONS_LISTED
                    || badRequest.build().getSerializedSize() + listed.getSerializedSize() > MAX_VIOLATION_BYTES) {
                info.putMetadata(
                        "field_violations_total",
                        String.valueOf(failure.violations().size()));
                info.putMetadata("field_violations_listed", String.valueOf(badRequest.getFieldViolationsCount()));
                break;
            }
            badRequest.addFieldViolations(listed);
        }
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code(failure.kind()).getNumber())
                .setMessage(clip(failure.getMessage()))
                .addDetails(Any.pack(info.build()));
        if (badRequest.getFieldViolationsCount() > 0) {
            status.addDetails(Any.pack(badRequest.build()));
        }
        if (failure.retryDelay() != null) {
            status.addDetails(Any.pack(RetryInfo.newBuilder()
                    .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(failure.retryDelay().getSeconds())
                            .setNanos(failure.retryDelay().getNano()))
                    .build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    /** Long texts are cut here, so that a failure always fits a client's trailers (grpc-java allows 8 KiB). */
    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private static Code code(ErrorKind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> Code.INVALID_ARGUMENT;
            case NOT_FOUND -> Code.NOT_FOUND;
            case ALREADY_EXISTS -> Code.ALREADY_EXISTS;
            case FAILED_PRECONDITION -> Code.FAILED_PRECONDITION;
            case PERMISSION_DENIED -> Code.PERMISSION_DENIED;
            case RESOURCE_EXHAUSTED -> Code.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Code.UNAVAILABLE;
        };
    }

    /** Whether the failure says the database could not be reached (see {@link #databaseOutage}). */
    public static boolean isDatabaseOutage(Throwable failure) {
        return databaseOutage(failure) != null;
    }

    /**
     * The cause that says the database could not be reached, or null: a refused, reset or timed-out connection, a
     * connection closed under the call or before it was sent, or PostgreSQL's own connection errors (SQLSTATE class 08) and shutdown or start-up
     * refusals (57P01-57P03).
     */
    static Throwable databaseOutage(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof java.net.SocketException // refused, reset, broken pipe
                    || current instanceof java.nio.channels.ClosedChannelException
                    || current instanceof io.vertx.sqlclient.ClosedConnectionException
                    || isConnectionNoLongerActive(current)) {
                return current;
            }
            if (current instanceof io.vertx.sqlclient.DatabaseException database
                    && database.getSqlState() != null
                    && (database.getSqlState().startsWith("08")
                            || database.getSqlState().matches("57P0[123]"))) {
                return current;
            }
            current = current.getCause();
        }
        return null;
    }

    /**
     * The Vert.x PostgreSQL client fails a query sent on a connection that has just been closed with a bare
     * {@code NoStackTraceThrowable} whose message is the only sign of what happened.
     */
    private static boolean isConnectionNoLongerActive(Throwable failure) {
        return failure instanceof io.vertx.core.impl.NoStackTraceThrowable
                && failure.getMessage() != null
                && failure.getMessage().startsWith("Connection is not active now");
    }

    /** Reactive pipelines wrap failures (CompletionException, CompositeException); the first domain cause wins. */
    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (current instanceof DomainException
                    || current instanceof StatusRuntimeException
                    || current instanceof StatusException) {
                return current;
            }
            current = current.getCause();
        }
        return failure;
    }
}
