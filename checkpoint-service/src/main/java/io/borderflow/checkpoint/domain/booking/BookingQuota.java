package io.borderflow.checkpoint.domain.booking;

import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.ResourceExhaustedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many bookings one carrier may hold at one checkpoint: in one arrival window, and in one day of the checkpoint's
 * local time. A booking holds its slot while booked or arrived (see {@link BookingState#holdsSlot()}); whoever made it
 * (the carrier, or the border post at its kiosk), it counts for the carrier it is for.
 *
 * <p>Why: without a limit, one carrier (or one token stolen from it) can fill every window of a checkpoint with
 * bookings of invented plates. The limit is set per checkpoint by its border post, since what is a fair share
 * depends on the checkpoint's capacity and on who crosses there.
 *
 * @param perWindow bookings one carrier may hold in one window, from 1 to {@link #MAX_PER_WINDOW}
 * @param perDay bookings one carrier may hold in one local day, from {@code perWindow} to {@link #MAX_PER_DAY}
 */
public record BookingQuota(int perWindow, int perDay) {
    public static final int MAX_PER_WINDOW = 10_000;
    public static final int MAX_PER_DAY = 100_000;

    public BookingQuota {
        if (!problems(perWindow, perDay).isEmpty()) {
            throw new IllegalArgumentException(
                    "a quota of " + perWindow + " a window and " + perDay + " a day: " + problems(perWindow, perDay));
        }
    }

    /** What is wrong with a quota as asked for, with the field paths of {@code SetBookingQuotaRequest}. */
    public static List<FieldViolation> problems(int perWindow, int perDay) {
        List<FieldViolation> problems = new ArrayList<>();
        if (perWindow < 1 || perWindow > MAX_PER_WINDOW) {
            problems.add(new FieldViolation("bookings_per_window", "from 1 to " + MAX_PER_WINDOW));
        }
        if (perDay < Math.max(1, perWindow) || perDay > MAX_PER_DAY) {
            problems.add(new FieldViolation(
                    "bookings_per_day", "from bookings_per_window (" + perWindow + ") to " + MAX_PER_DAY));
        }
        return problems;
    }

    /**
     * Refuses one more booking of the carrier that holds {@code inWindow} bookings in the window and {@code inDay} in
     * its day (the booking being moved, if any, left out of both).
     *
     * @throws ResourceExhaustedException {@code BOOKING_QUOTA_EXCEEDED}, metadata {@code quota} ({@code per_window}
     *     or {@code per_day}) and {@code limit}
     */
    public void requireRoom(String carrierId, long inWindow, long inDay) {
        if (inWindow >= perWindow) {
            throw exceeded(carrierId, "per_window", perWindow, "window");
        }
        if (inDay >= perDay) {
            throw exceeded(carrierId, "per_day", perDay, "day");
        }
    }

    private static ResourceExhaustedException exceeded(String carrierId, String quota, int limit, String per) {
        return new ResourceExhaustedException(
                "BOOKING_QUOTA_EXCEEDED",
                "carrier " + carrierId + " holds " + limit + " booking(s) in this " + per
                        + " at this checkpoint, the most allowed",
                Map.of("quota", quota, "limit", String.valueOf(limit)));
    }
}
