package io.borderflow.checkpoint.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A planned closure of a checkpoint; cancelled ones keep their row with a cancel time. */
@Entity
@Table(name = "closure")
public class ClosureEntity {
    @Id
    public String id;

    public String checkpointId;
    /** The subject of the caller who sent {@code requestId}: a request id is unique per requester only. */
    public String requester;

    public String requestId;
    public String contentSha256;
    public OffsetDateTime startTime;
    public OffsetDateTime endTime;
    public String reason;
    /** EXIT or ENTRY for a closure of one direction; null for both. */
    public String direction;

    public String createdBy;
    public OffsetDateTime createTime;
    public OffsetDateTime cancelTime;
    public String cancelledBy;
}
