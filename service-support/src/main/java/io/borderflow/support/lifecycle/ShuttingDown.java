package io.borderflow.support.lifecycle;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The start of a graceful shutdown (SIGTERM), for the calls that would otherwise hold it up to its timeout: streams
 * that never end by themselves (status watchers, border posts' event streams) are ended with UNAVAILABLE (reason
 * {@code SHUTTING_DOWN}) once what they had in hand is answered, so their clients reconnect to another replica at
 * once, while unary calls in flight finish (Quarkus waits for them up to {@code quarkus.shutdown.timeout}, refusing
 * new ones). It starts with Quarkus' shutdown delay (enabled at build time), before the wait for calls in flight.
 */
@ApplicationScoped
public class ShuttingDown {
    private final String domain;
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    public ShuttingDown(@ConfigProperty(name = "quarkus.application.name") String application) {
        this.domain = application.replaceFirst("-service$", "") + ".borderflow.io";
    }

    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        started = true;
        listeners.forEach(Runnable::run);
        listeners.clear();
    }

    /** Whether the shutdown has begun: new work on a long stream is refused with {@link #unavailable}. */
    public boolean started() {
        return started;
    }

    /** UNAVAILABLE, reason SHUTTING_DOWN: the client should reconnect (to another replica) and resend. */
    public StatusRuntimeException unavailable() {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.UNAVAILABLE_VALUE)
                .setMessage("the service is shutting down; reconnect and resend what was not acknowledged")
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("SHUTTING_DOWN")
                        .setDomain(domain)
                        .build()))
                .build());
    }

    /**
     * {@code stream} as it is until the shutdown begins; then, once {@code idle} says that what the stream had in hand
     * is answered, it ends with {@link #unavailable}. A stream that ends before stays as it ended.
     */
    public <T> Multi<T> endingAtShutdown(Multi<T> stream, Supplier<Uni<Void>> idle) {
        // a stream of no items that fails at shutdown, and completes when the stream itself ends; merged with the
        // stream, whose items pass with their own back-pressure
        AtomicReference<Runnable> completeSignal = new AtomicReference<>(() -> {});
        Multi<T> signal = Multi.createFrom().emitter(emitter -> {
            Runnable end = () -> idle.get()
                    .subscribe()
                    .with(done -> emitter.fail(unavailable()), failure -> emitter.fail(unavailable()));
            completeSignal.set(emitter::complete);
            listeners.add(end);
            emitter.onTermination(() -> listeners.remove(end));
            if (started && listeners.remove(end)) {
                end.run();
            }
        });
        Multi<T> items =
                stream.onTermination().invoke(() -> completeSignal.get().run());
        return Multi.createBy().merging().streams(items, signal);
    }
}
