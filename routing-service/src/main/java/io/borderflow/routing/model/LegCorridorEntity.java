package io.borderflow.routing.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** That a leg belongs to a corridor. */
@Entity
@Table(name = "leg_corridor")
@IdClass(LegCorridorEntity.Key.class)
public class LegCorridorEntity {
    @Id
    public String legId;

    @Id
    public String corridor;

    public LegCorridorEntity() {}

    public LegCorridorEntity(String legId, String corridor) {
        this.legId = legId;
        this.corridor = corridor;
    }

    /** Composite key. */
    public record Key(String legId, String corridor) implements Serializable {}
}
