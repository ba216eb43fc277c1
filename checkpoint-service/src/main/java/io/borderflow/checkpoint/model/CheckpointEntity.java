package io.borderflow.checkpoint.model;

import io.borderflow.support.reference.ProvenanceColumns;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A border crossing point's reference data. Lanes and opening hours are rows of their own. */
@Entity
@Table(name = "checkpoint")
public class CheckpointEntity {
    @Id
    public String id;

    public String displayName;
    public String border;
    public String country;
    public String counterpartCountry;
    public String region;
    public String mode;
    public String counterpartName;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "source", column = @Column(name = "counterpart_source")),
        @AttributeOverride(name = "note", column = @Column(name = "counterpart_note")),
        @AttributeOverride(name = "estimate", column = @Column(name = "counterpart_estimate"))
    })
    public ProvenanceColumns counterpartProvenance;

    public double latitude;
    public double longitude;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "source", column = @Column(name = "location_source")),
        @AttributeOverride(name = "note", column = @Column(name = "location_note")),
        @AttributeOverride(name = "estimate", column = @Column(name = "location_estimate"))
    })
    public ProvenanceColumns locationProvenance;

    public String timeZone;
    public boolean alwaysOpen;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "source", column = @Column(name = "schedule_source")),
        @AttributeOverride(name = "note", column = @Column(name = "schedule_note")),
        @AttributeOverride(name = "estimate", column = @Column(name = "schedule_estimate"))
    })
    public ProvenanceColumns scheduleProvenance;

    public int capacityPerDay;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "source", column = @Column(name = "capacity_source")),
        @AttributeOverride(name = "note", column = @Column(name = "capacity_note")),
        @AttributeOverride(name = "estimate", column = @Column(name = "capacity_estimate"))
    })
    public ProvenanceColumns capacityProvenance;

    public String notes;
    public String referenceDataVersion;
}
