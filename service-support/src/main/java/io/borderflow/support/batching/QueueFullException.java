package io.borderflow.support.batching;

import io.borderflow.support.error.DomainException;
import io.borderflow.support.error.ErrorKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A {@link GroupCommit} queue held as many requests as it may: this one was not taken (nothing of it was stored) and
 * may be sent again after {@link #retryDelay()}. RESOURCE_EXHAUSTED, reason {@code QUEUE_FULL}, with a
 * {@code google.rpc.RetryInfo}.
 */
public class QueueFullException extends DomainException {
    private final Duration retryDelay;

    public QueueFullException(String what, int maxQueued, Duration retryDelay) {
        super(
                ErrorKind.RESOURCE_EXHAUSTED,
                "QUEUE_FULL",
                "the service is writing as fast as it can and holds " + maxQueued + " " + what
                        + " waiting already; this one was not taken, send it again after " + retryDelay.toMillis()
                        + " ms",
                Map.of("queue", what, "max_queued", String.valueOf(maxQueued)),
                List.of());
        this.retryDelay = retryDelay;
    }

    @Override
    public Duration retryDelay() {
        return retryDelay;
    }
}
