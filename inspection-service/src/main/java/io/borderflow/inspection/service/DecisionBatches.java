package io.borderflow.inspection.service;

import io.borderflow.inspection.domain.Assessment;
import io.borderflow.inspection.domain.RiskEngine;
import io.borderflow.inspection.model.DecisionEntity;
import io.borderflow.inspection.model.DeclarationContent;
import io.borderflow.inspection.model.DeclarationEntity;
import io.borderflow.inspection.model.StoredDecision;
import io.borderflow.inspection.repository.DeclarationRows;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditRows;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.grpc.GrpcErrors;
import io.borderflow.support.reactive.CallerContext;
import io.borderflow.support.reactive.FreshContext;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides and stores declarations a group at a time: the submissions that arrive while a group is being written
 * form the next one, and each group is one transaction (the declarations, their decisions and their audit records,
 * one statement per table), so that a commit, the dearest part of a write, is shared by everyone in the group. A
 * caller is answered only once its group committed. Nothing waits to fill a group: when the service is idle a
 * submission is written alone, at once.
 *
 * <p>A consignor's first declaration is told under a lock of that consignor (first-time traders are a risk rule), so
 * that two groups, or two replicas, cannot both take theirs for the first.
 *
 * <p>What a group cannot decide for a member it hands back as {@link Outcome#stored} for the caller to read: a
 * request id stored before (or twice in the group, or by another replica meanwhile). A group that fails for a reason
 * other than the database is retried one member at a time, so one bad member cannot fail the others.
 */
@ApplicationScoped
public class DecisionBatches {
    static final int MAX_GROUP = 64;
    /** Groups written at once: one commits while the next is written. */
    static final int MAX_CONCURRENT_GROUPS = 2;

    private final DeclarationRows rows;
    private final RiskEngines engines;
    private final Vertx vertx;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int running;
    /** The group taking its consignor locks: the next starts once it holds them (see {@link #locked}). */
    private List<Pending> locking;

    public DecisionBatches(DeclarationRows rows, RiskEngines engines, Vertx vertx) {
        this.rows = rows;
        this.engines = engines;
        this.vertx = vertx;
    }

    /** A submission checked and ready to decide. */
    public record Submission(
            String requestId,
            DeclarationContent content,
            String json,
            String sha256,
            String consignorKey,
            Caller caller) {}

    /** What became of a submission: decided and stored now, or its request id was stored before (read it back). */
    public record Outcome(StoredDecision decided, boolean stored) {
        static Outcome decided(StoredDecision decision) {
            return new Outcome(decision, false);
        }

        static final Outcome STORED_BEFORE = new Outcome(null, true);
    }

    private record Pending(Submission submission, UniEmitter<? super Outcome> emitter) {}

    /**
     * Decides the submission with the ruleset active when its group is written, and stores it with its decision and
     * audit record.
     *
     * @throws FailedPreconditionException {@code NO_ACTIVE_RULESET} (in the Uni)
     */
    public Uni<Outcome> submit(Submission submission) {
        return CallerContext.resume(Uni.createFrom().<Outcome>emitter(emitter -> {
            synchronized (this) {
                queue.add(new Pending(submission, emitter));
            }
            drain();
        }));
    }

    private void drain() {
        List<Pending> group;
        synchronized (this) {
            if (running >= MAX_CONCURRENT_GROUPS || locking != null || queue.isEmpty()) {
                return;
            }
            group = new ArrayList<>(Math.min(queue.size(), MAX_GROUP));
            while (!queue.isEmpty() && group.size() < MAX_GROUP) {
                group.add(queue.poll());
            }
            running++;
            locking = group;
        }
        FreshContext.run(vertx, () -> write(group))
                .subscribe()
                .with(done -> finished(group), failure -> finished(group));
    }

    /**
     * The group holds its consignors' locks (or failed before taking them): another may start, and one sharing a
     * consignor waits for this one to commit, so it sees this one's declarations.
     */
    private void locked(List<Pending> group) {
        synchronized (this) {
            if (locking != group) {
                return;
            }
            locking = null;
        }
        drain();
    }

    private void finished(List<Pending> group) {
        synchronized (this) {
            running--;
        }
        locked(group);
        drain();
    }

    /** Writes a group and answers its members; never fails (each member learns its own failure). */
    private Uni<Void> write(List<Pending> group) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return rows.inTransaction(connection -> rows.activeVersion(connection, now)
                        .chain(version -> {
                            if (version == null) {
                                throw new FailedPreconditionException(
                                        "NO_ACTIVE_RULESET",
                                        "no ruleset is active; activate one before submitting declarations");
                            }
                            return engines.ofVersion(version)
                                    .chain(engine -> decideAndStore(connection, group, engine, now));
                        }))
                .onItemOrFailure()
                .transformToUni((outcomes, failure) -> {
                    if (failure == null) {
                        for (int i = 0; i < group.size(); i++) {
                            group.get(i).emitter().complete(outcomes.get(i));
                        }
                        return Uni.createFrom().voidItem();
                    }
                    if (group.size() == 1
                            || failure instanceof FailedPreconditionException
                            || GrpcErrors.isDatabaseOutage(failure)) {
                        group.forEach(pending -> pending.emitter().fail(failure));
                        return Uni.createFrom().voidItem();
                    }
                    // something in the group the database refused: each member alone, so only that one fails
                    Uni<Void> alone = Uni.createFrom().voidItem();
                    for (Pending pending : group) {
                        alone = alone.chain(() -> write(List.of(pending)));
                    }
                    return alone;
                });
    }

    private Uni<List<Outcome>> decideAndStore(
            SqlConnection connection, List<Pending> group, RiskEngine engine, OffsetDateTime now) {
        Set<String> requestIds = new HashSet<>();
        Set<String> consignors = new HashSet<>();
        group.forEach(p -> {
            requestIds.add(p.submission().requestId());
            consignors.add(p.submission().consignorKey());
        });
        return rows.lockConsignors(connection, consignors)
                .invoke(() -> locked(group))
                .chain(() -> rows.storedRequests(connection, requestIds))
                .chain(stored -> rows.knownConsignors(connection, consignors).chain(known -> {
                    Set<String> seenRequests = new HashSet<>(stored);
                    Set<String> seenConsignors = new HashSet<>(known);
                    List<Outcome> outcomes = new ArrayList<>();
                    List<DeclarationEntity> declarations = new ArrayList<>();
                    List<DecisionEntity> decisions = new ArrayList<>();
                    for (Pending pending : group) {
                        Submission s = pending.submission();
                        if (!seenRequests.add(s.requestId())) {
                            outcomes.add(Outcome.STORED_BEFORE);
                            continue;
                        }
                        boolean firstOfConsignor = seenConsignors.add(s.consignorKey());
                        Assessment assessment =
                                engine.assess(RiskEngines.facts(s.content(), s.sha256(), firstOfConsignor));
                        DeclarationEntity declaration = DeclarationApplicationService.declaration(
                                s.requestId(), s.content(), s.json(), s.sha256(), now);
                        declaration.consignorKey = s.consignorKey();
                        DecisionEntity decision = DeclarationApplicationService.decision(declaration, assessment, now);
                        declarations.add(declaration);
                        decisions.add(decision);
                        outcomes.add(Outcome.decided(new StoredDecision(
                                declaration,
                                s.content(),
                                decision,
                                DeclarationApplicationService.reasons(assessment.reasons()))));
                    }
                    if (declarations.isEmpty()) {
                        return Uni.createFrom().item(outcomes);
                    }
                    return rows.insertDeclarations(connection, declarations).chain(inserted -> {
                        List<DecisionEntity> written = new ArrayList<>();
                        List<AuditEntry> audit = new ArrayList<>();
                        for (int i = 0; i < outcomes.size(); i++) {
                            Outcome outcome = outcomes.get(i);
                            if (outcome.stored()) {
                                continue;
                            }
                            if (!inserted.contains(outcome.decided().declaration().requestId)) {
                                // another replica stored this request id since we looked
                                outcomes.set(i, Outcome.STORED_BEFORE);
                                continue;
                            }
                            DecisionEntity decision = outcome.decided().decision();
                            written.add(decision);
                            audit.add(AuditEntry.of(
                                    group.get(i).submission().caller(),
                                    "declaration.submit",
                                    "declarations/" + decision.declarationId,
                                    true,
                                    "channel " + decision.channel + ", risk score " + decision.riskScore + ", ruleset "
                                            + decision.rulesetVersion));
                        }
                        return rows.insertDecisions(connection, written)
                                .chain(() -> AuditRows.insert(connection, audit, now))
                                .replaceWith(outcomes);
                    });
                }));
    }
}
