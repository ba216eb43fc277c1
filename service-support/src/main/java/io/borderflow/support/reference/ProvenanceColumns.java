package io.borderflow.support.reference;

import jakarta.persistence.Embeddable;

/**
 * A figure's provenance as a service stores it, in three columns: a source key (with an optional note of what the
 * source says) or an estimate basis. Tables constrain exactly one of source and estimate to be set.
 */
@Embeddable
public class ProvenanceColumns {
    public String source;
    public String note;
    public String estimate;

    public static ProvenanceColumns of(ProvenanceData data) {
        ProvenanceColumns columns = new ProvenanceColumns();
        columns.source = data.source();
        columns.note = data.note();
        columns.estimate = data.estimate();
        return columns;
    }
}
