package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.config.CheckpointConfig;
import io.borderflow.support.reactive.FreshContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Looks for bookings whose trucks did not come, every {@code borderflow.checkpoint.queue.no-show-sweep}, and marks
 * them no-shows ({@link ElectronicQueueApplicationService#markNoShows}). Several replicas may sweep at once: each
 * booking is marked under its truck's lock and only while it is still booked, so it is marked once.
 */
@ApplicationScoped
public class NoShowSweep {
    private static final Logger LOG = Logger.getLogger(NoShowSweep.class);
    private static final int BATCH = 200;

    private final Vertx vertx;
    private final ElectronicQueueApplicationService queue;
    private final CheckpointConfig config;
    private volatile long timer = -1;

    public NoShowSweep(Vertx vertx, ElectronicQueueApplicationService queue, CheckpointConfig config) {
        this.vertx = vertx;
        this.queue = queue;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(
                config.queue().noShowSweep().toMillis(),
                id -> FreshContext.run(vertx, () -> queue.markNoShows(Instant.now(), null, BATCH))
                        .subscribe()
                        .with(
                                marked -> {
                                    if (marked > 0) {
                                        LOG.infof("%d booking(s) marked no-show; their slots are released", marked);
                                    }
                                },
                                failure -> LOG.warn("marking no-shows failed; the next sweep tries again", failure)));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
