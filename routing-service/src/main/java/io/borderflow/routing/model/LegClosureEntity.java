package io.borderflow.routing.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A leg an operator closed; reopening deletes it (see the V3 migration). */
@Entity
@Table(name = "leg_closure")
public class LegClosureEntity {
    @Id
    public String legId;

    public String reason;
    public String closedBy;
    public OffsetDateTime closeTime;
}
