package io.borderflow.checkpoint.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A truck's visit at a checkpoint; its columns are derived from its events (see V3 migration). */
@Entity
@Table(name = "truck_visit")
public class TruckVisitEntity {
    @Id
    public String id;

    public String checkpointId;
    public String plateKey;
    public String plate;
    public String carrierId;
    public String direction;
    public String laneKind;
    public String declarationId;
    /** GREEN, BLUE, YELLOW, RED, REFUSED; null when not known. */
    public String channel;

    public boolean decisionReceived;
    public boolean declarationUnknown;
    /** The decision's expected handling; null while no decision was received (see V8 migration). */
    public Long expectedHandlingSeconds;

    public String state;
    public OffsetDateTime startTime;
    public OffsetDateTime bookTime;
    public OffsetDateTime arriveTime;
    public OffsetDateTime callTime;
    public OffsetDateTime inspectionStartTime;
    public OffsetDateTime endTime;
    public String endReason;
    public OffsetDateTime updateTime;
    /** The booking that started the visit; null without one. */
    public String bookingId;

    public OffsetDateTime bookedWindowStart;
}
