package io.borderflow.inspection.service;

import io.borderflow.inspection.config.InspectionConfig;
import io.borderflow.inspection.domain.Assessment;
import io.borderflow.inspection.domain.RiskEngine;
import io.borderflow.inspection.model.DecisionEntity;
import io.borderflow.inspection.model.DeclarationContent;
import io.borderflow.inspection.model.DeclarationEntity;
import io.borderflow.inspection.model.StoredDecision;
import io.borderflow.inspection.repository.DeclarationRows;
import io.borderflow.inspection.repository.DeclarationRows.RequestKey;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditRows;
import io.borderflow.support.batching.GroupCommit;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
 * request id its caller stored before (or twice in the group, or by another replica meanwhile: the insert skips a
 * request id stored meanwhile, so two first uses never fail on the unique key, and the later one reads the first's
 * answer). A request id is its caller's own: another caller's use of it is another request. A group that fails for a
 * reason other than the database is retried one member at a time, so one bad member cannot fail the others.
 *
 * <p>At most {@link InspectionConfig#declarationQueueSize()} submissions wait for a group; one more is refused with
 * RESOURCE_EXHAUSTED ({@code QUEUE_FULL}) and nothing of it is stored.
 */
@ApplicationScoped
public class DecisionBatches {
    static final int MAX_GROUP = 64;
    /** Groups written at once: one commits while the next is written. */
    static final int MAX_CONCURRENT_GROUPS = 2;

    private final DeclarationRows rows;
    private final RiskEngines engines;
    private final GroupCommit<Submission, Outcome> commits;

    public DecisionBatches(DeclarationRows rows, RiskEngines engines, Vertx vertx, InspectionConfig config) {
        this.rows = rows;
        this.engines = engines;
        // with no ruleset active, no member of the group can be decided: each is told at once
        this.commits = new GroupCommit<>(
                "declarations",
                vertx,
                MAX_GROUP,
                MAX_CONCURRENT_GROUPS,
                config.declarationQueueSize(),
                failure -> failure instanceof FailedPreconditionException,
                this::write);
    }

    /** A submission checked and ready to decide. */
    public record Submission(
            String requestId,
            DeclarationContent content,
            String json,
            String sha256,
            String consignorKey,
            Caller caller) {

        /** The request id as its caller's own. */
        RequestKey request() {
            return new RequestKey(caller.subject(), requestId);
        }
    }

    /** What became of a submission: decided and stored now, or its request id was stored before (read it back). */
    public record Outcome(StoredDecision decided, boolean stored) {
        static Outcome decided(StoredDecision decision) {
            return new Outcome(decision, false);
        }

        static final Outcome STORED_BEFORE = new Outcome(null, true);
    }

    /**
     * Decides the submission with the ruleset active when its group is written, and stores it with its decision and
     * audit record.
     *
     * @throws FailedPreconditionException {@code NO_ACTIVE_RULESET} (in the Uni)
     */
    public Uni<Outcome> submit(Submission submission) {
        return commits.submit(submission);
    }

    /** Decides and stores one group in one transaction, under the ruleset active then. */
    private Uni<List<GroupCommit.Answer<Outcome>>> write(GroupCommit.Group<Submission> group) {
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
                .map(outcomes -> outcomes.stream().map(GroupCommit.Answer::of).toList());
    }

    private Uni<List<Outcome>> decideAndStore(
            SqlConnection connection, GroupCommit.Group<Submission> group, RiskEngine engine, OffsetDateTime now) {
        List<Submission> submissions = group.requests();
        Set<RequestKey> requests = new HashSet<>();
        Set<String> consignors = new HashSet<>();
        submissions.forEach(s -> {
            requests.add(s.request());
            consignors.add(s.consignorKey());
        });
        return rows.lockConsignors(connection, consignors)
                .invoke(group::locked)
                .chain(() -> rows.storedRequests(connection, requests))
                .chain(stored -> rows.knownConsignors(connection, consignors).chain(known -> {
                    Set<RequestKey> seenRequests = new HashSet<>(stored);
                    Set<String> seenConsignors = new HashSet<>(known);
                    List<Outcome> outcomes = new ArrayList<>();
                    List<DeclarationEntity> declarations = new ArrayList<>();
                    List<DecisionEntity> decisions = new ArrayList<>();
                    for (Submission s : submissions) {
                        if (!seenRequests.add(s.request())) {
                            outcomes.add(Outcome.STORED_BEFORE);
                            continue;
                        }
                        boolean firstOfConsignor = seenConsignors.add(s.consignorKey());
                        Assessment assessment =
                                engine.assess(RiskEngines.facts(s.content(), s.sha256(), firstOfConsignor));
                        DeclarationEntity declaration = DeclarationApplicationService.declaration(
                                s.caller().subject(), s.requestId(), s.content(), s.json(), s.sha256(), now);
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
                            if (!inserted.contains(submissions.get(i).request())) {
                                // another replica stored this request id since we looked
                                outcomes.set(i, Outcome.STORED_BEFORE);
                                continue;
                            }
                            DecisionEntity decision = outcome.decided().decision();
                            written.add(decision);
                            audit.add(AuditEntry.of(
                                    submissions.get(i).caller(),
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
