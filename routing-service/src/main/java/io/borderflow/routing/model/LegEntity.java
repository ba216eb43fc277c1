package io.borderflow.routing.model;

import io.borderflow.support.reference.ProvenanceColumns;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A leg between two places; its corridors are rows of {@link LegCorridorEntity}. */
@Entity
@Table(name = "leg")
public class LegEntity {
    @Id
    public String id;

    public String fromPlace;
    public String toPlace;
    public String mode;
    public boolean bidirectional;
    public double distanceKm;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "source", column = @Column(name = "distance_source")),
        @AttributeOverride(name = "note", column = @Column(name = "distance_note")),
        @AttributeOverride(name = "estimate", column = @Column(name = "distance_estimate"))
    })
    public ProvenanceColumns distanceProvenance;

    public int durationMinutes;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "source", column = @Column(name = "duration_source")),
        @AttributeOverride(name = "note", column = @Column(name = "duration_note")),
        @AttributeOverride(name = "estimate", column = @Column(name = "duration_estimate"))
    })
    public ProvenanceColumns durationProvenance;
}
