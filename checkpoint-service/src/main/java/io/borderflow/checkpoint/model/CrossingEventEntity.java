package io.borderflow.checkpoint.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A stored crossing event; immutable. */
@Entity
@Table(name = "crossing_event")
public class CrossingEventEntity {
    @Id
    public String eventId;

    public String contentSha256;
    public String visitId;
    public String checkpointId;
    public String type;
    public OffsetDateTime occurTime;
    public OffsetDateTime recordTime;
    public String recordedBy;
    public String content;
}
