package io.borderflow.support.reference;

import java.util.List;

/** A reference data file that must not be loaded; the message lists every problem. */
public class InvalidReferenceDataException extends RuntimeException {
    private final List<String> problems;

    public InvalidReferenceDataException(String dataset, List<String> problems) {
        super("reference data '" + dataset + "' is invalid (" + problems.size() + " problems):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
