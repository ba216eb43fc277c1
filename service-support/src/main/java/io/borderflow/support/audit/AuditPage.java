package io.borderflow.support.audit;

import java.util.List;

/** A page of audit records, newest first; {@code nextPageToken} is empty on the last page. */
public record AuditPage(List<AuditRecordEntity> records, String nextPageToken) {}
