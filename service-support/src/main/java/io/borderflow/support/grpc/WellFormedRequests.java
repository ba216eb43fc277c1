package io.borderflow.support.grpc;

import com.google.protobuf.MessageOrBuilder;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request to a BorderFlow API that is not {@link WellFormed} with INVALID_ARGUMENT (reason
 * {@code MALFORMED_REQUEST}, a field violation per problem) before the service sees it, so that no RPC has to guard
 * every timestamp and string itself; bytes that are not a protobuf message of the request's type at all are refused
 * the same way (the gRPC stack would answer INTERNAL, "half-closed without a request"). Calls whose client sends one message (unary and server streaming) are checked
 * here; a client stream checks each of its messages itself with {@link WellFormed}, so that one bad message is
 * refused alone and the stream goes on.
 */
@ApplicationScoped
@GlobalInterceptor
public class WellFormedRequests implements ServerInterceptor {
    private static final String PROTECTED_PACKAGE = "borderflow.";

    private final GrpcErrors errors;

    public WellFormedRequests(@ConfigProperty(name = "quarkus.application.name") String application) {
        this.errors = new GrpcErrors(errorDomain(application));
    }

    /** {@code checkpoint-service} reports errors in the domain {@code checkpoint.borderflow.io}. */
    static String errorDomain(String application) {
        return application.replaceFirst("-service$", "") + ".borderflow.io";
    }

    /** The failure for a message with these problems. */
    public static InvalidArgumentException malformed(List<FieldViolation> problems) {
        return new InvalidArgumentException(
                "MALFORMED_REQUEST",
                "the request has " + problems.size() + " malformed field(s); see the field violations",
                Map.of(),
                problems);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String service = call.getMethodDescriptor().getServiceName();
        if (service == null
                || !service.startsWith(PROTECTED_PACKAGE)
                || !call.getMethodDescriptor().getType().clientSendsOneMessage()) {
            return next.startCall(call, headers);
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean received;
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                received = true;
                if (message instanceof MessageOrBuilder request) {
                    List<FieldViolation> problems = WellFormed.problems(request);
                    if (!problems.isEmpty()) {
                        refuse(malformed(problems));
                        return;
                    }
                }
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (refused) {
                    return;
                }
                if (!received) {
                    // the bytes sent were not a message of the request's type (the transport could not parse them)
                    refuse(new InvalidArgumentException(
                            "MALFORMED_REQUEST",
                            "the request is not a protobuf "
                                    + call.getMethodDescriptor().getFullMethodName() + " request message",
                            Map.of(),
                            List.of()));
                    return;
                }
                super.onHalfClose();
            }

            private void refuse(InvalidArgumentException problem) {
                refused = true;
                Throwable failure = errors.toStatus(problem);
                Metadata trailers = Status.trailersFromThrowable(failure);
                call.close(Status.fromThrowable(failure), trailers != null ? trailers : new Metadata());
            }
        };
    }
}
