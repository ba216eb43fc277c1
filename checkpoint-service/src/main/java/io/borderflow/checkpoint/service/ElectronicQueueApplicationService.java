package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.domain.booking.BookingCheck;
import io.borderflow.checkpoint.domain.booking.BookingState;
import io.borderflow.checkpoint.domain.booking.PriorityClass;
import io.borderflow.checkpoint.domain.booking.QueuePolicy;
import io.borderflow.checkpoint.domain.booking.SlotPlanner;
import io.borderflow.checkpoint.domain.booking.SlotWindow;
import io.borderflow.checkpoint.model.BookingEntity;
import io.borderflow.checkpoint.model.BookingView;
import io.borderflow.checkpoint.model.SlotWindowView;
import io.borderflow.checkpoint.repository.BookingRepository;
import io.borderflow.checkpoint.repository.BookingRepository.Booked;
import io.borderflow.checkpoint.repository.VisitRepository;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.AlreadyExistsException;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.error.ResourceExhaustedException;
import io.borderflow.support.paging.PageTokens;
import io.borderflow.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The electronic queue of each checkpoint: carriers (or the border post for them) book one-hour arrival windows,
 * cancel and move them; bookings whose trucks do not come are marked no-shows. A booking starts the truck's visit
 * with a BOOKED crossing event in the same transaction, so the queue and the visits never disagree. Slots are counted
 * and taken under a lock per checkpoint and window: a window cannot be overbooked, whichever replica takes the
 * bookings.
 *
 * <p>Each use case is a short list of steps: the request is checked ({@link BookingCheck}), the caller authorised
 * ({@link BookingAccess}), the booking read under its truck's lock ({@link BookingReads}), the vehicle found in the
 * carrier's register ({@link VehicleRegisterApplicationService#requireBookable}), a slot taken within the carrier's
 * quota ({@link ElectronicQueueSlots}), then the change stored and audited. No-shows are marked by
 * {@link ElectronicQueueNoShows}.
 */
@ApplicationScoped
public class ElectronicQueueApplicationService {
    /** The longest range of windows one ListSlots call returns. */
    public static final Duration MAX_SLOT_RANGE = Duration.ofDays(7);

    private final BookingRepository bookings;
    private final VisitRepository visits;
    private final CrossingEventApplicationService events;
    private final AuditTrail audit;
    private final BookingReads reads;
    private final ElectronicQueueSlots slots;
    private final ElectronicQueueNoShows noShows;
    private final QueuePolicy policy;
    private final VehicleRegisterApplicationService register;

    public ElectronicQueueApplicationService(
            BookingRepository bookings,
            VisitRepository visits,
            CrossingEventApplicationService events,
            AuditTrail audit,
            BookingReads reads,
            ElectronicQueueSlots slots,
            ElectronicQueueNoShows noShows,
            QueuePolicy policy,
            VehicleRegisterApplicationService register) {
        this.bookings = bookings;
        this.visits = visits;
        this.events = events;
        this.audit = audit;
        this.reads = reads;
        this.slots = slots;
        this.noShows = noShows;
        this.policy = policy;
        this.register = register;
    }

    /** A booking as asked for: enum values by name without prefix (null when unset), the window by its start. */
    public record BookingRequest(
            String requestId,
            Instant windowStart,
            String plate,
            String carrierId,
            String direction,
            String declarationId,
            String priorityClass) {}

    /** One page of bookings and the token of the next. */
    public record BookingPage(List<BookingView> bookings, String nextPageToken) {}

