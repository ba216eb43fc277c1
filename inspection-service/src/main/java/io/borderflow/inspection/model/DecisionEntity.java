package io.borderflow.inspection.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A decision on a declaration; immutable (a trigger refuses updates and deletes). Reasons as JSON. */
@Entity
@Table(name = "decision")
public class DecisionEntity {
    @Id
    public String declarationId;

    public String checkpointId;
    public String channel;
    public String inspectionKind;
    public int riskScore;
    public boolean randomSample;
    public long rulesetVersion;
    public long expectedHandlingSeconds;
    public OffsetDateTime decideTime;
    public String reasons;
}
