package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.domain.booking.BookingQuota;
import io.borderflow.checkpoint.domain.booking.PriorityClass;
import io.borderflow.checkpoint.domain.booking.QueuePolicy;
import io.borderflow.checkpoint.domain.booking.SlotPlanner;
import io.borderflow.checkpoint.domain.booking.SlotWindow;
import io.borderflow.checkpoint.model.SlotWindowView;
import io.borderflow.checkpoint.repository.BookingRepository;
import io.borderflow.checkpoint.repository.CheckpointRepository;
import io.borderflow.checkpoint.repository.OperationsRepository;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.ResourceExhaustedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The slots of the electronic queue's windows: planned from the checkpoint as it runs now ({@link SlotPlanner}),
 * counted from the bookings that hold them, and taken one booking at a time under the carrier's and the window's locks,
 * within the carrier's quota. Callers hold a session (a transaction to take a slot).
 */
@ApplicationScoped
public class ElectronicQueueSlots {
    /** How far past a full window the next one with room is looked for. */
    private static final Duration NEXT_WINDOW_SEARCH = Duration.ofDays(1);

    private final CheckpointRepository checkpoints;
    private final OperationsRepository operations;
    private final BookingRepository bookings;
    private final QueuePolicy policy;
    private final BookingQuotaSettings quotas;

    public ElectronicQueueSlots(
            CheckpointRepository checkpoints,
            OperationsRepository operations,
            BookingRepository bookings,
            QueuePolicy policy,
            BookingQuotaSettings quotas) {
        this.checkpoints = checkpoints;
        this.operations = operations;
        this.bookings = bookings;
        this.policy = policy;
        this.quotas = quotas;
    }

    /** @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} (in the Uni) */
    Uni<LiveCheckpoint> live(String checkpointId) {
        return LiveCheckpoint.load(checkpoints, operations, checkpointId);
    }

    /** The windows of the checkpoint as it runs now: its calendar, and its capacity scaled by the lanes open. */
    SlotPlanner planner(LiveCheckpoint live) {
        int open = 0;
        int lanes = 0;
        for (var lane : CheckpointOperationsApplicationService.lanes(live.details(), live.operations())) {
            open += lane.open();
            lanes += lane.maximum();
        }
        var calendar = live.calendar();
        return new SlotPlanner(
                calendar, SlotPlanner.trucksPerOpenHour(live.vehiclesPerDay(), calendar, open, lanes), policy);
    }

    /** The windows overlapping [start, end) with their slots. @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} */
    Uni<List<SlotWindowView>> windows(String checkpointId, Instant start, Instant end) {
        return live(checkpointId).chain(live -> {
            List<SlotWindow> windows = planner(live).windows(start, end);
            return held(checkpointId, windows)
                    .map(held -> windows.stream().map(w -> view(w, held)).toList());
        });
    }

    /**
     * Takes the carrier's lock, then the window's (both held until the caller's transaction ends), and checks that the
     * carrier is within its quota ({@link BookingQuota}) and that a slot is left for the class, so the booking the
     * caller then stores can overshoot neither; refuses otherwise, naming the next window within a day that has room.
     *
     * @param carrierId the carrier the booking is for
     * @param movedBookingId the booking being moved to the window, left out of the carrier's count; null for a new one
     * @throws ResourceExhaustedException {@code BOOKING_QUOTA_EXCEEDED} (in the Uni)
     * @throws FailedPreconditionException {@code CHECKPOINT_CLOSED}, {@code WINDOW_FULL} (in the Uni)
     */
    Uni<Void> take(
            String checkpointId,
            SlotPlanner planner,
            SlotWindow window,
            PriorityClass priority,
            String carrierId,
            String movedBookingId) {
        requireOpen(window);
        return bookings.lockCarrier(checkpointId, carrierId)
                .call(() -> bookings.lockWindow(checkpointId, window.start().atOffset(ZoneOffset.UTC)))
                .chain(() -> requireQuota(checkpointId, planner, window, carrierId, movedBookingId))
                .chain(() -> held(checkpointId, List.of(window)))
                .chain(held -> available(view(window, held), priority) > 0
                        ? Uni.createFrom().voidItem()
                        : refuseFull(checkpointId, planner, window, priority));
    }

