package io.borderflow.support.error;

import java.util.List;
import java.util.Map;

/** The caller used up a quota or limit (e.g. bookings a carrier may hold); nothing changed. */
public class ResourceExhaustedException extends DomainException {

    /** With metadata naming the limit, so the caller can tell which one it reached. */
    public ResourceExhaustedException(String reason, String message, Map<String, String> metadata) {
        super(ErrorKind.RESOURCE_EXHAUSTED, reason, message, metadata, List.of());
    }
}
