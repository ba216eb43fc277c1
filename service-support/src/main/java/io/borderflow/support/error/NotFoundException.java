package io.borderflow.support.error;

import java.util.List;
import java.util.Map;

/** A well-formed name that designates nothing. The metadata carries the name that was asked for. */
public class NotFoundException extends DomainException {

    public NotFoundException(String reason, String resourceName) {
        super(ErrorKind.NOT_FOUND, reason, resourceName + " does not exist", Map.of("name", resourceName), List.of());
    }
}
