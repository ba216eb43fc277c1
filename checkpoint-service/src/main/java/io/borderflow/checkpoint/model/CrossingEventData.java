package io.borderflow.checkpoint.model;

import java.time.Instant;

/**
 * A crossing event as sent, with enum values as their names without prefix (null when unset) and the checkpoint as
 * its id. Stored as JSON with the event, so that a resend can be compared with what was stored.
 */
public record CrossingEventData(
        String eventId,
        String checkpointId,
        String type,
        Instant occurTime,
        String direction,
        String plate,
        String carrierId,
        String declarationId,
        String laneKind,
        String channel,
        String reason) {}
