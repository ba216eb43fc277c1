package io.borderflow.inspection.service;

import io.borderflow.inspection.domain.RulePerformanceCalculator;
import io.borderflow.inspection.model.InspectionResultEntity;
import io.borderflow.inspection.model.RulePerformance;
import io.borderflow.inspection.model.RuleTally;
import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.inspection.model.StoredDecision;
import io.borderflow.inspection.repository.DecisionRepository;
import io.borderflow.inspection.repository.RulesetRepository;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.security.Caller;
import io.borderflow.support.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Use cases on inspection results: record the outcome of a decision, and rule performance over a period. A decision
 * has at most one result of our own officers and one of a partner administration that inspected the truck; the
 * officer's supersedes the partner's (and counts in rule performance), so that a partner's result never locks out
 * what customs itself found.
 */
@ApplicationScoped
public class InspectionResultApplicationService {
    private final DecisionRepository decisions;
    private final AuditTrail audit;

    private final RulesetRepository rulesets;

    public InspectionResultApplicationService(
            DecisionRepository decisions, AuditTrail audit, RulesetRepository rulesets) {
        this.decisions = decisions;
        this.audit = audit;
        this.rulesets = rulesets;
    }

    /**
     * The longest period rule performance is counted over: a year and a day (a leap year), the longest an analyst
     * compares. The counting costs the service no memory by the period's length (PostgreSQL sums it), but it reads
     * every decision of the period, so one call is kept from scanning the whole history.
     */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    /** Rule performance over decisions made in a period, and the number of those decisions. */
    public record PerformanceReport(List<RulePerformance> rules, long decisions) {}

    /**
     * @throws NotFoundException reason {@code DECISION_NOT_FOUND}
     * @throws FailedPreconditionException reason {@code RESULT_ALREADY_RECORDED}: an officer's result when one is
     *     recorded; a partner's when any is
     * @throws InvalidArgumentException reason {@code INVALID_RESULT} for a confirmed rule that is not a reason
     * @throws PermissionDeniedException {@code ADMINISTRATION_NOT_RECOGNISED}, {@code NOT_INSPECTED_BY_PARTNER}
     */
    @WithTransaction
    public Uni<InspectionResultEntity> record(
            String declarationId, String outcome, List<String> confirmedRuleIds, String notes, Caller caller) {
        if (notes.length() > 2000) {
            throw new InvalidArgumentException("INVALID_RESULT", "notes", "notes must be at most 2000 characters");
        }
        return decisions
                .findDecision(declarationId)
                .call(found -> found.isEmpty() ? Uni.createFrom().voidItem() : partnerMayRecord(found.get(), caller))
                .chain(found -> {
                    StoredDecision decision = found.orElseThrow(() ->
                            new NotFoundException("DECISION_NOT_FOUND", "declarations/" + declarationId + "/decision"));
                    Set<String> reasons = new HashSet<>(DecisionRepository.ruleIds(decision.decision()));
                    for (String rule : confirmedRuleIds) {
                        if (!reasons.contains(rule)) {
                            throw new InvalidArgumentException(
                                    "INVALID_RESULT",
                                    "confirmed_rule_ids",
                                    rule + " is not a reason of this decision; its reasons are " + reasons);
                        }
                    }
                    boolean byPartner = partner(caller);
                    return decisions.findResults(declarationId).chain(existing -> {
                        boolean officers =
                                existing.stream().anyMatch(r -> InspectionResultEntity.OFFICER.equals(r.source));
                        InspectionResultEntity superseded = existing.stream()
                                .filter(r -> InspectionResultEntity.PARTNER.equals(r.source))
                                .findFirst()
                                .orElse(null);
                        if (officers || (byPartner && superseded != null)) {
                            throw new FailedPreconditionException(
                                    "RESULT_ALREADY_RECORDED",
                                    "a result is already recorded for declarations/" + declarationId
                                            + (byPartner && !officers
                                                    ? ""
                                                    : "; a partner's result gives way to an officer's, not the reverse"));
                        }
                        InspectionResultEntity result = new InspectionResultEntity();
                        result.declarationId = declarationId;
                        result.source = byPartner ? InspectionResultEntity.PARTNER : InspectionResultEntity.OFFICER;
                        result.administration = byPartner ? caller.administration() : null;
                        result.outcome = outcome;
                        result.confirmedRuleIds = String.join(",", confirmedRuleIds);
                        result.recordedBy = caller.subject();
                        result.recordTime = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                        result.notes = notes;
                        return decisions
                                .insertResult(result)
                                .call(stored -> audit.append(AuditEntry.of(
                                        caller,
                                        "inspection-result.record",
                                        "declarations/" + declarationId + "/result",
                                        true,
                                        "outcome " + outcome + ", confirmed " + confirmedRuleIds
                                                + (superseded != null
                                                        ? ", superseding the result of the partner administration of "
                                                                + superseded.administration
                                                        : "")
                                                + (byPartner
                                                        ? ", by the partner administration of "
                                                                + caller.administration()
                                                        : ""))));
                    });
                });
    }

