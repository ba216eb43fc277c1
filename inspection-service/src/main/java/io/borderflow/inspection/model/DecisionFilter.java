package io.borderflow.inspection.model;

import java.time.OffsetDateTime;

/** Filters of a decision listing; each null for "any". */
public record DecisionFilter(String checkpointId, String channel, OffsetDateTime from, OffsetDateTime until) {

    public String key() {
        return "checkpoint=" + checkpointId + ";channel=" + channel + ";from=" + from + ";until=" + until;
    }
}
