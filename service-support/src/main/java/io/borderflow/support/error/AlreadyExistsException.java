package io.borderflow.support.error;

import java.util.List;
import java.util.Map;

/** The request conflicts with something already stored (e.g. a request id reused for other content); nothing changed. */
public class AlreadyExistsException extends DomainException {

    public AlreadyExistsException(String reason, String message, Map<String, String> metadata) {
        super(ErrorKind.ALREADY_EXISTS, reason, message, metadata, List.of());
    }
}