    /**
     * @throws InvalidArgumentException {@code INVALID_BOOKING}
     * @throws PermissionDeniedException {@code CARRIER_NOT_IN_CLAIM}, {@code CHECKPOINT_NOT_IN_CLAIM},
     *         {@code VEHICLE_NOT_IN_CLAIM}
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND}
     * @throws AlreadyExistsException {@code REQUEST_ID_REUSED}
     * @throws ResourceExhaustedException {@code BOOKING_QUOTA_EXCEEDED}
     * @throws FailedPreconditionException {@code WINDOW_FULL}, {@code CHECKPOINT_CLOSED}, {@code TRUCK_ALREADY_BOOKED},
     *         {@code TRUCK_IN_QUEUE}
     */
    @WithTransaction
    public Uni<BookingView> book(String checkpointId, BookingRequest request, Caller caller) {
        BookingDraft draft = BookingDraft.of(checkpointId, request, caller, now());
        requireValid(draft.problems());
        BookingAccess.requireBooker(checkpointId, request.carrierId(), caller);
        return slots.live(checkpointId).chain(live -> book(draft, slots.planner(live)));
    }

    /**
     * Checks the window against the checkpoint's calendar, then, under the locks of the caller's request id and of the
     * truck, answers a retry as before or books anew. The locks come first, so a retry racing its original (or another
     * first use of its request id, for another truck) waits for it and finds its answer. The request id is the
     * caller's own: another caller's use of it is another request.
     */
    private Uni<BookingView> book(BookingDraft draft, SlotPlanner planner) {
        requireValid(BookingCheck.windowProblems(
                planner, draft.request().windowStart(), draft.now().toInstant()));
        String requester = draft.caller().subject();
        return bookings.lockRequest(requester, draft.request().requestId())
                .chain(() -> visits.lockTruck(draft.checkpointId(), draft.plateKey()))
                .chain(() -> bookings.findByRequest(requester, draft.request().requestId()))
                .chain(earlier -> earlier != null ? answerAgain(earlier, draft) : bookNew(draft, planner));
    }

    /** A retry of the same request gets the booking it made; another booking under the same request id is refused. */
    private Uni<BookingView> answerAgain(BookingEntity earlier, BookingDraft draft) {
        String requestId = draft.request().requestId();
        if (!earlier.contentSha256.equals(draft.contentSha256())) {
            throw new AlreadyExistsException(
                    "REQUEST_ID_REUSED",
                    "request_id " + requestId + " was used for another booking",
                    Map.of("request_id", requestId));
        }
        return bookings.find(earlier.checkpointId, earlier.id).chain(reads::view);
    }

    /**
     * A vehicle of the carrier's register (unless its border post books at the kiosk) without an open visit of that
     * carrier takes a slot of its window, within the carrier's quota. Another carrier's visit of the same plate is
     * not in the way, and is never named.
     */
    private Uni<BookingView> bookNew(BookingDraft draft, SlotPlanner planner) {
        String carrierId = draft.request().carrierId();
        return register.requireBookable(draft.checkpointId(), carrierId, draft.plateKey(), draft.caller())
                .chain(() -> visits.visitsOfTruck(draft.checkpointId(), draft.plateKey(), carrierId, 1))
                .invoke(draft::requireTruckFree)
                .map(latest -> planner.window(draft.request().windowStart()))
                .call(window -> slots.take(draft.checkpointId(), planner, window, draft.priority(), carrierId, null))
                .chain(window -> store(draft, window));
    }

    /** Starts the truck's visit with the BOOKED event, stores the booking on it and audits it. */
    private Uni<BookingView> store(BookingDraft draft, SlotWindow window) {
        return events.recordChecked(draft.booked(), draft.caller(), draft.now()).chain(recorded -> {
            Booked booked = draft.toBooked(recorded.visit(), window);
            String name = BookingReads.name(booked.booking());
            return bookings.insert(booked.booking())
                    .call(() -> audit.append(
                            AuditEntry.of(draft.caller(), "booking.create", name, true, draft.auditDetail(window))))
                    .chain(() -> reads.view(booked));
        });
    }

    /**
     * @throws NotFoundException {@code BOOKING_NOT_FOUND}
     * @throws PermissionDeniedException {@code BOOKING_NOT_IN_CLAIM}
     * @throws FailedPreconditionException {@code BOOKING_NOT_ACTIVE}
     */
    @WithTransaction
    public Uni<BookingView> cancel(String checkpointId, String bookingId, String reason, Caller caller) {
        requireValid(BookingCheck.cancelProblems(reason));
        return reads.lockedFor(checkpointId, bookingId, caller).chain(found -> cancel(found, reason, caller));
    }

