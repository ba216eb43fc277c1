package io.borderflow.checkpoint.domain.booking;

/**
 * Where a booking stands, read from the state of the visit it started: the visit is the one truth about the truck, so
 * a CANCELLED or NO_SHOW event a border post reports releases the slot as the queue's own would.
 */
public enum BookingState {
    /** Holds its slot; the truck has not arrived. */
    BOOKED,
    /** The truck arrived; the slot was used. */
    ARRIVED,
    /** Cancelled before the truck arrived; the slot was released. */
    CANCELLED,
    /** The truck did not come; the slot was released. */
    NO_SHOW;

    /** The state of a booking whose visit is in {@code visitState} and whose truck did or did not arrive. */
    public static BookingState of(String visitState, boolean arrived) {
        if (arrived) {
            return ARRIVED;
        }
        return switch (visitState) {
            case "BOOKED" -> BOOKED;
            case "NO_SHOW" -> NO_SHOW;
            case "CANCELLED" -> CANCELLED;
            // a visit cannot leave BOOKED otherwise without an arrival
            default -> ARRIVED;
        };
    }

    /** Whether a booking in this state holds a slot of its window. */
    public boolean holdsSlot() {
        return this == BOOKED || this == ARRIVED;
    }
}
