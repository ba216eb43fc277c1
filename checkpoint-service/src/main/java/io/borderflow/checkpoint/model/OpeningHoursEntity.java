package io.borderflow.checkpoint.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalTime;

/** Opening hours of a checkpoint on some days of the week (ISO numbers, comma-separated). */
@Entity
@Table(name = "checkpoint_opening_hours")
public class OpeningHoursEntity {
    /** {@code <checkpoint>/<ordinal>}. */
    @Id
    public String id;

    public String checkpointId;
    public int ordinal;
    public String days;
    public LocalTime openTime;
    public LocalTime closeTime;
}
