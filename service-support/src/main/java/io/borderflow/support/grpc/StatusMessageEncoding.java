package io.borderflow.support.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.nio.charset.StandardCharsets;

/**
 * Writes a failed call's {@code grpc-message} as the gRPC HTTP/2 protocol says: the message's UTF-8 bytes, with only
 * the bytes outside printable ASCII (0x20-0x7E) and {@code %} itself percent-encoded. The Vert.x gRPC server Quarkus
 * serves on encodes it as a URL query value instead ({@code URLEncoder}), so {@code :}, {@code /}, {@code (} and the
 * like arrive as {@code %3A}, {@code %2F}, {@code %28}: grpc-java decodes any percent sequence and shows the message
 * right, but clients that decode only what the protocol encodes (Node.js' grpc-js) show
 * {@code authorization%3A Bearer}. This interceptor, the outermost of every call, puts the message in the trailers
 * itself, encoded per the protocol, and hands the server a status without a description, so the server adds none.
 */
@ApplicationScoped
@GlobalInterceptor
public class StatusMessageEncoding implements ServerInterceptor, Prioritized {
    static final Metadata.Key<String> GRPC_MESSAGE = Metadata.Key.of("grpc-message", Metadata.ASCII_STRING_MARSHALLER);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    @Override
    public int getPriority() {
        // interceptors run from the highest priority down: this one wraps every other, so it sees every status
        return Integer.MAX_VALUE;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return next.startCall(
                new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        if (status.isOk() || status.getDescription() == null) {
                            super.close(status, trailers);
                            return;
                        }
                        trailers.discardAll(GRPC_MESSAGE);
                        trailers.put(GRPC_MESSAGE, encode(status.getDescription()));
                        super.close(Status.fromCode(status.getCode()).withCause(status.getCause()), trailers);
                    }
                },
                headers);
    }

    /** The protocol's Percent-Encoded form of a status message (PROTOCOL-HTTP2.md, "Responses"). */
    public static String encode(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int unsigned = b & 0xFF;
            if (unsigned < 0x20 || unsigned > 0x7E || unsigned == '%') {
                encoded.append('%').append(HEX[unsigned >> 4]).append(HEX[unsigned & 0xF]);
            } else {
                encoded.append((char) unsigned);
            }
        }
        return encoded.toString();
    }
}
