package io.borderflow.checkpoint.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** How many lanes of one kind a border post has open; no row: all of them. */
@Entity
@Table(name = "lane_setting")
public class LaneSettingEntity {
    /** {@code <checkpoint>/<lane kind>}. */
    @Id
    public String id;

    public String checkpointId;
    public String laneKind;
    public int openCount;
    public String reason;
    public String updatedBy;
    public OffsetDateTime updateTime;
}
