package io.borderflow.support.batching;

import io.borderflow.support.grpc.GrpcErrors;
import io.borderflow.support.reactive.CallerContext;
import io.borderflow.support.reactive.FreshContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Writes requests a group at a time, so that a commit, the dearest part of a durable write, is shared by every request
 * in the group: the requests that arrive (from any call or stream) while a group is being written form the next one,
 * and each group is one transaction, written by the service's own {@link Writer}. A caller is answered only once its
 * group committed. Nothing waits to fill a group: when the service is idle a request is written alone, at once.
 * <p>
 * At most {@code maxConcurrentGroups} groups are written at once (one commits while the next is read and placed), and
 * a group starts only once the one before it holds its locks ({@link Group#locked}): a request of the next group that
 * shares a lock (a truck, a consignor) then waits for the earlier one to commit, never the other way round.
 * <p>
 * A group the database could not write (an outage) fails each of its requests; a group that failed otherwise is
 * written again one request at a time, so that one bad request cannot fail the others. A request the writer refuses
 * alone (a domain rule) is answered with its refusal and the group goes on.
 * <p>
 * At most {@code maxQueued} requests wait for a group: a request that finds the queue full is refused at once with
 * {@link QueueFullException} (RESOURCE_EXHAUSTED, reason {@code QUEUE_FULL}, a retry delay of about the time the
 * groups ahead of it take to write) and was never taken, so nothing acknowledged is lost and a database that stopped
 * answering cannot make the queue grow until the heap is gone. Requests already taken are all written.
 *
 * @param <I> a request, checked and authorised
 * @param <O> what a request became once written
 */
public final class GroupCommit<I, O> {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    static final Duration MIN_RETRY_DELAY = Duration.ofMillis(100);
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(10);

    /** Writes one group in one transaction; never answers the requests itself. */
    @FunctionalInterface
    public interface Writer<I, O> {
        /**
         * The group's answers, one per request in order. Call {@link Group#locked} as soon as the transaction holds
         * the group's locks (or knows it needs none).
         */
        Uni<List<Answer<O>>> write(Group<I> group);
    }

    /** One group as the writer sees it: its requests in arrival order, and the signal that its locks are held. */
    public interface Group<I> {
        List<I> requests();

        void locked();
    }

    /** A request's answer: what it became, or why the writer refused it alone. */
    public record Answer<O>(O value, Throwable refusal) {
        public static <O> Answer<O> of(O value) {
            return new Answer<>(value, null);
        }

        public static <O> Answer<O> refused(Throwable refusal) {
            return new Answer<>(null, refusal);
        }
    }

    private record Pending<I, O>(I request, UniEmitter<? super O> emitter) {}

    private final String what;
    private final Vertx vertx;
    private final int maxGroup;
    private final int maxConcurrentGroups;
    private final int maxQueued;
    private final Writer<I, O> writer;
    private final Predicate<Throwable> failsTheWholeGroup;
    private final ArrayDeque<Pending<I, O>> queue = new ArrayDeque<>();
    private int running;
    /** How long the last group took to write, for the retry delay of a refused request. */
    private long lastWriteNanos;
    /** The group taking its locks: the next one starts once it holds them. */
    private List<Pending<I, O>> locking;

    /**
     * @param what what a request is, for the log and a refusal ("crossing events")
     * @param maxQueued requests that may wait for a group at once; one more is refused with {@link QueueFullException}
     * @param failsTheWholeGroup failures other than an outage that fail every request of the group rather than
     *     being tried one request at a time (e.g. no ruleset active)
     */
    public GroupCommit(
            String what,
            Vertx vertx,
            int maxGroup,
            int maxConcurrentGroups,
            int maxQueued,
            Predicate<Throwable> failsTheWholeGroup,
            Writer<I, O> writer) {
        this.what = what;
        this.vertx = vertx;
        this.maxGroup = maxGroup;
        this.maxConcurrentGroups = maxConcurrentGroups;
        this.maxQueued = maxQueued;
        this.failsTheWholeGroup = failsTheWholeGroup;
        this.writer = writer;
    }

    /** Writes the request with the next group; the answer comes once its group committed, on the caller's context. */
    public Uni<O> submit(I request) {
        return CallerContext.resume(Uni.createFrom().<O>emitter(emitter -> {
            Duration refusedFor = null;
            synchronized (this) {
                if (queue.size() >= maxQueued) {
                    refusedFor = retryDelay();
                } else {
                    queue.add(new Pending<>(request, emitter));
                }
            }
            if (refusedFor != null) {
                emitter.fail(new QueueFullException(what, maxQueued, refusedFor));
                return;
            }
            drain();
        }));
    }

    /**
     * About the time the groups ahead take to write at the pace of the last one, between {@link #MIN_RETRY_DELAY} and
     * {@link #MAX_RETRY_DELAY}. Called holding the lock.
     */
    private Duration retryDelay() {
        long groupsAhead = (queue.size() + maxGroup - 1) / maxGroup;
        long nanos = lastWriteNanos * Math.max(1, groupsAhead / Math.max(1, maxConcurrentGroups));
        Duration estimate = Duration.ofNanos(nanos);
        if (estimate.compareTo(MIN_RETRY_DELAY) < 0) {
            return MIN_RETRY_DELAY;
        }
        return estimate.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : estimate.truncatedTo(ChronoUnit.MILLIS);
    }

    private void drain() {
        List<Pending<I, O>> group;
        synchronized (this) {
            if (running >= maxConcurrentGroups || locking != null || queue.isEmpty()) {
                return;
            }
            group = new ArrayList<>(Math.min(queue.size(), maxGroup));
            while (!queue.isEmpty() && group.size() < maxGroup) {
                group.add(queue.poll());
            }
            running++;
            locking = group;
        }
        long started = System.nanoTime();
        FreshContext.run(vertx, () -> write(group))
                .subscribe()
                .with(done -> finished(group, started), failure -> finished(group, started));
    }

    /** The group holds its locks (or failed before taking them): another one may start. */
    private void locked(List<Pending<I, O>> group) {
        synchronized (this) {
            if (locking != group) {
                return;
            }
            locking = null;
        }
        drain();
    }

    private void finished(List<Pending<I, O>> group, long started) {
        synchronized (this) {
            running--;
            lastWriteNanos = System.nanoTime() - started;
        }
        locked(group);
        drain();
    }

    /** Writes a group and answers its members; never fails (each member learns its own outcome). */
    private Uni<Void> write(List<Pending<I, O>> group) {
        List<I> requests = group.stream().map(Pending::request).toList();
        Group<I> view = new Group<>() {
            @Override
            public List<I> requests() {
                return requests;
            }

            @Override
            public void locked() {
                GroupCommit.this.locked(group);
            }
        };
        return Uni.createFrom()
                .deferred(() -> writer.write(view))
                .onItemOrFailure()
                .transformToUni((answers, failure) -> {
                    if (failure == null) {
                        for (int i = 0; i < group.size(); i++) {
                            Answer<O> answer = answers.get(i);
                            if (answer.refusal() != null) {
                                group.get(i).emitter().fail(answer.refusal());
                            } else {
                                group.get(i).emitter().complete(answer.value());
                            }
                        }
                        return Uni.createFrom().voidItem();
                    }
                    boolean whole = group.size() == 1
                            || failsTheWholeGroup.test(failure)
                            || GrpcErrors.isDatabaseOutage(failure);
                    LOG.warnf(
                            "a group of %d %s failed (%s)%s",
                            group.size(), what, failure.toString(), whole ? "" : "; each is tried alone");
                    if (whole) {
                        group.forEach(pending -> pending.emitter().fail(failure));
                        return Uni.createFrom().voidItem();
                    }
                    // something in the group the database refused: each member alone, so only that one fails
                    Uni<Void> alone = Uni.createFrom().voidItem();
                    for (Pending<I, O> pending : group) {
                        alone = alone.chain(() -> write(List.of(pending)));
                    }
                    return alone;
                });
    }
}
