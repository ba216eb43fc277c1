package io.borderflow.inspection.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A stored declaration: its content as JSON and the columns lookups need. */
@Entity
@Table(name = "declaration")
public class DeclarationEntity {
    @Id
    public String id;

    /** The subject of the caller who sent {@code requestId}: a request id is unique per requester only. */
    public String requester;

    public String requestId;
    public String contentSha256;
    public String checkpointId;
    public String carrierId;
    public OffsetDateTime submitTime;
    public String content;
    /** Normalised consignor name and country ({@code name|CC}), which tells a first-time trader; null before V5. */
    public String consignorKey;
}
