package io.borderflow.support.error;

import java.util.List;
import java.util.Map;

/** The request is malformed or names something that cannot be valid; nothing was changed. */
public class InvalidArgumentException extends DomainException {

    public InvalidArgumentException(String reason, String field, String description) {
        this(reason, description, Map.of(), List.of(new FieldViolation(field, description)));
    }

    public InvalidArgumentException(
            String reason, String message, Map<String, String> metadata, List<FieldViolation> violations) {
        super(ErrorKind.INVALID_ARGUMENT, reason, message, metadata, violations);
    }
}
