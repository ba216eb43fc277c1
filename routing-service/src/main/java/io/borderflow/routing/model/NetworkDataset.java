package io.borderflow.routing.model;

import io.borderflow.support.reference.ProvenanceData;
import io.borderflow.support.reference.SourceData;
import java.util.List;
import java.util.Map;

/** The reference data file {@code reference/corridor-network.json}, as written (snake_case keys). */
public record NetworkDataset(
        String dataset,
        String version,
        String description,
        Map<String, SourceData> sources,
        List<PlaceData> places,
        List<LegData> legs) {

    public record PlaceData(
            String id, String displayName, String kind, String country, LocationData location, String checkpoint) {}

    public record LocationData(Double latitude, Double longitude, ProvenanceData provenance) {}

    public record LegData(
            String id,
            String from,
            String to,
            String mode,
            List<String> corridors,
            Boolean bidirectional,
            Double distanceKm,
            ProvenanceData distanceProvenance,
            Double typicalDurationHours,
            ProvenanceData durationProvenance) {}
}
