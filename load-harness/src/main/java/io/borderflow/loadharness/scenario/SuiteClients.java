package io.borderflow.loadharness.scenario;

import io.borderflow.support.security.DevTokenIssuer;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the scenarios call the suite with: a few plaintext channels per service, calls spread over them in turn (a
 * service's server handles each HTTP/2 connection on one event loop, so a single connection would measure one core
 * of it), the suite's development token issuer, a tag that makes this run's ids and plates unique, and the deadlines.
 *
 * @param callDeadline set on every unary call
 * @param streamDeadline set on every event stream (it covers one scenario's phases)
 */
public record SuiteClients(
        Map<String, List<ManagedChannel>> channels,
        DevTokenIssuer issuer,
        String runTag,
        Duration callDeadline,
        Duration streamDeadline)
        implements AutoCloseable {

    /** {@code connections} channels to each service listening on localhost at the given ports, by service name. */
    public static SuiteClients connect(
            Map<String, Integer> ports,
            int connections,
            DevTokenIssuer issuer,
            String runTag,
            Duration callDeadline,
            Duration streamDeadline) {
        Map<String, List<ManagedChannel>> channels = new java.util.LinkedHashMap<>();
        ports.forEach((service, port) -> {
            List<ManagedChannel> pool = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                // answers are handled on the transport threads: recording one and starting the next call is cheap
                pool.add(ManagedChannelBuilder.forAddress("localhost", port)
                        .usePlaintext()
                        .directExecutor()
                        .build());
            }
            channels.put(service, List.copyOf(pool));
        });
        return new SuiteClients(Map.copyOf(channels), issuer, runTag, callDeadline, streamDeadline);
    }

    /** The service's channels as one: each new call (or stream) goes to the next connection in turn. */
    public Channel channel(String service) {
        List<ManagedChannel> pool = channels.get(service);
        if (pool == null) {
            throw new IllegalArgumentException("no channel to " + service + "; known: " + channels.keySet());
        }
        AtomicLong next = new AtomicLong();
        return new Channel() {
            @Override
            public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
                return pool.get((int) (next.getAndIncrement() % pool.size())).newCall(method, options);
            }

            @Override
            public String authority() {
                return pool.get(0).authority();
            }
        };
    }

    /** Sends {@code authorization: Bearer <jwt>} on every call, built once. */
    public static ClientInterceptor bearer(String jwt) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + jwt);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    @Override
    public void close() throws InterruptedException {
        channels.values().forEach(pool -> pool.forEach(ManagedChannel::shutdownNow));
        for (List<ManagedChannel> pool : channels.values()) {
            for (ManagedChannel channel : pool) {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
