package io.borderflow.support.grpc;

import com.google.protobuf.Timestamp;
import io.borderflow.api.common.v1.AuditOutcome;
import io.borderflow.api.common.v1.AuditRecord;
import io.borderflow.support.audit.AuditRecordEntity;
import java.util.Arrays;
import java.util.List;

/** Maps a stored audit record to the message every service's ListAuditRecords answers with. */
public final class AuditProtoMapper {
    private AuditProtoMapper() {}

    public static AuditRecord toProto(AuditRecordEntity record) {
        return AuditRecord.newBuilder()
                .setName("auditRecords/" + record.id)
                .setRecordTime(Timestamp.newBuilder()
                        .setSeconds(record.recordTime.toEpochSecond())
                        .setNanos(record.recordTime.getNano()))
                .setSubject(record.subject)
                .addAllRoles(split(record.roles))
                .setCarrierId(record.carrierId == null ? "" : record.carrierId)
                .addAllCheckpoints(split(record.checkpoints))
                .setAction(record.action)
                .setResource(record.resource)
                .setOutcome(AuditOutcome.valueOf("AUDIT_OUTCOME_" + record.outcome))
                .setDetail(record.detail)
                .build();
    }

    /** The page's records as messages, newest first. */
    public static List<AuditRecord> records(io.borderflow.support.audit.AuditPage page) {
        return page.records().stream().map(AuditProtoMapper::toProto).toList();
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
