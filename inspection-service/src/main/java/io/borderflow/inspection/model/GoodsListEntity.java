package io.borderflow.inspection.model;

import io.borderflow.support.reference.ProvenanceColumns;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A goods list (such as the CHPL) as one ruleset version refers to it. */
@Entity
@Table(name = "goods_list")
public class GoodsListEntity {
    /** {@code <version>/<list_id>}. */
    @Id
    public String id;
    public long rulesetVersion;
    public String listId;
    public String displayName;
    public String version;
    @Embedded
    public ProvenanceColumns provenance;
}
