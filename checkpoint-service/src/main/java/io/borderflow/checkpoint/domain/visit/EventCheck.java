package io.borderflow.checkpoint.domain.visit;

import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.support.error.FieldViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Every problem of a crossing event's shape, one field violation each (paths as in RecordCrossingEventRequest). */
public final class EventCheck {
    /** How far in the future an event may be dated (the sender's clock may run ahead). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    /** How late an event may arrive. */
    public static final Duration MAX_AGE = Duration.ofDays(30);

    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Pattern PLATE = Pattern.compile("[A-Za-z0-9 -]{2,16}");
    private static final Pattern CARRIER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern DECLARATION = Pattern.compile("[0-9a-f-]{36}");
    private static final Set<String> QUEUES = Set.of("REGULAR", "PRIORITY");
    /** How an enum value this version of the contract does not define reaches the check. */
    public static final String UNRECOGNIZED = "UNRECOGNIZED";

    private EventCheck() {}

    public static List<FieldViolation> problems(CrossingEventData e, Instant now) {
        List<FieldViolation> problems = new ArrayList<>();
        String at = "event.";
        require(
                problems,
                e.eventId() != null && EVENT_ID.matcher(e.eventId()).matches(),
                at + "event_id",
                "8 to 64 letters, digits, '-' or '_'");
        require(problems, e.checkpointId() != null, at + "checkpoint", "checkpoints/{checkpoint_id} is required");
        require(
                problems,
                e.type() != null && !UNRECOGNIZED.equals(e.type()),
                at + "type",
                "one of the CrossingEventType values is required");
        if (e.occurTime() == null) {
            problems.add(new FieldViolation(at + "occur_time", "required"));
        } else {
            require(
                    problems,
                    !e.occurTime().isAfter(now.plus(CLOCK_SKEW)),
                    at + "occur_time",
                    "in the future beyond the allowed clock skew of " + CLOCK_SKEW.toMinutes() + " minutes");
            require(
                    problems,
                    !e.occurTime().isBefore(now.minus(MAX_AGE)),
                    at + "occur_time",
                    "more than " + MAX_AGE.toDays() + " days ago");
        }
        require(
                problems,
                e.direction() != null && !UNRECOGNIZED.equals(e.direction()),
                at + "direction",
                "DIRECTION_EXIT or DIRECTION_ENTRY is required");
        require(
                problems,
                e.plate() != null
                        && PLATE.matcher(e.plate()).matches()
                        && !plateKey(e.plate()).isEmpty(),
                at + "truck.plate",
                "2 to 16 letters, digits, spaces or hyphens");
        require(
                problems,
                e.carrierId() != null && CARRIER.matcher(e.carrierId()).matches(),
                at + "truck.carrier_id",
                "1 to 64 letters, digits, '.', '_' or '-'");
        require(
                problems,
                e.declarationId() == null
                        || DECLARATION.matcher(e.declarationId()).matches(),
                at + "declaration",
                "declarations/{declaration_id} with the id inspection-service gave, or empty");
        require(
                problems,
                e.laneKind() == null || QUEUES.contains(e.laneKind()),
                at + "lane_kind",
                "a truck queues in LANE_KIND_REGULAR or LANE_KIND_PRIORITY");
        require(problems, e.laneKind() == null || "ARRIVED".equals(e.type()), at + "lane_kind", "only for ARRIVED");
        require(
                problems,
                e.channel() == null || "INSPECTION_STARTED".equals(e.type()),
                at + "channel",
                "only for INSPECTION_STARTED");
        require(problems, !UNRECOGNIZED.equals(e.channel()), at + "channel", "one of the InspectionChannel values");
        require(
                problems,
                e.channel() != null || !"INSPECTION_STARTED".equals(e.type()),
                at + "channel",
                "required for INSPECTION_STARTED");
        require(problems, e.reason() == null || e.reason().length() <= 500, at + "reason", "up to 500 characters");
        return problems;
    }

    /** A plate as compared: upper case, without spaces and hyphens. */
    public static String plateKey(String plate) {
        return plate.toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
    }

    private static void require(List<FieldViolation> problems, boolean ok, String field, String description) {
        if (!ok) {
            problems.add(new FieldViolation(field, description));
        }
    }
}
