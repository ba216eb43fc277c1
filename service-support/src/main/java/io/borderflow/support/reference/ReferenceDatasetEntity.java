package io.borderflow.support.reference;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Which version of a reference data file is loaded, and the digest of its bytes. */
@Entity
@Table(name = "reference_dataset")
public class ReferenceDatasetEntity {
    @Id
    public String name;

    public String version;
    public String sha256;
    public OffsetDateTime loadedTime;
}
