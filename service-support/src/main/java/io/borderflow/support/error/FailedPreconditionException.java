package io.borderflow.support.error;

import java.util.List;
import java.util.Map;

/** The system is not in a state where the request can be carried out (e.g. no active ruleset); nothing changed. */
public class FailedPreconditionException extends DomainException {

    public FailedPreconditionException(String reason, String message) {
        super(ErrorKind.FAILED_PRECONDITION, reason, message, Map.of(), List.of());
    }

    /** With metadata for the caller's next step (ErrorInfo metadata), e.g. the next window with room. */
    public FailedPreconditionException(String reason, String message, Map<String, String> metadata) {
        super(ErrorKind.FAILED_PRECONDITION, reason, message, metadata, List.of());
    }
}
