package io.borderflow.checkpoint.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A vehicle in a carrier's register, by its normalised plate, in at most one register (V6). */
@Entity
@Table(name = "vehicle")
public class VehicleEntity {
    @Id
    public String plateKey;

    public String plate;
    public String carrierId;
    public String createdBy;
    public OffsetDateTime createTime;
}
