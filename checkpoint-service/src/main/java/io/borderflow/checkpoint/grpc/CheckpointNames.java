package io.borderflow.checkpoint.grpc;

import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.paging.ResourceNames;
import java.util.regex.Pattern;

/**
 * The names of the resources under a checkpoint, as requests carry them: {@code checkpoints/{checkpoint_id}/status},
 * {@code .../trucks/{plate}}, {@code .../bookings/{booking_id}}, {@code .../closures/{closure_id}}; and those of
 * carriers' vehicle registers, {@code carriers/{carrier_id}} and {@code carriers/{carrier_id}/vehicles/{plate}} (a
 * carrier id as crossing events carry it: 1 to 64 letters, digits, {@code .}, {@code _} or {@code -}). A name that does
 * not match is INVALID_ARGUMENT, reason {@code INVALID_NAME}, on the field it came from.
 */
final class CheckpointNames {
    private static final Pattern STATUS = Pattern.compile("checkpoints/(" + ResourceNames.ID_REGEX + ")/status");
    private static final Pattern TRUCK =
            Pattern.compile("checkpoints/(" + ResourceNames.ID_REGEX + ")/trucks/([A-Za-z0-9 -]{2,16})");
    private static final Pattern BOOKING =
            Pattern.compile("checkpoints/(" + ResourceNames.ID_REGEX + ")/bookings/([0-9a-f-]{36})");
    private static final Pattern CLOSURE =
            Pattern.compile("checkpoints/(" + ResourceNames.ID_REGEX + ")/closures/([0-9a-f-]{36})");

    private static final String CARRIER_ID = "[A-Za-z0-9._-]{1,64}";
    private static final Pattern CARRIER = Pattern.compile("carriers/(" + CARRIER_ID + ")");
    private static final Pattern VEHICLE =
            Pattern.compile("carriers/(" + CARRIER_ID + ")/vehicles/([A-Za-z0-9 -]{2,16})");

    private CheckpointNames() {}

    /** The carrier id of the field {@code parent}: {@code carriers/{carrier_id}}. */
    static String carrier(String parent) {
        var matcher = CARRIER.matcher(parent);
        if (!matcher.matches()) {
            throw new InvalidArgumentException("INVALID_NAME", "parent", "parent must look like carriers/{carrier_id}");
        }
        return matcher.group(1);
    }

    /** The field {@code name}: {@code carriers/{carrier_id}/vehicles/{plate}}; the carrier id in place of a checkpoint's. */
    static Child vehicle(String name) {
        return child(VEHICLE, name, "carriers/{carrier_id}/vehicles/{plate}");
    }

    /** A resource under a checkpoint: the checkpoint's id and the resource's own id (a plate, a booking id ...). */
    record Child(String checkpoint, String id) {}

    /** The checkpoint id of a status name, {@code checkpoints/{checkpoint_id}/status}, read from request field {@code field}. */
    static String status(String name, String field) {
        var matcher = STATUS.matcher(name);
        if (!matcher.matches()) {
            throw new InvalidArgumentException(
                    "INVALID_NAME", field, field + " must look like checkpoints/{checkpoint_id}/status");
        }
        return matcher.group(1);
    }

    /** The field {@code name}: {@code checkpoints/{checkpoint_id}/trucks/{plate}}. */
    static Child truck(String name) {
        return child(TRUCK, name, "checkpoints/{checkpoint_id}/trucks/{plate}");
    }

    /** The field {@code name}: {@code checkpoints/{checkpoint_id}/bookings/{booking_id}}. */
    static Child booking(String name) {
        return child(BOOKING, name, "checkpoints/{checkpoint_id}/bookings/{booking_id}");
    }

    /** The field {@code name}: {@code checkpoints/{checkpoint_id}/closures/{closure_id}}. */
    static Child closure(String name) {
        return child(CLOSURE, name, "checkpoints/{checkpoint_id}/closures/{closure_id}");
    }

    private static Child child(Pattern pattern, String name, String shape) {
        var matcher = pattern.matcher(name);
        if (!matcher.matches()) {
            throw new InvalidArgumentException("INVALID_NAME", "name", "name must look like " + shape);
        }
        return new Child(matcher.group(1), matcher.group(2));
    }
}
