package io.borderflow.loadharness.scenario;

import io.borderflow.support.security.DevTokenIssuer;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the scenarios call the suite with: one plaintext channel per service, the suite's development token issuer, a
 * tag that makes this run's ids and plates unique, and the deadlines.
 *
 * @param callDeadline set on every unary call
 * @param streamDeadline set on every event stream (it covers one scenario's phases)
 */
public record SuiteClients(Map<String, ManagedChannel> channels, DevTokenIssuer issuer, String runTag,
        Duration callDeadline, Duration streamDeadline) implements AutoCloseable {

    /** Channels to the services listening on localhost at the given ports, by service name. */
    public static SuiteClients connect(Map<String, Integer> ports, DevTokenIssuer issuer, String runTag,
            Duration callDeadline, Duration streamDeadline) {
        Map<String, ManagedChannel> channels = new java.util.LinkedHashMap<>();
        // answers are handled on the transport threads: recording one and starting the next call is cheap
        ports.forEach((service, port) -> channels.put(service, ManagedChannelBuilder.forAddress("localhost", port)
                .usePlaintext().directExecutor().build()));
        return new SuiteClients(Map.copyOf(channels), issuer, runTag, callDeadline, streamDeadline);
    }

    public ManagedChannel channel(String service) {
        ManagedChannel channel = channels.get(service);
        if (channel == null) {
            throw new IllegalArgumentException("no channel to " + service + "; known: " + channels.keySet());
        }
        return channel;
    }

    /** Sends {@code authorization: Bearer <jwt>} on every call, built once. */
    public static ClientInterceptor bearer(String jwt) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + jwt);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel channel : channels.values()) {
            channel.shutdownNow();
        }
        for (ManagedChannel channel : channels.values()) {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