    /** Releases the slot with a CANCELLED event; cancelling again answers as the first time did. */
    private Uni<BookingView> cancel(Booked found, String reason, Caller caller) {
        BookingState state = BookingReads.state(found);
        if (state == BookingState.CANCELLED) {
            return reads.view(found);
        }
        requireActive(found, state);
        OffsetDateTime now = now();
        String why = reason == null || reason.isBlank() ? "booking cancelled" : reason;
        String detail = "cancelled, slot " + found.booking().windowStart.toInstant() + " released: " + why;
        return events.recordChecked(BookingEvents.cancelled(found, now.toInstant(), why), caller, now)
                .call(() -> audit.append(
                        AuditEntry.of(caller, "booking.cancel", BookingReads.name(found.booking()), true, detail)))
                .chain(recorded -> reads.view(new Booked(found.booking(), recorded.visit())));
    }

    /**
     * @throws InvalidArgumentException {@code INVALID_BOOKING}
     * @throws NotFoundException {@code BOOKING_NOT_FOUND}
     * @throws PermissionDeniedException {@code BOOKING_NOT_IN_CLAIM}, {@code VEHICLE_NOT_IN_CLAIM}
     * @throws ResourceExhaustedException {@code BOOKING_QUOTA_EXCEEDED}
     * @throws FailedPreconditionException {@code BOOKING_NOT_ACTIVE}, {@code RESCHEDULE_LIMIT}, {@code WINDOW_FULL},
     *         {@code CHECKPOINT_CLOSED}
     */
    @WithTransaction
    public Uni<BookingView> reschedule(String checkpointId, String bookingId, Instant windowStart, Caller caller) {
        requireValid(BookingCheck.rescheduleProblems(windowStart));
        OffsetDateTime now = now();
        return reads.lockedFor(checkpointId, bookingId, caller)
                .chain(found -> slots.live(checkpointId)
                        .chain(live -> reschedule(found, slots.planner(live), windowStart, now, caller)));
    }

    /** A booking whose truck has not arrived takes a slot of a window it may book, if it may still be moved. */
    private Uni<BookingView> reschedule(
            Booked found, SlotPlanner planner, Instant windowStart, OffsetDateTime now, Caller caller) {
        requireActive(found, BookingReads.state(found));
        requireValid(BookingCheck.rescheduleWindowProblems(planner, windowStart, now.toInstant()));
        BookingEntity booking = found.booking();
        if (booking.windowStart.toInstant().equals(windowStart)) {
            return reads.view(found);
        }
        requireMovable(booking);
        SlotWindow window = planner.window(windowStart);
        return register.requireBookable(booking.checkpointId, booking.carrierId, booking.plateKey, caller)
                .chain(() -> slots.take(
                        booking.checkpointId,
                        planner,
                        window,
                        PriorityClass.valueOf(booking.priorityClass),
                        booking.carrierId,
                        booking.id))
                .chain(() -> move(found, window, now, caller));
    }

    /** Moves the booking and its visit to the window and audits the move. */
    private Uni<BookingView> move(Booked found, SlotWindow window, OffsetDateTime now, Caller caller) {
        BookingEntity booking = found.booking();
        Instant from = booking.windowStart.toInstant();
        booking.windowStart = window.start().atOffset(ZoneOffset.UTC);
        booking.windowEnd = window.end().atOffset(ZoneOffset.UTC);
        booking.rescheduleCount++;
        booking.updateTime = now;
        found.visit().bookedWindowStart = booking.windowStart;
        String detail = "moved from " + from + " to " + window.start() + " (" + booking.rescheduleCount + " of "
                + policy.maxReschedules() + ")";
        return bookings.flush()
                .call(() -> audit.append(
                        AuditEntry.of(caller, "booking.reschedule", BookingReads.name(booking), true, detail)))
                .chain(() -> reads.view(found));
    }

