package io.borderflow.inspection.service;

import io.borderflow.inspection.client.CheckpointClient;
import io.borderflow.inspection.domain.Assessment;
import io.borderflow.inspection.domain.DeclarationCheck;
import io.borderflow.inspection.domain.RiskEngine;
import io.borderflow.inspection.model.DecisionEntity;
import io.borderflow.inspection.model.DecisionFilter;
import io.borderflow.inspection.model.DeclarationContent;
import io.borderflow.inspection.model.DeclarationEntity;
import io.borderflow.inspection.model.DeclarationOutlook;
import io.borderflow.inspection.model.StoredDecision;
import io.borderflow.inspection.repository.DecisionRepository;
import io.borderflow.inspection.repository.RulesetRepository;
import io.borderflow.support.error.AlreadyExistsException;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.paging.PageTokens;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Use cases on declarations: submit and decide at once, read decisions back. */
@ApplicationScoped
public class DeclarationApplicationService {
    private final RulesetRepository rulesets;
    private final DecisionRepository decisions;
    private final RiskEngines engines;
    private final CheckpointClient checkpoints;
    private final DecisionBatches batches;

    public DeclarationApplicationService(
            RulesetRepository rulesets,
            DecisionRepository decisions,
            RiskEngines engines,
            CheckpointClient checkpoints,
            DecisionBatches batches) {
        this.rulesets = rulesets;
        this.decisions = decisions;
        this.engines = engines;
        this.checkpoints = checkpoints;
        this.batches = batches;
    }

    /** One page of decisions and the token of the next. */
    public record DecisionPage(List<StoredDecision> decisions, String nextPageToken) {}

