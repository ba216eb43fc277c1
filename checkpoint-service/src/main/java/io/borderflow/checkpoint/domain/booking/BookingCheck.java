package io.borderflow.checkpoint.domain.booking;

import io.borderflow.checkpoint.domain.visit.EventCheck;
import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.support.error.FieldViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every problem of a request to the electronic queue, one field violation each, with the field paths of the v1 API:
 * {@code BookSlotRequest} ({@code request_id}, {@code booking.*}), {@code RescheduleBookingRequest}
 * ({@code window_start_time}) and {@code CancelBookingRequest} ({@code reason}).
 *
 * <p>A booking is checked in two passes, because its window can only be judged against the checkpoint's calendar:
 * {@link #problems} looks at the request alone, before anything is read; {@link #windowProblems} at the window once
 * the checkpoint's {@link SlotPlanner} is known. A reschedule likewise ({@link #rescheduleProblems},
 * {@link #rescheduleWindowProblems}).
 *
 * <p>A booking starts the truck's visit with a BOOKED crossing event, so its truck, direction and declaration are
 * checked as that event's are ({@link EventCheck}), with the paths under {@code booking.} instead of {@code event.}.
 */
public final class BookingCheck {
    /** Where a new booking's window is reported. */
    public static final String BOOKING_WINDOW = "booking.window_start_time";
    /** Where a reschedule's window is reported. */
    public static final String RESCHEDULE_WINDOW = "window_start_time";
    /** The longest reason a cancellation may give, in characters. */
    public static final int MAX_REASON = 500;

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private BookingCheck() {}

    /**
     * What is wrong with a booking request on its own: the request id, the BOOKED event the booking would start its
     * truck's visit with (built from the request), the priority class (a name without prefix, null when unset) and
     * whether a window is asked for at all.
     */
    public static List<FieldViolation> problems(
            String requestId, CrossingEventData booked, String priorityClass, Instant windowStart, Instant now) {
        List<FieldViolation> problems = new ArrayList<>();
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            problems.add(new FieldViolation("request_id", "8 to 64 letters, digits, '-' or '_'"));
        }
        EventCheck.problems(booked, now)
                .forEach(p -> problems.add(
                        new FieldViolation(p.field().replaceFirst("^event\\.", "booking."), p.description())));
        if (EventCheck.UNRECOGNIZED.equals(priorityClass)) {
            problems.add(new FieldViolation("booking.priority_class", "one of the PriorityClass values"));
        }
        if (windowStart == null) {
            problems.add(new FieldViolation(BOOKING_WINDOW, "required"));
        }
        return problems;
    }

    /** What is wrong with booking the window starting at {@code windowStart} (see {@link SlotPlanner#startProblems}). */
    public static List<FieldViolation> windowProblems(SlotPlanner planner, Instant windowStart, Instant now) {
        return planner.startProblems(windowStart, now, BOOKING_WINDOW);
    }

    /** What is wrong with a reschedule on its own: a window must be asked for. */
    public static List<FieldViolation> rescheduleProblems(Instant windowStart) {
        return windowStart == null ? List.of(new FieldViolation(RESCHEDULE_WINDOW, "required")) : List.of();
    }

    /** What is wrong with moving a booking to the window starting at {@code windowStart}. */
    public static List<FieldViolation> rescheduleWindowProblems(SlotPlanner planner, Instant windowStart, Instant now) {
        return planner.startProblems(windowStart, now, RESCHEDULE_WINDOW);
    }

    /** What is wrong with a cancellation: its reason (null when none is given) is too long. */
    public static List<FieldViolation> cancelProblems(String reason) {
        return reason != null && reason.length() > MAX_REASON
                ? List.of(new FieldViolation("reason", "up to " + MAX_REASON + " characters"))
                : List.of();
    }
}
