package io.borderflow.inspection.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The outcome of inspecting a declaration; one per decision, immutable. Confirmed rule ids comma-separated. */
@Entity
@Table(name = "inspection_result")
public class InspectionResultEntity {
    @Id
    public String declarationId;

    public String outcome;
    public String confirmedRuleIds;
    public String recordedBy;
    public OffsetDateTime recordTime;
    public String notes;
}
