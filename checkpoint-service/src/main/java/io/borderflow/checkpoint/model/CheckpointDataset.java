package io.borderflow.checkpoint.model;

import io.borderflow.support.reference.ProvenanceData;
import io.borderflow.support.reference.SourceData;
import java.util.List;
import java.util.Map;

/** The reference data file {@code reference/checkpoints.json}, as written (snake_case keys). */
public record CheckpointDataset(
        String dataset,
        String version,
        String description,
        Map<String, SourceData> sources,
        List<CheckpointData> checkpoints) {

    public record CheckpointData(
            String id,
            String displayName,
            String country,
            String counterpartCountry,
            String border,
            String region,
            String mode,
            CounterpartData counterpart,
            LocationData location,
            List<LaneData> lanes,
            ScheduleData schedule,
            CapacityData nominalCapacity,
            String notes) {}

    public record CounterpartData(String name, List<LaneData> lanes, ProvenanceData provenance) {}

    public record LocationData(Double latitude, Double longitude, ProvenanceData provenance) {}

    public record LaneData(String kind, Integer count, ProvenanceData provenance) {}

    public record ScheduleData(String timeZone, Boolean alwaysOpen, List<HoursData> hours, ProvenanceData provenance) {}

    public record HoursData(List<String> days, String open, String close) {}

    public record CapacityData(Integer vehiclesPerDay, ProvenanceData provenance) {}
}
