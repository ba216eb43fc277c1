package io.borderflow.inspection.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/**
 * The outcome of inspecting a declaration, immutable: at most one of our own officers' ({@code OFFICER}) and one of a
 * recognised partner administration's ({@code PARTNER}) per decision; the officer's supersedes the partner's.
 * Confirmed rule ids comma-separated.
 */
@Entity
@Table(name = "inspection_result")
@IdClass(InspectionResultEntity.Key.class)
public class InspectionResultEntity {
    public static final String OFFICER = "OFFICER";
    public static final String PARTNER = "PARTNER";

    @Id
    public String declarationId;

    /** {@link #OFFICER} or {@link #PARTNER}. */
    @Id
    public String source;

    /** The partner administration's country code, for a {@link #PARTNER} result; else null. */
    public String administration;

    public String outcome;
    public String confirmedRuleIds;
    public String recordedBy;
    public OffsetDateTime recordTime;
    public String notes;

    /** The result that counts of those recorded on one decision: an officer's over a partner's. */
    public static InspectionResultEntity prevailing(InspectionResultEntity a, InspectionResultEntity b) {
        return OFFICER.equals(b.source) ? b : a;
    }

    /** The primary key. */
    public static class Key implements Serializable {
        public String declarationId;
        public String source;

        public Key() {}

        public Key(String declarationId, String source) {
            this.declarationId = declarationId;
            this.source = source;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && java.util.Objects.equals(declarationId, k.declarationId)
                    && java.util.Objects.equals(source, k.source);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(declarationId, source);
        }
    }
}
