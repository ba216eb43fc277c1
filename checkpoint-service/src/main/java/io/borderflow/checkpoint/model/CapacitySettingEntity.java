package io.borderflow.checkpoint.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The vehicles a day a border post set for its checkpoint, replacing the reference figure; no row: the reference. */
@Entity
@Table(name = "capacity_setting")
public class CapacitySettingEntity {
    @Id
    public String checkpointId;

    public int vehiclesPerDay;
    public String reason;
    public String updatedBy;
    public OffsetDateTime updateTime;
}