    /**
     * Stores the declaration and its decision under the active ruleset, in one transaction with the audit record
     * (shared with the submissions that arrive meanwhile, see {@link DecisionBatches}). A retry with the same request
     * id and content returns the stored answer; the request id is the caller's own, so another caller's use of it is
     * another request.
     *
     * @throws InvalidArgumentException reason {@code INVALID_DECLARATION} with a violation per problem
     * @throws AlreadyExistsException reason {@code REQUEST_ID_REUSED} for the same id with other content
     */
    public Uni<StoredDecision> submit(String requestId, DeclarationContent content, Caller caller) {
        List<FieldViolation> problems = DeclarationCheck.problems(requestId, content);
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(
                    "INVALID_DECLARATION",
                    "the declaration has " + problems.size() + " problem(s); see the field violations",
                    Map.of(),
                    problems);
        }
        String json = DecisionRepository.json(content);
        String sha = ReferenceFile.sha256(json);
        DecisionBatches.Submission submission = new DecisionBatches.Submission(
                requestId, content, json, sha, RiskEngines.consignorKey(content), caller);
        return knownCheckpoint(content)
                .chain(() -> batches.submit(submission))
                .chain(outcome -> outcome.stored()
                        ? Panache.withSession(() -> storedAnswer(caller.subject(), requestId, sha))
                        : Uni.createFrom().item(outcome.decided()));
    }

    /** The answer stored for a request id the caller sent again: the same content gets it, other content is refused. */
    private Uni<StoredDecision> storedAnswer(String requester, String requestId, String sha) {
        return decisions.findByRequestId(requester, requestId).map(existing -> {
            StoredDecision stored = existing.orElseThrow(
                    () -> new IllegalStateException("request " + requestId + " was reported stored and is not"));
            if (!stored.declaration().contentSha256.equals(sha)) {
                throw new AlreadyExistsException(
                        "REQUEST_ID_REUSED",
                        "request_id " + requestId + " was used for another declaration",
                        Map.of("request_id", requestId, "name", "declarations/" + stored.declaration().id));
            }
            return stored;
        });
    }

    /**
     * The outlook of a hypothetical declaration under the active ruleset; nothing is stored.
     *
     * @throws InvalidArgumentException reason {@code INVALID_DECLARATION} with a violation per problem
     */
    @WithSession
    public Uni<DeclarationOutlook> assess(DeclarationContent content) {
        List<FieldViolation> problems = DeclarationCheck.problems(content);
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(
                    "INVALID_DECLARATION",
                    "the declaration has " + problems.size() + " problem(s); see the field violations",
                    Map.of(),
                    problems);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return knownCheckpoint(content)
                .chain(() -> activeEngine(now))
                .chain(engine -> decisions
                        .consignorKnown(RiskEngines.consignorKey(content))
                        .map(known -> outlook(engine.outlook(RiskEngines.facts(
                                content, ReferenceFile.sha256(DecisionRepository.json(content)), !known)))));
    }

    /**
     * The outlook of a stored declaration under the active ruleset, as if presented at {@code checkpointId} (its own
     * checkpoint when null); nothing is stored. A declaration the caller may not see ({@link
     * Caller#maySeeDeclarationOf}: a service acting for a freight platform or carrier sees only that carrier's) is
     * answered as if it did not exist.
     *
     * @throws NotFoundException reason {@code DECLARATION_NOT_FOUND}
     * @throws InvalidArgumentException reason {@code INVALID_DECLARATION} for a checkpoint checkpoint-service does not know
     */
    @WithSession
    public Uni<DeclarationOutlook> assessStored(String declarationId, String checkpointId, Caller caller) {
        return decisions.findDeclaration(declarationId).chain(stored -> {
            if (stored == null || !caller.maySeeDeclarationOf(stored.carrierId)) {
                throw new NotFoundException("DECLARATION_NOT_FOUND", "declarations/" + declarationId);
            }
            DeclarationContent c = DecisionRepository.content(stored);
            DeclarationContent at = checkpointId == null
                    ? c
                    : new DeclarationContent(
                            c.goodsLines(),
                            c.consignor(),
                            c.consignee(),
                            c.carrierId(),
                            c.vehiclePlate(),
                            c.originCountryCode(),
                            c.transitCountryCodes(),
                            c.destinationCountryCode(),
                            checkpointId,
                            c.traderAeo(),
                            c.partnerInspections());
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            return knownCheckpoint(at)
                    .chain(() -> activeEngine(now))
                    .map(engine -> outlook(engine.outlook(
                            RiskEngines.facts(at, ReferenceFile.sha256(DecisionRepository.json(at)), false))));
        });
    }

    private static DeclarationOutlook outlook(RiskEngine.Outlook outlook) {
        List<DeclarationOutlook.ChannelChance> chances = outlook.chances().entrySet().stream()
                .map(c -> new DeclarationOutlook.ChannelChance(
                        c.getKey().name(),
                        c.getValue(),
                        outlook.handling().get(c.getKey()).toSeconds()))
                .toList();
        return new DeclarationOutlook(
                chances,
                outlook.score(),
                reasons(outlook.reasons()),
                outlook.rulesetVersion(),
                outlook.expectedHandling().toSeconds());
    }

    static List<StoredDecision.DecisionReason> reasons(List<Assessment.Reason> reasons) {
        return reasons.stream()
                .map(r -> new StoredDecision.DecisionReason(r.ruleId(), r.ruleText(), r.weight(), r.evidence()))
                .toList();
    }

    /**
     * Fails with INVALID_DECLARATION when checkpoint-service does not know the declaration's checkpoint; goes on when it
     * does, or when it cannot answer (see {@link CheckpointClient}).
     */
    private Uni<Void> knownCheckpoint(DeclarationContent content) {
        return checkpoints.existence(content.checkpointId()).map(existence -> {
            if (existence == CheckpointClient.Existence.UNKNOWN) {
                throw new InvalidArgumentException(
                        "INVALID_DECLARATION",
                        "the declaration has 1 problem(s); see the field violations",
                        Map.of(),
                        List.of(new FieldViolation(
                                "declaration.checkpoint",
                                "checkpoint-service knows no checkpoints/" + content.checkpointId())));
            }
            return null;
        });
    }

    private Uni<RiskEngine> activeEngine(OffsetDateTime at) {
        return rulesets.activeAt(at).chain(version -> {
            if (version == null) {
                throw new FailedPreconditionException(
                        "NO_ACTIVE_RULESET", "no ruleset is active; activate one before submitting declarations");
            }
            return engines.ofVersion(version);
        });
    }

    /**
     * The decision, for a caller who may see it ({@link Caller#maySeeDeclarationOf}): a customs officer, a risk
     * analyst or a service on its own account any, anyone else (a carrier, or a service acting for one) only its own
     * carrier's. Another carrier's decision is answered as if it did not exist, so that the answer does not tell
     * whether it does.
     *
     * @throws NotFoundException reason {@code DECISION_NOT_FOUND}
     */
    @WithSession
    public Uni<StoredDecision> decision(String declarationId, Caller caller) {
        return decisions
                .findDecision(declarationId)
                .map(found -> found.filter(stored -> caller.maySeeDeclarationOf(stored.declaration().carrierId))
                        .orElseThrow(() -> new NotFoundException(
                                "DECISION_NOT_FOUND", "declarations/" + declarationId + "/decision")));
    }

    @WithSession
    public Uni<DecisionPage> list(DecisionFilter filter, String pageToken, int pageSize) {
        PageTokens.TimeKey after =
                PageTokens.decodeTimeKey(pageToken, filter.key()).orElse(null);
        OffsetDateTime afterTime = after == null ? null : after.time();
        String afterId = after == null ? null : after.id();
        return decisions.page(filter, afterTime, afterId, pageSize + 1).map(rows -> {
            if (rows.size() <= pageSize) {
                return new DecisionPage(rows, "");
            }
            List<StoredDecision> page = rows.subList(0, pageSize);
            DecisionEntity last = page.get(pageSize - 1).decision();
            return new DecisionPage(page, PageTokens.encode(filter.key(), last.decideTime, last.declarationId));
        });
    }

    static DeclarationEntity declaration(
            String requester,
            String requestId,
            DeclarationContent content,
            String json,
            String sha,
            OffsetDateTime now) {
        DeclarationEntity declaration = new DeclarationEntity();
        declaration.id = UUID.randomUUID().toString();
        declaration.requester = requester;
        declaration.requestId = requestId;
        declaration.contentSha256 = sha;
        declaration.checkpointId = content.checkpointId();
        declaration.carrierId = content.carrierId();
        declaration.submitTime = now;
        declaration.content = json;
        return declaration;
    }

    static DecisionEntity decision(DeclarationEntity declaration, Assessment assessment, OffsetDateTime now) {
        DecisionEntity decision = new DecisionEntity();
        decision.declarationId = declaration.id;
        decision.checkpointId = declaration.checkpointId;
        decision.channel = assessment.channel().name();
        decision.inspectionKind = assessment.inspectionKind().name();
        decision.riskScore = assessment.score();
        decision.randomSample = assessment.randomSample();
        decision.rulesetVersion = assessment.rulesetVersion();
        decision.expectedHandlingSeconds = assessment.expectedHandling().toSeconds();
        decision.decideTime = now;
        decision.reasons = DecisionRepository.json(reasons(assessment.reasons()));
        return decision;
    }
}
