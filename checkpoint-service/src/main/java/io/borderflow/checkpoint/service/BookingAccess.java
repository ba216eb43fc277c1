package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.repository.BookingRepository.Booked;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.security.Caller;
import io.borderflow.support.security.Roles;

/**
 * Who may do what in the electronic queue: a border operator everything at the checkpoints of its claim; a carrier
 * books, reads and changes only the bookings of the carrier id of its token.
 */
final class BookingAccess {
    private BookingAccess() {}

    /**
     * A carrier books for its own carrier id; a border operator for the checkpoints of its claim.
     *
     * @throws PermissionDeniedException {@code CARRIER_NOT_IN_CLAIM}, {@code CHECKPOINT_NOT_IN_CLAIM}
     */
    static void requireBooker(String checkpointId, String carrierId, Caller caller) {
        if (caller.operates(checkpointId)) {
            return;
        }
        if (caller.has(Roles.CARRIER)) {
            if (caller.carrierId() == null || !caller.carrierId().equals(carrierId)) {
                throw new PermissionDeniedException(
                        "CARRIER_NOT_IN_CLAIM", "the caller may book only for the carrier id of its token");
            }
            return;
        }
        throw new PermissionDeniedException(
                "CHECKPOINT_NOT_IN_CLAIM", "the caller may not book at checkpoints/" + checkpointId);
    }

    /**
     * Whether the caller may read and change the booking ({@code found} null when there is none); a missing one is
     * NOT_FOUND only to those who may.
     *
     * @throws PermissionDeniedException {@code BOOKING_NOT_IN_CLAIM}
     * @throws NotFoundException {@code BOOKING_NOT_FOUND}
     */
    static void requireOwner(String checkpointId, String bookingId, Booked found, Caller caller) {
        boolean operator = caller.operates(checkpointId);
        boolean carrier = caller.has(Roles.CARRIER) && caller.carrierId() != null;
        if (!operator && !carrier) {
            throw new PermissionDeniedException(
                    "BOOKING_NOT_IN_CLAIM",
                    "the caller may not read or change bookings at checkpoints/" + checkpointId);
        }
        if (found != null && !operator && !caller.carrierId().equals(found.booking().carrierId)) {
            throw new PermissionDeniedException(
                    "BOOKING_NOT_IN_CLAIM",
                    "the caller may not read or change checkpoints/" + checkpointId + "/bookings/" + bookingId);
        }
        if (found == null) {
            throw new NotFoundException("BOOKING_NOT_FOUND", "checkpoints/" + checkpointId + "/bookings/" + bookingId);
        }
    }

    /**
     * The carrier whose bookings the caller may list: null (all) for the checkpoint's border operator, its own for a
     * carrier.
     *
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM} for a caller who is neither
     */
    static String listableCarrier(String checkpointId, Caller caller) {
        if (caller.operates(checkpointId)) {
            return null;
        }
        if (!caller.has(Roles.CARRIER) || caller.carrierId() == null) {
            throw new PermissionDeniedException(
                    "CHECKPOINT_NOT_IN_CLAIM", "the caller may not read bookings at checkpoints/" + checkpointId);
        }
        return caller.carrierId();
    }
}
