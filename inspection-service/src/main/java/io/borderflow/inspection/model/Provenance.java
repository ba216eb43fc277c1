package io.borderflow.inspection.model;

import jakarta.persistence.Embeddable;

/** A figure's provenance as stored: a source key (with an optional note) or an estimate basis. */
@Embeddable
public class Provenance {
    public String source;
    public String note;
    public String estimate;

    public Provenance() {
    }

    public Provenance(String source, String note, String estimate) {
        this.source = source;
        this.note = note;
        this.estimate = estimate;
    }
}
