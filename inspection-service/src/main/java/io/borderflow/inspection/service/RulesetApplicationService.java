package io.borderflow.inspection.service;

import io.borderflow.inspection.domain.RiskEngine;
import io.borderflow.inspection.domain.RulesetDatasetCheck;
import io.borderflow.inspection.domain.RulesetDefinition;
import io.borderflow.inspection.domain.RulesetSimulation;
import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.RulesetDetails;
import io.borderflow.inspection.model.RulesetEntity;
import io.borderflow.inspection.model.SimulationOutcome;
import io.borderflow.inspection.repository.DecisionRepository;
import io.borderflow.inspection.repository.RulesetRepository;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.AlreadyExistsException;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.paging.PageTokens;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.reference.SourceEntity;
import io.borderflow.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Use cases on risk rulesets: read, draft, activate with an effective time, and simulate before activating. */
@ApplicationScoped
public class RulesetApplicationService {
    /** How far in the past an effective time may lie (clock skew between the caller and us). */
    public static final Duration ACTIVATION_SKEW = Duration.ofMinutes(1);

    public static final Duration MAX_SIMULATION_PERIOD = Duration.ofDays(366);
    public static final int MAX_SIMULATED_DECLARATIONS = 200_000;
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final RulesetRepository rulesets;
    private final DecisionRepository decisions;
    private final RiskEngines engines;
    private final AuditTrail audit;

    public RulesetApplicationService(
            RulesetRepository rulesets, DecisionRepository decisions, RiskEngines engines, AuditTrail audit) {
        this.rulesets = rulesets;
        this.decisions = decisions;
        this.engines = engines;
        this.audit = audit;
    }

    /** One page of versions and the token of the next. */
    public record RulesetPage(List<RulesetDetails> rulesets, String nextPageToken) {}

    /** A candidate to simulate: a stored version, or content not stored (then {@code version} is null). */
    public record Candidate(Long version, RulesetDataset content) {}

    /** Both rulesets' outcomes over the same declarations. */
    public record SimulationReport(
            SimulationOutcome active,
            SimulationOutcome candidate,
            boolean candidateStored,
            long declarations,
            double days) {}

    /** @throws NotFoundException reason {@code RULESET_NOT_FOUND} (in the Uni) */
    @WithSession
    public Uni<RulesetDetails> get(long version) {
        return rulesets.findVersion(version, now())
                .map(found ->
                        found.orElseThrow(() -> new NotFoundException("RULESET_NOT_FOUND", "rulesets/" + version)));
    }

    /** @throws NotFoundException reason {@code RULESET_NOT_FOUND} (in the Uni) when no version is active */
    @WithSession
    public Uni<RulesetDetails> getActive() {
        return rulesets.findActiveAt(now())
                .map(found -> found.orElseThrow(() -> new NotFoundException("RULESET_NOT_FOUND", "rulesets/active")));
    }

    @WithSession
    public Uni<RulesetPage> list(String pageToken, int pageSize) {
        Long before = PageTokens.decode(pageToken, "rulesets")
                .map(token -> {
                    try {
                        return Long.valueOf(token);
                    } catch (NumberFormatException e) {
                        throw new InvalidArgumentException(
                                "INVALID_PAGE_TOKEN", "page_token", "page_token is not a token this service issued");
                    }
                })
                .orElse(null);
        return rulesets.page(before, pageSize + 1, now()).map(rows -> {
            if (rows.size() <= pageSize) {
                return new RulesetPage(rows, "");
            }
            List<RulesetDetails> page = rows.subList(0, pageSize);
            return new RulesetPage(
                    page,
                    PageTokens.encode(
                            "rulesets", String.valueOf(page.get(pageSize - 1).ruleset().version)));
        });
    }

