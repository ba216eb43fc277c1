package io.borderflow.support.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {
    private final GrpcErrors errors = new GrpcErrors("test.borderflow.io");

    @Test
    void invalidArgumentCarriesErrorInfoAndFieldViolations() {
        Throwable mapped = errors.toStatus(new InvalidArgumentException("INVALID_PAGE_SIZE", "page_size", "too big"));

        com.google.rpc.Status status = StatusProto.fromThrowable(mapped);
        assertThat(Status.fromThrowable(mapped).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDetailsList()).hasSize(2);
        ErrorInfo info = unpack(status, ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("INVALID_PAGE_SIZE");
        assertThat(info.getDomain()).isEqualTo("test.borderflow.io");
        BadRequest badRequest = unpack(status, BadRequest.class);
        assertThat(badRequest.getFieldViolationsList())
                .singleElement()
                .satisfies(v -> assertThat(v.getField()).isEqualTo("page_size"));
    }

    /** A request a full write queue did not take: RESOURCE_EXHAUSTED, which queue, and when to send it again. */
    @Test
    void aFullQueueIsResourceExhaustedWithRetryInfo() {
        Throwable mapped = errors.toStatus(
                new java.util.concurrent.CompletionException(new io.borderflow.support.batching.QueueFullException(
                        "crossing events", 4096, java.time.Duration.ofMillis(1500))));

        assertThat(Status.fromThrowable(mapped).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        com.google.rpc.Status status = StatusProto.fromThrowable(mapped);
        ErrorInfo info = unpack(status, ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("QUEUE_FULL");
        assertThat(info.getMetadataMap())
                .containsEntry("queue", "crossing events")
                .containsEntry("max_queued", "4096");
        com.google.rpc.RetryInfo retry = unpack(status, com.google.rpc.RetryInfo.class);
        // 1,500 ms: 1 s and 500,000,000 ns
        assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(1);
        assertThat(retry.getRetryDelay().getNanos()).isEqualTo(500_000_000);
    }

    @Test
    void aThousandProblemsAreToldByTheFirstOfThemAndHowManyThereWere() {
        java.util.List<io.borderflow.support.error.FieldViolation> problems = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            problems.add(new io.borderflow.support.error.FieldViolation(
                    "declaration.goods_lines[" + i + "].hs_code", "6 to 10 digits; " + "x".repeat(600)));
        }
        Throwable mapped = errors.toStatus(
                new InvalidArgumentException("INVALID_DECLARATION", "1000 problems", java.util.Map.of(), problems));

        io.grpc.Metadata trailers = Status.trailersFromThrowable(mapped);
        int trailerBytes = trailers.keys().stream()
                .mapToInt(key -> {
                    io.grpc.Metadata.Key<byte[]> binary = key.endsWith("-bin")
                            ? io.grpc.Metadata.Key.of(key, io.grpc.Metadata.BINARY_BYTE_MARSHALLER)
                            : null;
                    return binary != null
                            ? trailers.get(binary).length * 4 / 3
                            : trailers.get(io.grpc.Metadata.Key.of(key, io.grpc.Metadata.ASCII_STRING_MARSHALLER))
                                    .length();
                })
                .sum();
        assertThat(trailerBytes)
                .as("fits grpc-java's default 8 KiB of metadata")
                .isLessThan(8192 - 1024);
        com.google.rpc.Status status = StatusProto.fromThrowable(mapped);
        BadRequest badRequest = unpack(status, BadRequest.class);
        assertThat(badRequest.getFieldViolationsCount()).isBetween(1, GrpcErrors.MAX_VIOLATIONS_LISTED);
        assertThat(badRequest.getFieldViolations(0).getField()).isEqualTo("declaration.goods_lines[0].hs_code");
        assertThat(badRequest.getFieldViolations(0).getDescription()).hasSizeLessThanOrEqualTo(GrpcErrors.MAX_TEXT);
        ErrorInfo info = unpack(status, ErrorInfo.class);
        assertThat(info.getMetadataMap())
                .containsEntry("field_violations_total", "1000")
                .containsEntry("field_violations_listed", String.valueOf(badRequest.getFieldViolationsCount()));
    }

    @Test
    void notFoundIsFoundThroughWrappersAndNamesTheResource() {
        Throwable mapped = errors.toStatus(new CompletionException(new NotFoundException("X_NOT_FOUND", "xs/a")));

        assertThat(Status.fromThrowable(mapped).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        ErrorInfo info = unpack(StatusProto.fromThrowable(mapped), ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("X_NOT_FOUND");
        assertThat(info.getMetadataMap()).containsEntry("name", "xs/a");
    }

    @Test
    void statusChosenByTheCodePassesThrough() {
        StatusRuntimeException unavailable =
                Status.UNAVAILABLE.withDescription("peer down").asRuntimeException();
        assertThat(errors.toStatus(unavailable)).isSameAs(unavailable);
    }

    @Test
    void unexpectedFailureBecomesInternalWithoutInternals() {
        Throwable mapped = errors.toStatus(new IllegalStateException("password=secret in connection string"));

        Status status = Status.fromThrowable(mapped);
        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription())
                .startsWith("internal error, incident ")
                .doesNotContain("secret");
    }

    @Test
    void anUnreachableDatabaseIsUnavailableWhereverItIsWrapped() {
        Throwable refused = new CompletionException(new IllegalStateException(
                "session failed", new java.net.ConnectException("Connection refused: localhost/127.0.0.1:5432")));
        Throwable shuttingDown = new io.vertx.sqlclient.DatabaseException(
                "terminating connection due to administrator command", 0, "57P01") {};
        Throwable lost = new RuntimeException(io.vertx.sqlclient.ClosedConnectionException.INSTANCE);
        // as Hibernate Reactive wraps them when PostgreSQL stops under a query, or just before one is sent
        Throwable reset = new org.hibernate.HibernateException(new java.net.SocketException("Connection reset"));
        Throwable notActive = new org.hibernate.HibernateException(
                new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED"));

        for (Throwable failure : java.util.List.of(refused, shuttingDown, lost, reset, notActive)) {
            Throwable mapped = errors.toStatus(failure);
            assertThat(Status.fromThrowable(mapped).getCode())
                    .as(failure.toString())
                    .isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(unpack(StatusProto.fromThrowable(mapped), ErrorInfo.class)
                            .getReason())
                    .isEqualTo("DATABASE_UNAVAILABLE");
        }
        // a query the database refused for its content is a bug, not an outage
        Throwable constraint = new io.vertx.sqlclient.DatabaseException("duplicate key", 0, "23505") {};
        assertThat(Status.fromThrowable(errors.toStatus(constraint)).getCode()).isEqualTo(Status.Code.INTERNAL);
        Throwable otherBareFailure = new io.vertx.core.impl.NoStackTraceThrowable("something else went wrong");
        assertThat(Status.fromThrowable(errors.toStatus(otherBareFailure)).getCode())
                .isEqualTo(Status.Code.INTERNAL);
    }

    private static <T extends com.google.protobuf.Message> T unpack(com.google.rpc.Status status, Class<T> type) {
        return status.getDetailsList().stream()
                .filter(any -> any.is(type))
                .findFirst()
                .map(any -> {
                    try {
                        return any.unpack(type);
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new AssertionError(e);
                    }
                })
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + status));
    }
}
