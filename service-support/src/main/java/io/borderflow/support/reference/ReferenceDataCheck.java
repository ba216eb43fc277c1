package io.borderflow.support.reference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects every problem of a reference data file before anything is loaded, so a bad file is rejected whole with
 * a list of what to fix. Datasets add their own checks through {@link #require}; the provenance rules shared by all
 * datasets live here.
 */
public final class ReferenceDataCheck {
    private static final List<String> SOURCE_KINDS = List.of("REPORTED", "OFFICIAL", "RESEARCH");

    private final String dataset;
    private final Map<String, SourceData> sources;
    private final Set<String> usedSources = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    public ReferenceDataCheck(String dataset, Map<String, SourceData> sources) {
        this.dataset = dataset;
        this.sources = sources == null ? Map.of() : sources;
        this.sources.forEach((key, source) -> {
            require(
                    source != null && SOURCE_KINDS.contains(source.kind()),
                    "source " + key + ": kind must be one of " + SOURCE_KINDS);
            require(source != null && notBlank(source.citation()), "source " + key + ": citation is required");
        });
    }

    /** Records a problem unless {@code condition} holds. */
    public void require(boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
    }

    /** Checks one figure's provenance: exactly one of source and estimate, and a source that is listed. */
    public void provenance(String where, ProvenanceData provenance) {
        if (provenance == null) {
            problems.add(where + ": provenance is required");
            return;
        }
        boolean sourced = notBlank(provenance.source());
        boolean estimated = notBlank(provenance.estimate());
        if (sourced == estimated) {
            problems.add(where + ": provenance needs exactly one of 'source' and 'estimate'");
        } else if (sourced && !sources.containsKey(provenance.source())) {
            problems.add(where + ": unknown source '" + provenance.source() + "'");
        } else if (sourced) {
            usedSources.add(provenance.source());
        }
        if (estimated && provenance.note() != null) {
            problems.add(where + ": a 'note' goes with a source, not with an estimate");
        }
    }

    /** @throws InvalidReferenceDataException listing every problem found, if any */
    public void finish() {
        for (String key : sources.keySet()) {
            require(usedSources.contains(key), "source " + key + " is listed but no figure cites it");
        }
        if (!problems.isEmpty()) {
            throw new InvalidReferenceDataException(dataset, problems);
        }
    }

    public static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
