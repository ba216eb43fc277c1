package io.borderflow.inspection.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A publication that reference figures cite. */
@Entity
@Table(name = "source")
public class SourceEntity {
    @Id
    public String sourceKey;
    public String kind;
    public String citation;
    public String url;
}
