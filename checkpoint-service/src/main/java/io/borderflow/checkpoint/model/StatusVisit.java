package io.borderflow.checkpoint.model;

import java.time.OffsetDateTime;

/** What a checkpoint's status needs of one visit (names as stored; channel null when not known). */
public record StatusVisit(String state, String laneKind, String channel, OffsetDateTime arriveTime,
        OffsetDateTime endTime) {
}
