package io.borderflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts on gRPC failures the way a partner reads them: code, ErrorInfo reason and domain, BadRequest fields. */
public final class GrpcAssertions {
    private GrpcAssertions() {}

    /** What a failed call told the caller. */
    public record Failure(Status.Code code, String description, ErrorInfo errorInfo, List<String> badFields) {}

    /** Runs the call, which must fail with {@code code} and an ErrorInfo of {@code reason}; returns the details. */
    public static Failure assertFails(ThrowingCallable call, Status.Code code, String reason) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown)
                .as("the call should have failed with " + code + "/" + reason)
                .isNotNull();
        Status status = Status.fromThrowable(thrown);
        assertThat(status.getCode()).as("status of " + thrown).isEqualTo(code);
        com.google.rpc.Status rich = StatusProto.fromThrowable(thrown);
        assertThat(rich).as("rich status details").isNotNull();
        ErrorInfo info = null;
        List<String> fields = List.of();
        try {
            for (var any : rich.getDetailsList()) {
                if (any.is(ErrorInfo.class)) {
                    info = any.unpack(ErrorInfo.class);
                } else if (any.is(BadRequest.class)) {
                    fields = any.unpack(BadRequest.class).getFieldViolationsList().stream()
                            .map(BadRequest.FieldViolation::getField)
                            .toList();
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        assertThat(info).as("ErrorInfo in " + rich).isNotNull();
        assertThat(info.getReason()).isEqualTo(reason);
        if (code == Status.Code.INVALID_ARGUMENT) {
            assertThat(fields).as("INVALID_ARGUMENT names the offending fields").isNotEmpty();
        }
        return new Failure(status.getCode(), status.getDescription(), info, fields);
    }
}