    /** @throws NotFoundException {@code BOOKING_NOT_FOUND} @throws PermissionDeniedException {@code BOOKING_NOT_IN_CLAIM} */
    @WithSession
    public Uni<BookingView> get(String checkpointId, String bookingId, Caller caller) {
        return bookings.find(checkpointId, bookingId)
                .invoke(found -> BookingAccess.requireOwner(checkpointId, bookingId, found, caller))
                .chain(reads::view);
    }

    /**
     * Bookings by window start; a carrier's own only.
     *
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM} for a caller who is neither the checkpoint's
     *         border operator nor a carrier
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND}
     */
    @WithSession
    public Uni<BookingPage> list(String checkpointId, String state, String pageToken, int pageSize, Caller caller) {
        String carrier = BookingAccess.listableCarrier(checkpointId, caller);
        String filters = checkpointId + ":" + state + ":" + carrier;
        PageTokens.TimeKey after = PageTokens.decodeTimeKey(pageToken, filters).orElse(null);
        OffsetDateTime window = after == null ? null : after.time();
        String id = after == null ? null : after.id();
        return slots.live(checkpointId)
                .chain(live -> bookings.list(checkpointId, carrier, state, window, id, pageSize + 1))
                .chain(rows -> reads.page(rows, pageSize, filters));
    }

    /**
     * The windows overlapping [from, to) with their slots; {@code from} null means now, {@code to} null a day after
     * {@code from}.
     *
     * @throws InvalidArgumentException {@code INVALID_RANGE}
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND}
     */
    @WithSession
    public Uni<List<SlotWindowView>> slots(String checkpointId, Instant from, Instant to) {
        Instant start = from != null ? from : Instant.now();
        Instant end = to != null ? to : start.plus(Duration.ofDays(1));
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_SLOT_RANGE) > 0) {
            throw new InvalidArgumentException(
                    "INVALID_RANGE",
                    "end_time",
                    "after start_time, at most " + MAX_SLOT_RANGE.toDays() + " days later");
        }
        return slots.windows(checkpointId, start, end);
    }

    /** The policy the queue runs with. */
    public QueuePolicy policy() {
        return policy;
    }

    /**
     * Marks bookings whose trucks had not arrived by the end of their window plus the grace period as no-shows,
     * releasing their slots: a NO_SHOW event at that time, each booking in its own transaction. Looks at one
     * checkpoint, or at all ({@code checkpointId} null). The number marked.
     */
    public Uni<Integer> markNoShows(Instant now, String checkpointId, int limit) {
        return noShows.mark(now, checkpointId, limit);
    }

    /** @throws FailedPreconditionException {@code BOOKING_NOT_ACTIVE} unless the truck has not arrived */
    private static void requireActive(Booked found, BookingState state) {
        if (state != BookingState.BOOKED) {
            throw new FailedPreconditionException(
                    "BOOKING_NOT_ACTIVE",
                    BookingReads.name(found.booking()) + " is " + state
                            + ": only a booking whose truck has not arrived can be changed");
        }
    }

    /** @throws FailedPreconditionException {@code RESCHEDULE_LIMIT} once the booking was moved as often as allowed */
    private void requireMovable(BookingEntity booking) {
        if (booking.rescheduleCount >= policy.maxReschedules()) {
            throw new FailedPreconditionException(
                    "RESCHEDULE_LIMIT",
                    BookingReads.name(booking) + " was moved " + booking.rescheduleCount
                            + " times already, the most allowed");
        }
    }

    /** @throws InvalidArgumentException {@code INVALID_BOOKING} with the field violations, when there are any */
    private static void requireValid(List<FieldViolation> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(
                    "INVALID_BOOKING",
                    "the request has " + problems.size() + " problem(s); see the field violations",
                    Map.of(),
                    problems);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
