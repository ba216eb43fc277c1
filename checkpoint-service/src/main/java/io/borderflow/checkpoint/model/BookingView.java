package io.borderflow.checkpoint.model;

/**
 * A booking as read: the row, its visit, its state (BOOKED, ARRIVED, CANCELLED, NO_SHOW), whether it holds a slot,
 * and its place among bookings whose trucks have not arrived (0 when not BOOKED).
 */
public record BookingView(
        BookingEntity booking, TruckVisitEntity visit, String state, boolean holdsSlot, int position) {}
