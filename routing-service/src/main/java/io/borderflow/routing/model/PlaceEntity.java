package io.borderflow.routing.model;

import io.borderflow.support.reference.ProvenanceColumns;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A place of the corridor network. */
@Entity
@Table(name = "place")
public class PlaceEntity {
    @Id
    public String id;

    public String displayName;
    public String kind;
    public String country;
    public double latitude;
    public double longitude;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "source", column = @Column(name = "location_source")),
        @AttributeOverride(name = "note", column = @Column(name = "location_note")),
        @AttributeOverride(name = "estimate", column = @Column(name = "location_estimate"))
    })
    public ProvenanceColumns locationProvenance;
    /** The checkpoint-service id of the crossing here, or null. */
    public String checkpointId;
}