    /**
     * Stores a draft under the next version number. A retry with the same request id and content returns it again; the
     * request id is the caller's own, so another caller's use of it is another request.
     *
     * @throws InvalidArgumentException reason {@code INVALID_RULESET} with a violation per problem
     * @throws AlreadyExistsException reason {@code REQUEST_ID_REUSED}
     */
    @WithTransaction
    public Uni<RulesetDetails> create(String requestId, RulesetDataset draft, Caller caller) {
        List<FieldViolation> problems = new ArrayList<>();
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            problems.add(new FieldViolation("request_id", "8 to 64 letters, digits, '-' or '_'"));
        }
        problems.addAll(RulesetDatasetCheck.problems(draft));
        invalidIfAny(problems);
        String sha = ReferenceFile.sha256(ReferenceFile.json(draft));
        // under the lock of all ruleset writes, so that two first uses of one request id cannot both store a draft
        String requester = caller.subject();
        return rulesets.lock()
                .chain(() -> rulesets.findByRequestId(requester, requestId))
                .chain(existing -> {
                    if (existing != null) {
                        if (!sha.equals(existing.contentSha256)) {
                            throw new AlreadyExistsException(
                                    "REQUEST_ID_REUSED",
                                    "request_id " + requestId + " was used for another ruleset",
                                    Map.of("request_id", requestId, "name", "rulesets/" + existing.version));
                        }
                        return rulesets.findVersion(existing.version, now()).map(java.util.Optional::orElseThrow);
                    }
                    return rulesets.nextVersion().chain(version -> {
                        RulesetDataset content = withVersion(draft, version);
                        RulesetEntity row = entity(version, content, now());
                        row.requestId = requestId;
                        row.requester = requester;
                        row.contentSha256 = sha;
                        return rulesets.insert(SourceEntity.fromData(content.sources()), row)
                                .call(() -> audit.append(AuditEntry.of(
                                        caller,
                                        "ruleset.create",
                                        "rulesets/" + version,
                                        true,
                                        content.rules().size() + " rules, thresholds "
                                                + content.thresholds().yellowFromScore() + "/"
                                                + content.thresholds().redFromScore())))
                                .chain(() -> rulesets.findVersion(version, now()))
                                .map(java.util.Optional::orElseThrow);
                    });
                });
    }

    /**
     * Activates a draft from {@code effective} (now when null).
     *
     * @throws NotFoundException reason {@code RULESET_NOT_FOUND}
     * @throws FailedPreconditionException reasons {@code RULESET_ALREADY_ACTIVATED}, {@code ACTIVATION_IN_THE_PAST},
     *         {@code ACTIVATION_OUT_OF_ORDER}
     */
    @WithTransaction
    public Uni<RulesetDetails> activate(long version, OffsetDateTime effective, Caller caller) {
        OffsetDateTime now = now();
        OffsetDateTime when = effective == null ? now : effective.truncatedTo(ChronoUnit.MICROS);
        return rulesets.lock().chain(() -> rulesets.find(version)).chain(row -> {
            if (row == null) {
                throw new NotFoundException("RULESET_NOT_FOUND", "rulesets/" + version);
            }
            if (row.activateTime != null) {
                throw new FailedPreconditionException(
                        "RULESET_ALREADY_ACTIVATED",
                        "rulesets/" + version + " was activated for " + row.activateTime
                                + "; a version is activated once");
            }
            if (when.isBefore(now.minus(ACTIVATION_SKEW))) {
                throw new FailedPreconditionException(
                        "ACTIVATION_IN_THE_PAST",
                        "activate_time " + when + " is in the past; decisions already made keep their ruleset");
            }
            return rulesets.latestActivation().chain(latest -> {
                if (latest != null && !when.isAfter(latest)) {
                    throw new FailedPreconditionException(
                            "ACTIVATION_OUT_OF_ORDER",
                            "activate_time " + when + " is not after the latest activation (" + latest + ")");
                }
                row.activateTime = when;
                row.activatedBy = caller.subject();
                return rulesets.flush()
                        .call(() -> audit.append(AuditEntry.of(
                                caller, "ruleset.activate", "rulesets/" + version, true, "effective " + when)))
                        .chain(() -> rulesets.findVersion(version, now()))
                        .map(java.util.Optional::orElseThrow);
            });
        });
    }

    /**
     * Replays the declarations submitted in [start, end) through the candidate and the active ruleset.
     *
     * @throws InvalidArgumentException reasons {@code INVALID_PERIOD}, {@code INVALID_RULESET}
     * @throws NotFoundException reason {@code RULESET_NOT_FOUND} for an unknown stored candidate
     * @throws FailedPreconditionException reasons {@code NO_ACTIVE_RULESET}, {@code PERIOD_TOO_LARGE}
     */
    @WithSession
    public Uni<SimulationReport> simulate(
            Candidate candidate, OffsetDateTime start, OffsetDateTime end, String checkpointId) {
        List<FieldViolation> problems = new ArrayList<>();
        if (start == null) {
            problems.add(new FieldViolation("start_time", "required"));
        }
        if (end == null) {
            problems.add(new FieldViolation("end_time", "required"));
        }
        if (start != null
                && end != null
                && (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_SIMULATION_PERIOD) > 0)) {
            problems.add(new FieldViolation("end_time", "must be after start_time, at most 366 days later"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(
                    "INVALID_PERIOD", "the period is invalid; see the field violations", Map.of(), problems);
        }
        if (candidate.version() == null) {
            invalidIfAny(RulesetDatasetCheck.problems(candidate.content()));
        }
        double days = Duration.between(start, end).toSeconds() / 86_400.0;
        Uni<RiskEngine> candidateEngine = candidate.version() == null
                ? Uni.createFrom().item(RulesetDefinition.engine(0, candidate.content()))
                : rulesets.findVersion(candidate.version(), now())
                        .map(found -> engines.of(found.orElseThrow(
                                () -> new NotFoundException("RULESET_NOT_FOUND", "rulesets/" + candidate.version()))));
        return candidateEngine.chain(proposed -> rulesets.findActiveAt(now()).chain(active -> {
            RiskEngine current = engines.of(active.orElseThrow(() ->
                    new FailedPreconditionException("NO_ACTIVE_RULESET", "no ruleset is active to compare with")));
            return decisions
                    .countSubmitted(start, end, checkpointId)
                    .chain(count -> {
                        if (count > MAX_SIMULATED_DECLARATIONS) {
                            throw new FailedPreconditionException(
                                    "PERIOD_TOO_LARGE",
                                    count + " declarations in the period; at most " + MAX_SIMULATED_DECLARATIONS
                                            + " are replayed at once: shorten the period or pick a checkpoint");
                        }
                        return decisions.replayable(start, end, checkpointId, MAX_SIMULATED_DECLARATIONS);
                    })
                    .map(rows -> {
                        List<RulesetSimulation.Replayed> replayed = rows.stream()
                                .map(row -> new RulesetSimulation.Replayed(
                                        RiskEngines.facts(
                                                DecisionRepository.content(row.declaration()),
                                                row.declaration().contentSha256,
                                                row.firstOfConsignor()),
                                        row.declaration().checkpointId,
                                        row.violationFound()))
                                .toList();
                        return new SimulationReport(
                                RulesetSimulation.run(current, replayed, days),
                                RulesetSimulation.run(proposed, replayed, days),
                                candidate.version() != null,
                                replayed.size(),
                                days);
                    });
        }));
    }

    /** A new row for a version's content. */
    static RulesetEntity entity(long version, RulesetDataset content, OffsetDateTime createTime) {
        RulesetEntity row = new RulesetEntity();
        row.version = version;
        row.displayName = content.displayName();
        row.description = content.description();
        row.createTime = createTime;
        row.yellowFromScore = content.thresholds().yellowFromScore();
        row.redFromScore = content.thresholds().redFromScore();
        row.randomSampleRate = content.randomSampleRate();
        row.randomSampleBasis = content.randomSampleBasis();
        row.content = ReferenceFile.json(content);
        return row;
    }

    private static RulesetDataset withVersion(RulesetDataset d, long version) {
        return new RulesetDataset(
                RulesetDatasetCheck.DATASET,
                version,
                d.displayName(),
                d.description(),
                d.thresholds(),
                d.randomSampleRate(),
                d.randomSampleBasis(),
                d.handlingMinutes(),
                d.sources(),
                d.goodsLists(),
                d.rules());
    }

    private static void invalidIfAny(List<FieldViolation> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(
                    "INVALID_RULESET",
                    "the ruleset has " + problems.size() + " problem(s); see the field violations",
                    Map.of(),
                    problems);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
