package io.borderflow.checkpoint.domain.booking;

/**
 * Whom an electronic queue serves first. Traders with Authorised Economic Operator status, perishable goods and
 * humanitarian cargo may use a reserved share of every window ({@link QueuePolicy#priorityShare()}); standard bookings
 * may not. The class is declared by whoever books and checked by the border post when the truck arrives.
 */
public enum PriorityClass {
    STANDARD,
    AEO,
    PERISHABLE,
    HUMANITARIAN;

    /** Whether the class may use the share of a window reserved for priority traffic. */
    public boolean priority() {
        return this != STANDARD;
    }
}
