package io.borderflow.support.reference;

/**
 * The provenance of one figure as written in a reference data file: either {@code source} (a key of the file's
 * {@code sources}, with an optional {@code note} of what the source says) or {@code estimate} (the basis of the
 * estimate). Exactly one of the two; {@link ReferenceDataCheck} enforces it.
 */
public record ProvenanceData(String source, String note, String estimate) {}
