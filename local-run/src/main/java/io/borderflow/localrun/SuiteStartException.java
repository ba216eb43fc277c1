package io.borderflow.localrun;

/** The suite could not start; the message says why and what to do, and nothing was left running. */
public class SuiteStartException extends RuntimeException {
    public SuiteStartException(String message) {
        super(message);
    }

    public SuiteStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
