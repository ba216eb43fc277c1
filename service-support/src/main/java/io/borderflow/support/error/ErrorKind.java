package io.borderflow.support.error;

/** The canonical outcome a domain failure maps to; the gRPC adapter turns each into its status code. */
public enum ErrorKind {
    INVALID_ARGUMENT,
    NOT_FOUND,
    ALREADY_EXISTS,
    FAILED_PRECONDITION,
    PERMISSION_DENIED,
    RESOURCE_EXHAUSTED,
    UNAVAILABLE
}
