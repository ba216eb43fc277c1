package io.borderflow.support.audit;

import io.borderflow.support.paging.PageTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's audit trail, in its own database. {@link #append} writes in the caller's transaction, so a write and
 * its record commit together or not at all; {@link #list} pages the trail for auditors.
 */
@ApplicationScoped
public class AuditTrail {

    /** Appends a record in the current session's transaction. */
    public Uni<Void> append(AuditEntry entry) {
        AuditRecordEntity record = new AuditRecordEntity();
        record.recordTime = OffsetDateTime.now(ZoneOffset.UTC);
        record.subject = entry.subject();
        record.roles = String.join(",", entry.roles());
        record.carrierId = entry.carrierId();
        record.checkpoints = String.join(",", entry.checkpoints());
        record.action = entry.action();
        record.resource = entry.resource();
        record.outcome = entry.succeeded() ? "SUCCEEDED" : "REJECTED";
        record.detail = entry.detail() == null ? "" : entry.detail();
        return Panache.getSession().chain(session -> session.persist(record)).replaceWithVoid();
    }

    /**
     * A write whose refusal is recorded too: when it fails with a domain refusal (bad input, a claim that does not
     * cover it, an impossible transition...), the refusal is appended in a transaction of its own, since the write's
     * own transaction rolled back and took nothing with it; then the write fails as it did. {@link RefusalAudit} then
     * leaves the refusal alone.
     */
    public <T> Uni<T> recordingRefusals(
            Uni<T> write, io.borderflow.support.security.Caller caller, String action, String resource) {
        Runnable recorded = RefusalAudit.markAudited();
        return write.onFailure(io.borderflow.support.error.DomainException.class)
                .call(failure -> {
                    recorded.run();
                    var refusal = (io.borderflow.support.error.DomainException) failure;
                    return Panache.withTransaction(() -> append(AuditEntry.of(
                            caller, action, resource, false, refusal.reason() + ": " + refusal.getMessage())));
                });
    }

    /**
     * A page as a ListAuditRecords request asks for it: empty filters mean any, a page size of 0 the default.
     *
     * @throws io.borderflow.support.error.InvalidArgumentException for a page size out of range or a bad page token
     */
    public Uni<AuditPage> asked(String subject, String action, String pageToken, int pageSize) {
        return list(
                subject.isEmpty() ? null : subject,
                action.isEmpty() ? null : action,
                pageToken,
                io.borderflow.support.paging.PageSize.resolve(pageSize));
    }

    /** The newest records first, optionally of one subject and one action (null: any). */
    @WithSession
    public Uni<AuditPage> list(String subject, String action, String pageToken, int pageSize) {
        requireShort("subject", subject);
        requireShort("action", action);
        String filters = "subject=" + (subject == null ? "" : subject) + ";action=" + (action == null ? "" : action);
        Long before =
                PageTokens.decode(pageToken, filters).map(AuditTrail::number).orElse(null);
        List<String> clauses = new ArrayList<>();
        if (subject != null) {
            clauses.add("subject = :subject");
        }
        if (action != null) {
            clauses.add("action = :action");
        }
        if (before != null) {
            clauses.add("id < :before");
        }
        String hql = "from AuditRecordEntity" + (clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses))
                + " order by id desc";
        return Panache.getSession()
                .chain(session -> {
                    var query = session.createSelectionQuery(hql, AuditRecordEntity.class)
                            .setMaxResults(pageSize + 1);
                    if (subject != null) {
                        query.setParameter("subject", subject);
                    }
                    if (action != null) {
                        query.setParameter("action", action);
                    }
                    if (before != null) {
                        query.setParameter("before", before);
                    }
                    return query.getResultList();
                })
                .map(rows -> {
                    if (rows.size() <= pageSize) {
                        return new AuditPage(rows, "");
                    }
                    List<AuditRecordEntity> page = rows.subList(0, pageSize);
                    return new AuditPage(page, PageTokens.encode(filters, String.valueOf(page.get(pageSize - 1).id)));
                });
    }

    private static final int MAX_FILTER_LENGTH = 200;

    private static void requireShort(String field, String value) {
        if (value != null && value.length() > MAX_FILTER_LENGTH) {
            throw new io.borderflow.support.error.InvalidArgumentException(
                    "FIELD_TOO_LONG", field, field + " must be at most " + MAX_FILTER_LENGTH + " characters");
        }
    }

    private static long number(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new io.borderflow.support.error.InvalidArgumentException(
                    "INVALID_PAGE_TOKEN", "page_token", "page_token is not a token this service issued");
        }
    }
}
