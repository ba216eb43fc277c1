package io.borderflow.checkpoint.model;

import io.borderflow.support.reference.ProvenanceData;
import io.borderflow.support.reference.SourceData;
import java.util.List;
import java.util.Map;

/** The reference data file {@code reference/holiday-closures.json}, as written (snake_case keys). */
public record HolidayDataset(
        String dataset, String version, String description, Map<String, SourceData> sources, List<Holiday> closures) {

    /**
     * One holiday closure of some checkpoints.
     *
     * @param id lower-case letters, digits and hyphens, with the year: a closure's dates never change under its id
     * @param timeZone the zone {@code start} and {@code end} are written in (the side whose holiday it is)
     * @param start local date-time, {@code yyyy-MM-ddTHH:mm}
     * @param end local date-time, after {@code start}
     * @param direction EXIT or ENTRY for one direction only; null for both
     */
    public record Holiday(
            String id,
            String reason,
            List<String> checkpoints,
            String timeZone,
            String start,
            String end,
            String direction,
            ProvenanceData provenance) {}
}
