package io.borderflow.inspection.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.borderflow.inspection.model.DecisionEntity;
import io.borderflow.inspection.model.DecisionFilter;
import io.borderflow.inspection.model.DeclarationContent;
import io.borderflow.inspection.model.DeclarationEntity;
import io.borderflow.inspection.model.InspectionResultEntity;
import io.borderflow.inspection.model.RuleTally;
import io.borderflow.inspection.model.StoredDecision;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/** Stores declarations with their decisions, and reads them back. */
@ApplicationScoped
public class DecisionRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<StoredDecision.DecisionReason>> REASONS = new TypeReference<>() {};

    /** The canonical JSON of a declaration's content (its digest makes request ids idempotent). */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The declaration the caller ({@code requester}) submitted under its request id, with its decision. */
    @WithSession
    public Uni<Optional<StoredDecision>> findByRequestId(String requester, String requestId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from DeclarationEntity where requester = :requester and requestId = :id",
                                DeclarationEntity.class)
                        .setParameter("requester", requester)
                        .setParameter("id", requestId)
                        .getSingleResultOrNull()
                        .chain(declaration -> declaration == null
                                ? Uni.createFrom().item(Optional.<StoredDecision>empty())
                                : session.find(DecisionEntity.class, declaration.id)
                                        .map(decision -> Optional.of(read(declaration, decision)))));
    }

    /** Whether a declaration of this consignor was stored before. */
    public Uni<Boolean> consignorKnown(String consignorKey) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select id from DeclarationEntity where consignorKey = :key", String.class)
                        .setParameter("key", consignorKey)
                        .setMaxResults(1)
                        .getResultList())
                .map(found -> !found.isEmpty());
    }

    /** A declaration to replay, whether it was its consignor's first, and whether its inspection found a violation. */
    public record Replayable(DeclarationEntity declaration, boolean firstOfConsignor, boolean violationFound) {}

    /**
     * Declarations submitted in [from, until), for one checkpoint or all (null), at most {@code limit}, oldest first.
     */
    @WithSession
    public Uni<List<Replayable>> replayable(OffsetDateTime from, OffsetDateTime until, String checkpointId, int limit) {
        String where = "d.submitTime >= :from and d.submitTime < :until"
                + (checkpointId == null ? "" : " and d.checkpointId = :cp");
        return Panache.getSession().chain(session -> {
            var declarations = session.createSelectionQuery(
                    "from DeclarationEntity d where " + where + " order by d.submitTime, d.id",
                    DeclarationEntity.class);
            var firsts = session.createSelectionQuery(
                    "select d.id from DeclarationEntity d where " + where
                            + " and d.consignorKey is not null and not exists (select 1 from DeclarationEntity e"
                            + " where e.consignorKey = d.consignorKey and e.submitTime < d.submitTime)",
                    String.class);
            var violations = session.createSelectionQuery(
                    "select d.id from DeclarationEntity d, InspectionResultEntity r"
                            + " where r.declarationId = d.id and r.outcome <> 'NO_FINDING' and " + where,
                    String.class);
            for (var query : List.of(declarations, firsts, violations)) {
                query.setParameter("from", from).setParameter("until", until);
                if (checkpointId != null) {
                    query.setParameter("cp", checkpointId);
                }
            }
            return declarations
                    .setMaxResults(limit)
                    .getResultList()
                    .chain(rows -> firsts.getResultList()
                            .chain(first -> violations.getResultList().map(found -> {
                                var firstIds = java.util.Set.copyOf(first);
                                var foundIds = java.util.Set.copyOf(found);
                                return rows.stream()
                                        .map(row -> new Replayable(
                                                row, firstIds.contains(row.id), foundIds.contains(row.id)))
                                        .toList();
                            })));
        });
    }

    /** The number of declarations submitted in [from, until), for one checkpoint or all (null). */
    @WithSession
    public Uni<Long> countSubmitted(OffsetDateTime from, OffsetDateTime until, String checkpointId) {
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(
                            "select count(*) from DeclarationEntity d where d.submitTime >= :from"
                                    + " and d.submitTime < :until"
                                    + (checkpointId == null ? "" : " and d.checkpointId = :cp"),
                            Long.class)
                    .setParameter("from", from)
                    .setParameter("until", until);
            if (checkpointId != null) {
                query.setParameter("cp", checkpointId);
            }
            return query.getSingleResult();
        });
    }

    /** Parses a stored declaration's content. */
    public static DeclarationContent content(DeclarationEntity declaration) {
        try {
            return JSON.readValue(declaration.content, DeclarationContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored declaration " + declaration.id + " is unreadable", e);
        }
    }

    /** The stored declaration, or null. Needs a session. */
    public Uni<DeclarationEntity> findDeclaration(String declarationId) {
        return Panache.getSession().chain(session -> session.find(DeclarationEntity.class, declarationId));
    }

    @WithSession
    public Uni<Optional<StoredDecision>> findDecision(String declarationId) {
        return Panache.getSession()
                .chain(session -> session.find(DeclarationEntity.class, declarationId)
                        .chain(declaration -> declaration == null
                                ? Uni.createFrom().item(Optional.<StoredDecision>empty())
                                : session.find(DecisionEntity.class, declarationId)
                                        .map(decision -> Optional.of(read(declaration, decision)))));
    }

    /** The results recorded on a decision: none, an officer's, a partner's, or both. */
    @WithSession
    public Uni<List<InspectionResultEntity>> findResults(String declarationId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "from InspectionResultEntity where declarationId = :id", InspectionResultEntity.class)
                        .setParameter("id", declarationId)
                        .getResultList());
    }

    /** In the caller's transaction. */
    public Uni<InspectionResultEntity> insertResult(InspectionResultEntity result) {
        return Panache.getSession()
                .chain(session -> session.persist(result).chain(() -> session.flush()))
                .replaceWith(result);
    }

    /**
     * Per rule that fired in a decision made in [from, until): hits, inspections and confirmed findings, summed in
     * PostgreSQL so that the service holds one row per rule whatever the period, as {@code RulePerformanceCalculator}
     * defines them: each reason of a decision (its JSON {@code ruleId}) is a hit; it is inspected when the decision has
     * a result, the one that prevails (an officer's over a partner's, {@link InspectionResultEntity#prevailing}); and
     * confirmed when that result is a finding (not {@code NO_FINDING}) naming the rule. In no particular order.
     */
    @WithSession
    public Uni<List<RuleTally>> ruleTallies(OffsetDateTime from, OffsetDateTime until) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                select fired.rule_id,
                                       count(*),
                                       count(result.outcome),
                                       count(*) filter (where result.outcome <> 'NO_FINDING'
                                           and fired.rule_id = any (string_to_array(result.confirmed_rule_ids, ',')))
                                from decision d
                                cross join lateral (select reason ->> 'ruleId' as rule_id
                                                    from jsonb_array_elements(d.reasons::jsonb) reason) fired
                                left join lateral (select r.outcome, r.confirmed_rule_ids
                                                   from inspection_result r
                                                   where r.declaration_id = d.declaration_id
                                                   order by r.source = 'OFFICER' desc
                                                   limit 1) result on true
                                where d.decide_time >= :from and d.decide_time < :until
                                group by fired.rule_id""", Object[].class)
                        .setParameter("from", from)
                        .setParameter("until", until)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new RuleTally(
                                (String) row[0],
                                ((Number) row[1]).longValue(),
                                ((Number) row[2]).longValue(),
                                ((Number) row[3]).longValue()))
                        .toList());
    }

    /** The number of decisions made in [from, until). */
    @WithSession
    public Uni<Long> countDecided(OffsetDateTime from, OffsetDateTime until) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select count(*) from DecisionEntity where decideTime >= :from and decideTime < :until",
                                Long.class)
                        .setParameter("from", from)
                        .setParameter("until", until)
                        .getSingleResult());
    }

    /** The rule ids of a stored decision's reasons. */
    public static List<String> ruleIds(DecisionEntity decision) {
        try {
            return JSON.readValue(decision.reasons, REASONS).stream()
                    .map(StoredDecision.DecisionReason::ruleId)
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision " + decision.declarationId + " is unreadable", e);
        }
    }

    /** Newest first; {@code after} is the last (decide time, declaration id) of the previous page, or null. */
    @WithSession
    public Uni<List<StoredDecision>> page(DecisionFilter filter, OffsetDateTime afterTime, String afterId, int limit) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        add(clauses, parameters, filter.checkpointId(), "d.checkpointId = :checkpoint", "checkpoint");
        add(clauses, parameters, filter.channel(), "d.channel = :channel", "channel");
        add(clauses, parameters, filter.from(), "d.decideTime >= :from", "from");
        add(clauses, parameters, filter.until(), "d.decideTime < :until", "until");
        if (afterTime != null) {
            clauses.add("(d.decideTime < :afterTime or (d.decideTime = :afterTime and d.declarationId < :afterId))");
            parameters.put("afterTime", afterTime);
            parameters.put("afterId", afterId);
        }
        String hql = "from DecisionEntity d" + (clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses))
                + " order by d.decideTime desc, d.declarationId desc";
        return Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<DecisionEntity> query =
                    session.createSelectionQuery(hql, DecisionEntity.class).setMaxResults(limit);
            parameters.forEach(query::setParameter);
            return query.getResultList()
                    .chain(decisions -> declarations(session, decisions)
                            .map(byId -> decisions.stream()
                                    .map(d -> read(byId.get(d.declarationId), d))
                                    .toList()));
        });
    }

    private static Uni<Map<String, DeclarationEntity>> declarations(
            Mutiny.Session session, List<DecisionEntity> decisions) {
        if (decisions.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return session.createSelectionQuery("from DeclarationEntity where id in :ids", DeclarationEntity.class)
                .setParameter(
                        "ids", decisions.stream().map(d -> d.declarationId).toList())
                .getResultList()
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> r.id, Function.identity())));
    }

    private static void add(
            List<String> clauses, Map<String, Object> parameters, Object value, String clause, String name) {
        if (value != null) {
            clauses.add(clause);
            parameters.put(name, value);
        }
    }

    private static StoredDecision read(DeclarationEntity declaration, DecisionEntity decision) {
        try {
            return new StoredDecision(
                    declaration,
                    JSON.readValue(declaration.content, DeclarationContent.class),
                    decision,
                    JSON.readValue(decision.reasons, REASONS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored declaration " + declaration.id + " is unreadable", e);
        }
    }
}
