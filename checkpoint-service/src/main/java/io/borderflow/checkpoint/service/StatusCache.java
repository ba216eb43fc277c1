package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.config.CheckpointConfig;
import io.borderflow.checkpoint.model.CheckpointStatusView;
import io.borderflow.checkpoint.repository.StatusChangeFeed;
import io.borderflow.support.reactive.CallerContext;
import io.borderflow.support.reactive.FreshContext;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The last status computed for each checkpoint, served again until something there changes or it is
 * {@link CheckpointConfig#statusMaxAge} old, or ten times as old as it took to compute if that is longer (then it is
 * still served while its successor is computed), so that reading a status costs no
 * database work while nothing happens.
 * A change is known from the status change feed (PostgreSQL NOTIFY after commit, from every replica) and, on this
 * replica, from the write itself once committed ({@link #changed}), so a caller that recorded an event reads a status
 * that includes it. While the feed is not listening nothing is kept: every read computes. Concurrent reads of a
 * checkpoint share one computation.
 * <p>
 * A computation is shared: it may outlive the read that started it (a status served while its successor is computed)
 * and serve reads of other calls. So it never runs on a caller's Vert.x context, where it would take or leave behind
 * that caller's Hibernate Reactive session: each runs on a fresh duplicated context of its own
 * ({@link FreshContext}), where {@code compute} opens and closes its own session, and each reader gets the result back
 * on its own context ({@link CallerContext}). Run on the caller's context, the computation started behind a served
 * status stored its session there, the next checkpoint of the same batch or watch took that session as its own, and
 * found it closed once the computation ended (INTERNAL, "Session/EntityManager is closed").
 */
@ApplicationScoped
public class StatusCache {
    /** A status unchanged but for the clock is kept at least this many times as long as it took to compute. */
    static final long COMPUTE_SHARE = 10;

    private final StatusChangeFeed feed;
    private final Vertx vertx;
    private final long maxAgeNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    /** Moves on whenever the feed starts or stops listening: what was kept before may have missed changes. */
    private final AtomicLong epoch = new AtomicLong();

    /**
     * One computation of a checkpoint's status: its result once there ({@code value}), and meanwhile the previous
     * result at the same version ({@code fallback}), which readers get rather than wait when only the clock moved.
     */
    private record Entry(
            Uni<CheckpointStatusView> status,
            long version,
            long epoch,
            long madeAt,
            CheckpointStatusView fallback,
            AtomicReference<CheckpointStatusView> value,
            AtomicLong tookNanos) {
        CheckpointStatusView latest() {
            CheckpointStatusView done = value.get();
            return done != null ? done : fallback;
        }
    }

    public StatusCache(StatusChangeFeed feed, Vertx vertx, CheckpointConfig config) {
        this.feed = feed;
        this.vertx = vertx;
        this.maxAgeNanos = config.statusMaxAge().toNanos();
    }

    void onStart(@Observes StartupEvent event) {
        feed.changes().subscribe().with(this::changed);
        feed.listeningChanges().subscribe().with(listening -> {
            epoch.incrementAndGet();
            entries.clear();
        });
    }

    /** Something at the checkpoint changed (committed): the next read computes its status anew. */
    public void changed(String checkpointId) {
        versions.computeIfAbsent(checkpointId, id -> new AtomicLong()).incrementAndGet();
    }

    /**
     * The checkpoint's status: the one kept while nothing changed there; when only the clock moved past
     * {@link CheckpointConfig#statusMaxAge}, the one kept while a new one is computed (once, for every reader); after
     * a change, the one computed now (shared with every read that comes while it runs). A failure is not kept.
     *
     * @param compute the computation, run on a fresh Vert.x context of its own: it opens its own session
     */
    public Uni<CheckpointStatusView> status(String checkpointId, Supplier<Uni<CheckpointStatusView>> compute) {
        if (!feed.listening()) {
            return CallerContext.resume(FreshContext.run(vertx, compute));
        }
        AtomicLong changes = versions.get(checkpointId);
        long version = changes == null ? 0 : changes.get();
        long currentEpoch = epoch.get();
        long now = System.nanoTime();
        Entry kept = entries.get(checkpointId);
        boolean unchanged = kept != null && kept.version() == version && kept.epoch() == currentEpoch;
        // a status that takes long to compute (a checkpoint with a day of heavy traffic) is kept longer while only
        // the clock moves, so that recomputing it takes at most a tenth of the time
        if (unchanged
                && now - kept.madeAt()
                        <= Math.max(
                                maxAgeNanos, COMPUTE_SHARE * kept.tookNanos().get())) {
            CheckpointStatusView latest = kept.latest();
            return latest != null ? Uni.createFrom().item(latest) : CallerContext.resume(kept.status());
        }
        CheckpointStatusView fallback = unchanged ? kept.latest() : null;
        AtomicReference<CheckpointStatusView> value = new AtomicReference<>();
        AtomicLong took = new AtomicLong();
        Entry fresh = new Entry(
                FreshContext.run(vertx, compute)
                        .invoke(view -> {
                            took.set(System.nanoTime() - now);
                            value.set(view);
                        })
                        .memoize()
                        .indefinitely(),
                version,
                currentEpoch,
                now,
                fallback,
                value,
                took);
        entries.put(checkpointId, fresh);
        fresh.status().subscribe().with(done -> {}, failure -> entries.remove(checkpointId, fresh));
        return fallback != null ? Uni.createFrom().item(fallback) : CallerContext.resume(fresh.status());
    }
}
