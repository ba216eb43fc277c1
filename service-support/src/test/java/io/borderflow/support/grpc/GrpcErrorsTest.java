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
        assertThat(badRequest.getFieldViolationsList()).singleElement()
                .satisfies(v -> assertThat(v.getField()).isEqualTo("page_size"));
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
        StatusRuntimeException unavailable = Status.UNAVAILABLE.withDescription("peer down").asRuntimeException();
        assertThat(errors.toStatus(unavailable)).isSameAs(unavailable);
    }

    @Test
    void unexpectedFailureBecomesInternalWithoutInternals() {
        Throwable mapped = errors.toStatus(new IllegalStateException("password=secret in connection string"));

        Status status = Status.fromThrowable(mapped);
        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).startsWith("internal error, incident ").doesNotContain("secret");
    }

    @Test
    void anUnreachableDatabaseIsUnavailableWhereverItIsWrapped() {
        Throwable refused = new CompletionException(new IllegalStateException("session failed",
                new java.net.ConnectException("Connection refused: localhost/127.0.0.1:5432")));
        Throwable shuttingDown = new io.vertx.sqlclient.DatabaseException(
                "terminating connection due to administrator command", 0, "57P01") {
        };
        Throwable lost = new RuntimeException(io.vertx.sqlclient.ClosedConnectionException.INSTANCE);

        for (Throwable failure : java.util.List.of(refused, shuttingDown, lost)) {
            Throwable mapped = errors.toStatus(failure);
            assertThat(Status.fromThrowable(mapped).getCode()).as(failure.toString()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(unpack(StatusProto.fromThrowable(mapped), ErrorInfo.class).getReason())
                    .isEqualTo("DATABASE_UNAVAILABLE");
        }
        // a query the database refused for its content is a bug, not an outage
        Throwable constraint = new io.vertx.sqlclient.DatabaseException("duplicate key", 0, "23505") {
        };
        assertThat(Status.fromThrowable(errors.toStatus(constraint)).getCode()).isEqualTo(Status.Code.INTERNAL);
    }

    private static <T extends com.google.protobuf.Message> T unpack(com.google.rpc.Status status, Class<T> type) {
        return status.getDetailsList().stream().filter(any -> any.is(type)).findFirst().map(any -> {
            try {
                return any.unpack(type);
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + status));
    }
}
