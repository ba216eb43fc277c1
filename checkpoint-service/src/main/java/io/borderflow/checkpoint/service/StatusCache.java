package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.config.CheckpointConfig;
import io.borderflow.checkpoint.model.CheckpointStatusView;
import io.borderflow.checkpoint.repository.StatusChangeFeed;
import io.borderflow.support.reactive.CallerContext;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The last status computed for each checkpoint, served again until something there changes or it is
 * {@link CheckpointConfig#statusMaxAge} old, so that reading a status costs no database work while nothing happens.
 * A change is known from the status change feed (PostgreSQL NOTIFY after commit, from every replica) and, on this
 * replica, from the write itself once committed ({@link #changed}), so a caller that recorded an event reads a status
 * that includes it. While the feed is not listening nothing is kept: every read computes. Concurrent reads of a
 * checkpoint share one computation.
 */
@ApplicationScoped
public class StatusCache {
    private final StatusChangeFeed feed;
    private final long maxAgeNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    /** Moves on whenever the feed starts or stops listening: what was kept before may have missed changes. */
    private final AtomicLong epoch = new AtomicLong();

    private record Entry(Uni<CheckpointStatusView> status, long version, long epoch, long madeAt) {
    }

    public StatusCache(StatusChangeFeed feed, CheckpointConfig config) {
        this.feed = feed;
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
     * The checkpoint's status: the one kept when still valid, else {@code compute}'s (shared with every read that
     * comes while it runs). A failure is not kept.
     */
    public Uni<CheckpointStatusView> status(String checkpointId, Supplier<Uni<CheckpointStatusView>> compute) {
        if (!feed.listening()) {
            return compute.get();
        }
        AtomicLong changes = versions.get(checkpointId);
        long version = changes == null ? 0 : changes.get();
        long currentEpoch = epoch.get();
        long now = System.nanoTime();
        Entry kept = entries.get(checkpointId);
        if (kept == null || kept.version() != version || kept.epoch() != currentEpoch || now - kept.madeAt() > maxAgeNanos) {
            Entry fresh = new Entry(Uni.createFrom().deferred(compute::get).memoize().indefinitely(), version, currentEpoch, now);
            kept = fresh;
            entries.put(checkpointId, fresh);
            fresh.status().subscribe().with(done -> {
            }, failure -> entries.remove(checkpointId, fresh));
        }
        return CallerContext.resume(kept.status());
    }
}
