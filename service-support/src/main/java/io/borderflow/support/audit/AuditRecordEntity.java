package io.borderflow.support.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A row of a service's append-only {@code audit_record} table (a trigger refuses updates and deletes). */
@Entity
@Table(name = "audit_record")
public class AuditRecordEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public OffsetDateTime recordTime;
    public String subject;
    /** Comma-separated. */
    public String roles;

    public String carrierId;
    /** Comma-separated. */
    public String checkpoints;

    public String action;
    public String resource;
    /** SUCCEEDED or REJECTED. */
    public String outcome;

    public String detail;
}
