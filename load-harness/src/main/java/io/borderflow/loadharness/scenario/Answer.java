package io.borderflow.loadharness.scenario;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Consumer;
import java.util.function.Function;

/** Turns the answer of one unary call into the outcome label the driver counts. */
final class Answer<T> implements StreamObserver<T> {
    private final Function<T, String> outcome;
    private final Consumer<String> done;

    private Answer(Function<T, String> outcome, Consumer<String> done) {
        this.outcome = outcome;
        this.done = done;
    }

    /** OK for any response. */
    static <T> Answer<T> any(Consumer<String> done) {
        return new Answer<>(response -> io.borderflow.loadharness.drive.CallTarget.OK, done);
    }

    /** The label {@code outcome} gives the response (OK, or what is wrong with it). */
    static <T> Answer<T> checked(Function<T, String> outcome, Consumer<String> done) {
        return new Answer<>(outcome, done);
    }

    @Override
    public void onNext(T response) {
        done.accept(outcome.apply(response));
    }

    @Override
    public void onError(Throwable t) {
        done.accept(label(t));
    }

    @Override
    public void onCompleted() {}

    static String label(Throwable t) {
        Status status = Status.fromThrowable(t);
        if (status.getCode() != Status.Code.DEADLINE_EXCEEDED && SHOWN.getAndIncrement() < 5) {
            System.out.println("  failed: " + status.getCode() + " " + status.getDescription());
        }
        return status.getCode().name();
    }

    /** The first failures of a run other than deadlines are printed with their description, to tell why. */
    private static final java.util.concurrent.atomic.AtomicLong SHOWN = new java.util.concurrent.atomic.AtomicLong();
}
