package io.borderflow.support.grpc;

import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.http.StreamResetException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells a gRPC call that its client reset its HTTP/2 stream. The Vert.x gRPC server (4.5) tells a call of a reset only
 * while it still reads the request; once a unary or server-streaming request is read, a reset reaches the HTTP
 * response alone, and the call goes on as if its client still listened ({@link CancelledCallGuard} says what that
 * costs). A route ahead of every other one (the gRPC server's included) gives each gRPC request a {@link Signal} in
 * its Vert.x context, fired by the response's reset; the guard, running in the same context as the call starts,
 * takes it from there.
 */
@ApplicationScoped
public class StreamResets {
    static final String KEY = "borderflow.grpc.stream-reset";

    /** Fired once, on the connection's event loop, when the client resets the stream. */
    public static final class Signal {
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile Runnable onReset = () -> {};

        void fire() {
            if (fired.compareAndSet(false, true)) {
                onReset.run();
            }
        }

        public boolean fired() {
            return fired.get();
        }

        /** What to do on a reset; run at once when it has happened already. */
        public void onReset(Runnable action) {
            onReset = action;
            if (fired.get()) {
                action.run();
            }
        }
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String type = context.request().getHeader("content-type");
            if (type != null && type.startsWith("application/grpc")) {
                Signal signal = new Signal();
                context.response().exceptionHandler(failure -> {
                    if (failure instanceof StreamResetException) {
                        signal.fire();
                    }
                });
                try {
                    ContextLocals.put(KEY, signal);
                } catch (UnsupportedOperationException | IllegalStateException notADuplicatedContext) {
                    // no call can find it: the guard then relies on the server's own cancellation only
                }
            }
            context.next();
        });
    }

    /** The signal of the gRPC request being handled in the current Vert.x context, if one was installed. */
    static Optional<Signal> current() {
        try {
            return ContextLocals.get(KEY);
        } catch (UnsupportedOperationException | IllegalStateException notADuplicatedContext) {
            return Optional.empty();
        }
    }
}
