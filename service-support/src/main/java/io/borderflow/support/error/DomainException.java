package io.borderflow.support.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one base of every failure the services report to a caller. It carries what the caller needs and nothing
 * more: a kind (the canonical code), a machine-readable reason in UPPER_SNAKE_CASE, a message safe to show, and
 * metadata and field violations for the error details. Anything that is not a DomainException reaches the caller
 * as INTERNAL with no detail.
 */
public abstract class DomainException extends RuntimeException {
    private final ErrorKind kind;
    private final String reason;
    private final Map<String, String> metadata;
    private final List<FieldViolation> violations;

    protected DomainException(
            ErrorKind kind,
            String reason,
            String message,
            Map<String, String> metadata,
            List<FieldViolation> violations) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.metadata = Map.copyOf(metadata);
        this.violations = List.copyOf(violations);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** Machine-readable reason, e.g. {@code CHECKPOINT_NOT_FOUND}; stable, partners may switch on it. */
    public String reason() {
        return reason;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /**
     * How long the caller should wait before trying again, when the service can tell (a full queue, a used-up
     * limit): sent as a {@code google.rpc.RetryInfo}. Null when it cannot.
     */
    public Duration retryDelay() {
        return null;
    }
}
