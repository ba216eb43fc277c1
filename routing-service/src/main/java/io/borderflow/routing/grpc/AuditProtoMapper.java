package io.borderflow.routing.grpc;

import com.google.protobuf.Timestamp;
import io.borderflow.api.common.v1.AuditOutcome;
import io.borderflow.api.common.v1.AuditRecord;
import io.borderflow.support.audit.AuditRecordEntity;
import java.util.Arrays;
import java.util.List;

/** Maps audit records to the v1 proto message. */
final class AuditProtoMapper {
    private AuditProtoMapper() {}

    static AuditRecord toProto(AuditRecordEntity record) {
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

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