    /** Counts what the carrier holds in the window and in its local day, under the carrier's lock. */
    private Uni<Void> requireQuota(
            String checkpointId, SlotPlanner planner, SlotWindow window, String carrierId, String movedBookingId) {
        Instant[] day = planner.dayOf(window.start());
        return quotas.current(checkpointId)
                .chain(quota -> bookings.heldByCarrier(
                                checkpointId,
                                carrierId,
                                window.start().atOffset(ZoneOffset.UTC),
                                window.end().atOffset(ZoneOffset.UTC),
                                movedBookingId)
                        .chain(inWindow -> bookings.heldByCarrier(
                                        checkpointId,
                                        carrierId,
                                        day[0].atOffset(ZoneOffset.UTC),
                                        day[1].atOffset(ZoneOffset.UTC),
                                        movedBookingId)
                                .invoke(inDay -> quota.requireRoom(carrierId, inWindow, inDay)))
                        .replaceWithVoid());
    }

    private static void requireOpen(SlotWindow window) {
        if (window.capacity() == 0 && window.closedReason().isPresent()) {
            throw new FailedPreconditionException(
                    "CHECKPOINT_CLOSED",
                    "the checkpoint is closed from " + window.start() + " to " + window.end() + ": "
                            + window.closedReason().get());
        }
    }

    /** Fails with WINDOW_FULL, naming the next window within a day that has room for the class. */
    private Uni<Void> refuseFull(String checkpointId, SlotPlanner planner, SlotWindow full, PriorityClass priority) {
        List<SlotWindow> later = planner.windows(full.end(), full.end().plus(NEXT_WINDOW_SEARCH));
        return held(checkpointId, later).map(laterHeld -> {
            Optional<SlotWindow> next = later.stream()
                    .filter(w -> available(view(w, laterHeld), priority) > 0)
                    .findFirst();
            throw windowFull(full, priority, next);
        });
    }

    private static FailedPreconditionException windowFull(
            SlotWindow full, PriorityClass priority, Optional<SlotWindow> next) {
        return new FailedPreconditionException(
                "WINDOW_FULL",
                "no " + (priority.priority() ? "" : "standard ")
                        + "slot is left from " + full.start() + " to " + full.end() + " ("
                        + full.capacity()
                        + " in all)"
                        + next.map(w -> "; the next window with room starts at " + w.start())
                                .orElse(""),
                next.map(w -> Map.of("next_window_start_time", w.start().toString()))
                        .orElse(Map.of()));
    }

    private static int available(SlotWindowView slots, PriorityClass priority) {
        return priority.priority() ? slots.availablePriority() : slots.availableStandard();
    }

    /** Slots held in each of {@code windows} (consecutive): in all ([0]) and by standard bookings ([1]). */
    private Uni<Map<Instant, int[]>> held(String checkpointId, List<SlotWindow> windows) {
        if (windows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return bookings.held(
                        checkpointId,
                        windows.get(0).start().atOffset(ZoneOffset.UTC),
                        windows.get(windows.size() - 1).end().atOffset(ZoneOffset.UTC))
                .map(ElectronicQueueSlots::byWindow);
    }

    private static Map<Instant, int[]> byWindow(List<BookingRepository.Held> rows) {
        Map<Instant, int[]> byWindow = new HashMap<>();
        for (BookingRepository.Held row : rows) {
            int[] counts = byWindow.computeIfAbsent(row.windowStart().toInstant(), k -> new int[2]);
            counts[0] += (int) row.count();
            if (PriorityClass.STANDARD.name().equals(row.priorityClass())) {
                counts[1] += (int) row.count();
            }
        }
        return byWindow;
    }

    private static SlotWindowView view(SlotWindow window, Map<Instant, int[]> held) {
        int[] counts = held.getOrDefault(window.start(), new int[2]);
        return new SlotWindowView(
                window.start(),
                window.end(),
                window.capacity(),
                counts[0],
                window.available(PriorityClass.STANDARD, counts[0], counts[1]),
                window.available(PriorityClass.AEO, counts[0], counts[1]),
                window.closedReason().orElse(null));
    }
}
