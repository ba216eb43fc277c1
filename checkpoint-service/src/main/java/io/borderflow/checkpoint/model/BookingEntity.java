package io.borderflow.checkpoint.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A booked arrival window; whether it still holds its slot is its visit's state (see the V5 migration). */
@Entity
@Table(name = "booking")
public class BookingEntity {
    @Id
    public String id;

    public String checkpointId;
    /** The subject of the caller who sent {@code requestId}: a request id is unique per requester only. */
    public String requester;

    public String requestId;
    public String contentSha256;
    public String visitId;
    public String plateKey;
    public String carrierId;
    public String priorityClass;
    public OffsetDateTime windowStart;
    public OffsetDateTime windowEnd;
    public int rescheduleCount;
    public String createdBy;
    public OffsetDateTime createTime;
    public OffsetDateTime updateTime;
}
