package io.borderflow.loadharness.drive;

import java.util.function.Consumer;

/** One kind of call the driver repeats against the suite, issued asynchronously. */
public interface CallTarget extends AutoCloseable {
    /** What a successful call reports to {@code done}. */
    String OK = "OK";

    /**
     * Starts one call and returns without waiting for it. {@code done} is called exactly once, on any thread, with
     * {@link #OK} or a label of the failure: the gRPC status code (e.g. {@code DEADLINE_EXCEEDED}) or a refusal the
     * response carries (e.g. {@code REJECTED:IMPOSSIBLE_TRANSITION}).
     */
    void start(Consumer<String> done);

    /**
     * Gives up the calls still in flight once the driver stopped waiting for them (cancels open streams), so a phase
     * that overloaded the suite leaves no backlog behind for the next one.
     */
    default void abandon() {}

    /** Ends what the target keeps open (e.g. streams). */
    @Override
    default void close() {}
}
