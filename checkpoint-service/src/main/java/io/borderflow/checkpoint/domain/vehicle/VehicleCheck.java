package io.borderflow.checkpoint.domain.vehicle;

import io.borderflow.checkpoint.domain.visit.EventCheck;
import io.borderflow.support.error.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every problem of a request to a carrier's vehicle register, one field violation each, with the field paths of the
 * v1 API ({@code RegisterVehicleRequest}, {@code DeregisterVehicleRequest}). A plate is checked, and normalised
 * ({@link EventCheck#plateKey}), as a crossing event's is, so that a registered plate and the plate a border post
 * reports compare equal.
 */
public final class VehicleCheck {
    /** The longest reason a deregistration may give, in characters. */
    public static final int MAX_REASON = 500;

    private static final Pattern PLATE = Pattern.compile("[A-Za-z0-9 -]{2,16}");

    private VehicleCheck() {}

    /** What is wrong with registering {@code plate} (null when not given). */
    public static List<FieldViolation> registerProblems(String plate) {
        List<FieldViolation> problems = new ArrayList<>();
        if (!validPlate(plate)) {
            problems.add(new FieldViolation("vehicle.plate", "2 to 16 letters, digits, spaces or hyphens"));
        }
        return problems;
    }

    /**
     * What is wrong with a deregistration's reason (null when none is given): too long, or missing when
     * {@code disputed} (a border operator or customs officer releases another's registration and says why).
     */
    public static List<FieldViolation> deregisterProblems(String reason, boolean disputed) {
        if (reason != null && reason.length() > MAX_REASON) {
            return List.of(new FieldViolation("reason", "up to " + MAX_REASON + " characters"));
        }
        if (disputed && (reason == null || reason.isBlank())) {
            return List.of(new FieldViolation(
                    "reason", "required to release a registration: what the vehicle's papers showed"));
        }
        return List.of();
    }

    /** Whether {@code plate} is a plate as written: 2 to 16 letters, digits, spaces or hyphens, not only separators. */
    public static boolean validPlate(String plate) {
        return plate != null
                && PLATE.matcher(plate).matches()
                && !EventCheck.plateKey(plate).isEmpty();
    }
}
