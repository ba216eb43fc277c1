package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.client.InspectionClient;
import io.borderflow.checkpoint.config.CheckpointConfig;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.borderflow.checkpoint.repository.StatusChangeFeed;
import io.borderflow.checkpoint.repository.VisitRepository;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.reactive.FreshContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.logging.Logger;

/**
 * Files trucks under their declaration's channel. An arrival is accepted at once whatever inspection-service does; the
 * truck waits as "decision not received" under a conservative assumption (a documentary check) and is settled here:
 * right after its event is stored, and again by a periodic sweep while inspection-service is slow or down.
 *
 * <p>One sweep runs at a time in a replica: a sweep that finds the last one still going (a slow peer) is skipped and
 * counted, {@code borderflow_decision_sweeps_skipped_total}, rather than adding its calls to those in flight. A sweep
 * settles its visits one after the other, and the client holds every call to a bulkhead and a circuit breaker
 * ({@link InspectionClient}): while the breaker is open, a sweep asks nothing and the trucks stay as they are.
 */
@ApplicationScoped
public class DecisionSettlement {
    private static final Logger LOG = Logger.getLogger(DecisionSettlement.class);
    private static final int SWEEP_BATCH = 100;

    private final Vertx vertx;
    private final InspectionClient inspection;
    private final VisitRepository visits;
    private final AuditTrail audit;
    private final CheckpointConfig config;
    private final StatusChangeFeed feed;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final Counter skipped;
    private volatile long timer = -1;

    public DecisionSettlement(
            Vertx vertx,
            InspectionClient inspection,
            VisitRepository visits,
            AuditTrail audit,
            CheckpointConfig config,
            StatusChangeFeed feed,
            MeterRegistry registry) {
        this.vertx = vertx;
        this.skipped = Counter.builder("borderflow.decision.sweeps.skipped")
                .description("Decision sweeps skipped because the previous one was still running")
                .register(registry);
        this.inspection = inspection;
        this.visits = visits;
        this.audit = audit;
        this.config = config;
        this.feed = feed;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.decisionRetry().toMillis(), id -> sweepUnlessSweeping());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Asks for the visit's decision soon, outside the caller's transaction. */
    public void settleSoon(TruckVisitEntity visit) {
        if (visit.declarationId != null && !visit.decisionReceived && !visit.declarationUnknown) {
            String id = visit.id;
            onNewContext(() -> settle(id));
        }
    }

    /** Starts a sweep, unless the last one is still going (then counts the skip); whether it started one. */
    public boolean sweepUnlessSweeping() {
        if (!sweeping.compareAndSet(false, true)) {
            skipped.increment();
            return false;
        }
        onNewContext(() -> sweep().onTermination().invoke(() -> sweeping.set(false)));
        return true;
    }

    /** Settles the visits still awaiting a decision; the number settled. */
    public Uni<Integer> sweep() {
        return Panache.withSession(() -> visits.awaitingDecision(SWEEP_BATCH)).chain(pending -> {
            Uni<Integer> settled = Uni.createFrom().item(0);
            for (TruckVisitEntity visit : pending) {
                settled = settled.chain(count -> settle(visit.id).map(done -> count + (done ? 1 : 0)));
            }
            return settled;
        });
    }

    /** Asks inspection-service and files the answer; false when there was nothing to do or no answer. */
    Uni<Boolean> settle(String visitId) {
        return Panache.withSession(() -> visits.findVisit(visitId)).chain(visit -> {
            if (visit == null || visit.declarationId == null || visit.decisionReceived || visit.declarationUnknown) {
                return Uni.createFrom().item(false);
            }
            String declarationId = visit.declarationId;
            // more decisions asked for than the client takes at once: this one is left to the next sweep
            return inspection
                    .decision(declarationId, visit.carrierId)
                    .onFailure(BulkheadException.class)
                    .recoverWithItem(InspectionClient.Answer.unavailable())
                    .chain(answer -> {
                        if (answer.outcome() == InspectionClient.Outcome.UNAVAILABLE) {
                            return Uni.createFrom().item(false);
                        }
                        return Panache.withTransaction(() -> visits.lockTruck(visit.checkpointId, visit.plateKey)
                                .chain(() -> visits.findVisit(visitId))
                                .chain(current -> file(current, declarationId, answer)));
                    });
        });
    }

    private Uni<Boolean> file(TruckVisitEntity visit, String declarationId, InspectionClient.Answer answer) {
        if (!declarationId.equals(visit.declarationId) || visit.decisionReceived || visit.declarationUnknown) {
            return Uni.createFrom().item(false);
        }
        if (answer.outcome() == InspectionClient.Outcome.DECIDED) {
            visit.channel = answer.channel();
            visit.expectedHandlingSeconds = answer.expectedHandling().toSeconds();
            visit.decisionReceived = true;
        } else {
            visit.declarationUnknown = true;
        }
        visit.updateTime = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String detail = answer.outcome() == InspectionClient.Outcome.DECIDED
                ? "filed under " + answer.channel() + " from declarations/" + declarationId
                : "inspection-service knows no declarations/" + declarationId;
        return visits.flush()
                .chain(() -> feed.announce(visit.checkpointId))
                .chain(() -> audit.append(AuditEntry.system(
                        "checkpoint-service",
                        "truck.decision",
                        "checkpoints/" + visit.checkpointId + "/trucks/" + visit.plateKey,
                        detail)))
                .replaceWith(true);
    }

    /** Runs reactive work that opens its own Hibernate session, on a fresh duplicated Vert.x context. */
    private void onNewContext(Supplier<Uni<?>> work) {
        FreshContext.run(vertx, work::get)
                .subscribe()
                .with(
                        done -> {},
                        failure -> LOG.warn("settling decisions failed; the next sweep tries again", failure));
    }
}