    /** A partner administration's caller (partner-customs, and not one of our own officers). */
    private static boolean partner(Caller caller) {
        return caller.has(Roles.PARTNER_CUSTOMS) && !caller.has(Roles.CUSTOMS_OFFICER);
    }

    /**
     * Mutual recognition: a partner administration records results only where it inspected the truck and the
     * decision relied on that inspection: the declaration lists an inspection by the administration its token names,
     * and a partner-inspection rule of the deciding ruleset that recognises that administration (naming its country,
     * or naming none) is among the decision's reasons. Elsewhere (a Kazakhstan-Russia declaration China never saw,
     * under a ruleset that recognises any partner) it has nothing to report.
     *
     * @throws PermissionDeniedException {@code ADMINISTRATION_NOT_RECOGNISED}, {@code NOT_INSPECTED_BY_PARTNER}
     */
    private Uni<Void> partnerMayRecord(StoredDecision decision, Caller caller) {
        if (!partner(caller)) {
            return Uni.createFrom().voidItem();
        }
        String administration = caller.administration();
        if (administration == null || administration.isBlank()) {
            throw new PermissionDeniedException(
                    "ADMINISTRATION_NOT_RECOGNISED",
                    "a partner-customs token must name its " + "administration (claim " + Roles.ADMINISTRATION_CLAIM
                            + ")");
        }
        return rulesets.find(decision.decision().rulesetVersion).map(row -> {
            Set<String> reasons = new HashSet<>(DecisionRepository.ruleIds(decision.decision()));
            List<RulesetDataset.RuleData> recognising = RulesetRepository.content(row).rules().stream()
                    .filter(rule -> recognises(rule.condition(), administration)
                            || (rule.alsoRequires() != null
                                    && rule.alsoRequires().stream().anyMatch(c -> recognises(c, administration))))
                    .toList();
            if (recognising.isEmpty()) {
                throw new PermissionDeniedException(
                        "ADMINISTRATION_NOT_RECOGNISED",
                        "rulesets/"
                                + decision.decision().rulesetVersion
                                + " does not recognise the inspections of administration "
                                + administration);
            }
            boolean listed = decision.content().partnerInspections() != null
                    && decision.content().partnerInspections().stream()
                            .anyMatch(p -> administration.equals(p.administrationCountryCode()));
            boolean reliedOn = recognising.stream().anyMatch(rule -> reasons.contains(rule.ruleId()));
            if (!listed || !reliedOn) {
                throw new PermissionDeniedException(
                        "NOT_INSPECTED_BY_PARTNER",
                        "the administration of " + administration + " did not inspect declarations/"
                                + decision.declaration().id
                                + ": a partner records results only on decisions that recognised its own inspection");
            }
            return null;
        });
    }

    private static boolean recognises(RulesetDataset.ConditionData condition, String administration) {
        if (condition == null || condition.partnerInspection() == null) {
            return false;
        }
        List<String> codes = condition.partnerInspection().administrationCountryCodes();
        return codes == null || codes.isEmpty() || codes.contains(administration);
    }

    /**
     * Rule performance over the decisions made in [from, until), counted in PostgreSQL (a row per rule, whatever the
     * period).
     *
     * @throws InvalidArgumentException {@code INVALID_PERIOD}: an end not after the start, or a period longer than
     *     {@link #MAX_PERIOD}
     */
    @WithSession
    public Uni<PerformanceReport> performance(OffsetDateTime from, OffsetDateTime until) {
        if (!until.isAfter(from)) {
            throw new InvalidArgumentException("INVALID_PERIOD", "end_time", "end_time must be after start_time");
        }
        if (Duration.between(from, until).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidArgumentException(
                    "INVALID_PERIOD", "end_time", "a period is at most " + MAX_PERIOD.toDays() + " days long");
        }
        return decisions
                .ruleTallies(from, until)
                .chain(tallies -> decisions
                        .countDecided(from, until)
                        .map(decided -> new PerformanceReport(
                                tallies.stream()
                                        .sorted(Comparator.comparing(RuleTally::ruleId))
                                        .map(t -> RulePerformanceCalculator.of(
                                                t.ruleId(), t.hits(), t.inspections(), t.confirmedFindings()))
                                        .map(p -> new RulePerformance(
                                                p.ruleId(),
                                                p.hits(),
                                                p.inspections(),
                                                p.confirmedFindings(),
                                                p.hitRate()))
                                        .toList(),
                                decided)));
    }
}
