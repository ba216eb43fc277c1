package io.borderflow.checkpoint.model;

import io.borderflow.support.reference.ProvenanceColumns;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A number of lanes of one kind on one side of a checkpoint. */
@Entity
@Table(name = "checkpoint_lane_group")
public class LaneGroupEntity {
    public static final String OWN = "OWN";
    public static final String COUNTERPART = "COUNTERPART";

    /** {@code <checkpoint>/<side>/<kind>}. */
    @Id
    public String id;

    public String checkpointId;
    public String side;
    public String kind;

    @Column(name = "lane_count")
    public int count;

    @Embedded
    public ProvenanceColumns provenance;
}
