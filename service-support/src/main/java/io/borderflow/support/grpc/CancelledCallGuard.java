package io.borderflow.support.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops a call whose client has gone, and writes nothing more on it. A client goes by resetting the HTTP/2 stream: at
 * its deadline, or when it closes a stream it no longer reads (a watch). The Vert.x gRPC server Quarkus serves on
 * (4.5) does not tell a call of a reset that comes after its request was read (see {@link StreamResets}), so the call
 * went on, and its answer, written on a stream that no longer existed, ended the whole connection with a protocol
 * error ({@code PROTOCOL_ERROR: Request stream 3 is not correct for server connection}). Every other call in flight
 * on that connection then failed at its client with INTERNAL, and the calls queued behind them with UNAVAILABLE: a
 * peer slow enough for its callers' deadlines to pass (a cold start, a burst) failed every call sharing the
 * connection, not only those that ran out of time (issue 20 saw 329 at once), and a watch closed by its client
 * broke the next status the server sent.
 * <p>
 * Here a reset cancels the call as gRPC means it to: its listener hears {@code onCancel} (the service's Uni or Multi
 * is cancelled, a watch stops its timers), and headers, messages and the status are then dropped. Writes go through
 * the call's Vert.x context, in order, so that the check and the write happen on the connection's event loop with
 * the reset: one comes wholly before the other.
 */
@ApplicationScoped
@GlobalInterceptor
public class CancelledCallGuard implements ServerInterceptor, Prioritized {

    @Override
    public int getPriority() {
        // just inside StatusMessageEncoding: the outermost wrappers of every call
        return Integer.MAX_VALUE - 1;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Context context = Vertx.currentContext();
        StreamResets.Signal reset = StreamResets.current().orElse(null);
        if (context == null || reset == null) {
            return next.startCall(call, headers);
        }
        Guarded<Q, R> guarded = new Guarded<>(call, context, reset);
        ServerCall.Listener<Q> listener = next.startCall(guarded, headers);
        GuardedListener<Q> wrapped = new GuardedListener<>(listener);
        reset.onReset(() -> {
            if (guarded.closed.compareAndSet(false, true)) {
                wrapped.cancel();
            }
        });
        return wrapped;
    }

    /** The call, writing on its Vert.x context in the order written, and not at all once its client has gone. */
    private static final class Guarded<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final Context context;
        private final StreamResets.Signal reset;
        private final AtomicInteger queued = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        Guarded(ServerCall<Q, R> call, Context context, StreamResets.Signal reset) {
            super(call);
            this.context = context;
            this.reset = reset;
        }

        @Override
        public boolean isCancelled() {
            return reset.fired() || super.isCancelled();
        }

        @Override
        public void sendHeaders(Metadata responseHeaders) {
            write(() -> super.sendHeaders(responseHeaders));
        }

        @Override
        public void sendMessage(R message) {
            write(() -> super.sendMessage(message));
        }

        @Override
        public void close(Status status, Metadata trailers) {
            write(() -> {
                if (closed.compareAndSet(false, true)) {
                    super.close(status, trailers);
                }
            });
        }

        /** Inline when on the call's event loop with nothing queued before it; else queued there, in order. */
        private void write(Runnable write) {
            Runnable unlessGone = () -> {
                if (!reset.fired()) {
                    write.run();
                }
            };
            if (queued.get() == 0 && Context.isOnEventLoopThread() && Vertx.currentContext() == context) {
                unlessGone.run();
                return;
            }
            queued.incrementAndGet();
            context.runOnContext(ignored -> {
                try {
                    unlessGone.run();
                } finally {
                    queued.decrementAndGet();
                }
            });
        }
    }

    /** The service's listener, told once of a cancellation, whoever tells it first (the server or a reset). */
    private static final class GuardedListener<Q>
            extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final AtomicBoolean ended = new AtomicBoolean();

        GuardedListener(ServerCall.Listener<Q> listener) {
            super(listener);
        }

        void cancel() {
            if (ended.compareAndSet(false, true)) {
                super.onCancel();
            }
        }

        @Override
        public void onCancel() {
            cancel();
        }

        @Override
        public void onComplete() {
            if (ended.compareAndSet(false, true)) {
                super.onComplete();
            }
        }
    }
}
