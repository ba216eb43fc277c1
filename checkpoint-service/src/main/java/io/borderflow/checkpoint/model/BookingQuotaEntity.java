package io.borderflow.checkpoint.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The bookings one carrier may hold at a checkpoint, as its border post set them; no row: the defaults (V6). */
@Entity
@Table(name = "booking_quota")
public class BookingQuotaEntity {
    @Id
    public String checkpointId;

    public int bookingsPerWindow;
    public int bookingsPerDay;
    public String reason;
    public String updatedBy;
    public OffsetDateTime updateTime;
}
