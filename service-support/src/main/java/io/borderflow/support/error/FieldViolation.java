package io.borderflow.support.error;

import java.util.Objects;

/**
 * One offending field of a request: its path as the partner wrote it (proto field names, e.g. {@code page_size})
 * and what is wrong with it.
 */
public record FieldViolation(String field, String description) {
    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(description, "description");
    }
}
