package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.config.CheckpointConfig;
import io.borderflow.checkpoint.domain.booking.BookingState;
import io.borderflow.checkpoint.domain.booking.PriorityClass;
import io.borderflow.checkpoint.domain.booking.QueuePolicy;
import io.borderflow.checkpoint.domain.booking.SlotPlanner;
import io.borderflow.checkpoint.domain.booking.SlotWindow;
import io.borderflow.checkpoint.domain.visit.EventCheck;
import io.borderflow.checkpoint.model.BookingEntity;
import io.borderflow.checkpoint.model.BookingView;
import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.checkpoint.model.SlotWindowView;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.borderflow.checkpoint.repository.BookingRepository;
import io.borderflow.checkpoint.repository.BookingRepository.Booked;
import io.borderflow.checkpoint.repository.CheckpointRepository;
import io.borderflow.checkpoint.repository.OperationsRepository;
import io.borderflow.checkpoint.repository.VisitRepository;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.AlreadyExistsException;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.paging.PageTokens;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.security.Caller;
import io.borderflow.support.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The electronic queue of each checkpoint: carriers (or the border post for them) book one-hour arrival windows,
 * cancel and move them; bookings whose trucks do not come are marked no-shows. A booking starts the truck's visit
 * with a BOOKED crossing event in the same transaction, so the queue and the visits never disagree. Slots are counted
 * and taken under a lock per checkpoint and window: a window cannot be overbooked, whichever replica takes the
 * bookings.
 */
@ApplicationScoped
public class ElectronicQueueApplicationService {
    /** The longest range of windows one ListSlots call returns. */
    public static final Duration MAX_SLOT_RANGE = Duration.ofDays(7);
    /** How far past a full window the next one with room is looked for. */
    private static final Duration NEXT_WINDOW_SEARCH = Duration.ofDays(1);

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final Caller QUEUE = new Caller("system:checkpoint-service", List.of(), null, List.of());

    private final CheckpointRepository checkpoints;
    private final OperationsRepository operations;
    private final BookingRepository bookings;
    private final VisitRepository visits;
    private final CrossingEventApplicationService events;
    private final AuditTrail audit;
    private final QueuePolicy policy;

    public ElectronicQueueApplicationService(
            CheckpointRepository checkpoints,
            OperationsRepository operations,
            BookingRepository bookings,
            VisitRepository visits,
            CrossingEventApplicationService events,
            AuditTrail audit,
            CheckpointConfig config) {
        this.checkpoints = checkpoints;
        this.operations = operations;
        this.bookings = bookings;
        this.visits = visits;
        this.events = events;
        this.audit = audit;
        CheckpointConfig.Queue queue = config.queue();
        this.policy = new QueuePolicy(
                queue.bookableShare(),
                queue.priorityShare(),
                queue.horizon(),
                queue.maxReschedules(),
                queue.noShowGrace());
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
     * @throws PermissionDeniedException {@code CARRIER_NOT_IN_CLAIM}, {@code CHECKPOINT_NOT_IN_CLAIM}
     * @throws NotFoundException {@code CHECKPOINT_NOT_FOUND}
     * @throws AlreadyExistsException {@code REQUEST_ID_REUSED}
     * @throws FailedPreconditionException {@code WINDOW_FULL}, {@code CHECKPOINT_CLOSED}, {@code TRUCK_ALREADY_BOOKED},
     *         {@code TRUCK_IN_QUEUE}
     */
    @WithTransaction
    public Uni<BookingView> book(String checkpointId, BookingRequest request, Caller caller) {
        OffsetDateTime now = now();
        String bookingId = UUID.randomUUID().toString();
        CrossingEventData event = new CrossingEventData(
                eventId(bookingId, "booked"),
                checkpointId,
                "BOOKED",
                now.toInstant(),
                request.direction(),
                request.plate(),
                request.carrierId(),
                request.declarationId(),
                null,
                null,
                null);
        List<FieldViolation> problems = new ArrayList<>();
        if (request.requestId() == null
                || !REQUEST_ID.matcher(request.requestId()).matches()) {
            problems.add(new FieldViolation("request_id", "8 to 64 letters, digits, '-' or '_'"));
        }
        EventCheck.problems(event, now.toInstant())
                .forEach(p -> problems.add(
                        new FieldViolation(p.field().replaceFirst("^event\\.", "booking."), p.description())));
        if (EventCheck.UNRECOGNIZED.equals(request.priorityClass())) {
            problems.add(new FieldViolation("booking.priority_class", "one of the PriorityClass values"));
        }
        if (request.windowStart() == null) {
            problems.add(new FieldViolation("booking.window_start_time", "required"));
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        requireBooker(checkpointId, request.carrierId(), caller);
        PriorityClass priority = request.priorityClass() == null
                ? PriorityClass.STANDARD
                : PriorityClass.valueOf(request.priorityClass());
        String plateKey = EventCheck.plateKey(request.plate());
        String sha = ReferenceFile.sha256(String.join(
                "|",
                checkpointId,
                request.windowStart().toString(),
                plateKey,
                request.carrierId(),
                request.direction(),
                String.valueOf(request.declarationId()),
                priority.name()));
        return live(checkpointId).chain(live -> {
            SlotPlanner planner = planner(live);
            List<FieldViolation> window =
                    planner.startProblems(request.windowStart(), now.toInstant(), "booking.window_start_time");
            if (!window.isEmpty()) {
                throw invalid(window);
            }
            return visits.lockTruck(checkpointId, plateKey)
                    .chain(() -> bookings.findByRequest(request.requestId()))
                    .chain(earlier -> {
                        if (earlier != null) {
                            if (!earlier.contentSha256.equals(sha)) {
                                throw new AlreadyExistsException(
                                        "REQUEST_ID_REUSED",
                                        "request_id " + request.requestId() + " was used for another booking",
                                        Map.of("request_id", request.requestId()));
                            }
                            return bookings.find(earlier.checkpointId, earlier.id)
                                    .chain(this::view);
                        }
                        return visits.visitsOfTruck(checkpointId, plateKey, 1).chain(latest -> {
                            requireNoOpenVisit(latest);
                            SlotWindow slots = planner.window(request.windowStart());
                            return take(checkpointId, planner, slots, priority)
                                    .chain(() -> create(
                                            live, bookingId, event, request, priority, plateKey, sha, slots, now,
                                            caller));
                        });
                    });
        });
    }

    private Uni<BookingView> create(
            LiveCheckpoint live,
            String bookingId,
            CrossingEventData event,
            BookingRequest request,
            PriorityClass priority,
            String plateKey,
            String sha,
            SlotWindow slots,
            OffsetDateTime now,
            Caller caller) {
        return events.recordChecked(event, caller, now).chain(recorded -> {
            TruckVisitEntity visit = recorded.visit();
            BookingEntity booking = new BookingEntity();
            booking.id = bookingId;
            booking.checkpointId = live.id();
            booking.requestId = request.requestId();
            booking.contentSha256 = sha;
            booking.visitId = visit.id;
            booking.plateKey = plateKey;
            booking.carrierId = request.carrierId();
            booking.priorityClass = priority.name();
            booking.windowStart = utc(slots.start());
            booking.windowEnd = utc(slots.end());
            booking.createdBy = caller.subject();
            booking.createTime = now;
            booking.updateTime = now;
            visit.bookingId = bookingId;
            visit.bookedWindowStart = booking.windowStart;
            return bookings.insert(booking)
                    .call(() -> audit.append(AuditEntry.of(
                            caller,
                            "booking.create",
                            name(booking),
                            true,
                            priority + " booking of " + plateKey + " for " + slots.start() + " to " + slots.end())))
                    .chain(() -> view(new Booked(booking, visit)));
        });
    }

    /**
     * @throws NotFoundException {@code BOOKING_NOT_FOUND}
     * @throws PermissionDeniedException {@code BOOKING_NOT_IN_CLAIM}
     * @throws FailedPreconditionException {@code BOOKING_NOT_ACTIVE}
     */
    @WithTransaction
    public Uni<BookingView> cancel(String checkpointId, String bookingId, String reason, Caller caller) {
        if (reason != null && reason.length() > 500) {
            throw invalid(List.of(new FieldViolation("reason", "up to 500 characters")));
        }
        return locked(checkpointId, bookingId, caller).chain(found -> {
            BookingState state = state(found);
            if (state == BookingState.CANCELLED) {
                return view(found);
            }
            if (state != BookingState.BOOKED) {
                throw notActive(found, state);
            }
            OffsetDateTime now = now();
            String why = reason == null || reason.isBlank() ? "booking cancelled" : reason;
            CrossingEventData event = new CrossingEventData(
                    eventId(bookingId, "cancelled"),
                    checkpointId,
                    "CANCELLED",
                    now.toInstant(),
                    found.visit().direction,
                    found.visit().plate,
                    found.visit().carrierId,
                    null,
                    null,
                    null,
                    why);
            return events.recordChecked(event, caller, now)
                    .call(() -> audit.append(AuditEntry.of(
                            caller,
                            "booking.cancel",
                            name(found.booking()),
                            true,
                            "cancelled, slot " + found.booking().windowStart.toInstant() + " released: " + why)))
                    .chain(recorded -> view(new Booked(found.booking(), recorded.visit())));
        });
    }

    /**
     * @throws InvalidArgumentException {@code INVALID_BOOKING}
     * @throws NotFoundException {@code BOOKING_NOT_FOUND}
     * @throws PermissionDeniedException {@code BOOKING_NOT_IN_CLAIM}
     * @throws FailedPreconditionException {@code BOOKING_NOT_ACTIVE}, {@code RESCHEDULE_LIMIT}, {@code WINDOW_FULL},
     *         {@code CHECKPOINT_CLOSED}
     */
    @WithTransaction
    public Uni<BookingView> reschedule(String checkpointId, String bookingId, Instant windowStart, Caller caller) {
        if (windowStart == null) {
            throw invalid(List.of(new FieldViolation("window_start_time", "required")));
        }
        OffsetDateTime now = now();
        return locked(checkpointId, bookingId, caller)
                .chain(found -> live(checkpointId).chain(live -> {
                    BookingEntity booking = found.booking();
                    BookingState state = state(found);
                    if (state != BookingState.BOOKED) {
                        throw notActive(found, state);
                    }
                    SlotPlanner planner = planner(live);
                    List<FieldViolation> problems =
                            planner.startProblems(windowStart, now.toInstant(), "window_start_time");
                    if (!problems.isEmpty()) {
                        throw invalid(problems);
                    }
                    if (booking.windowStart.toInstant().equals(windowStart)) {
                        return view(found);
                    }
                    if (booking.rescheduleCount >= policy.maxReschedules()) {
                        throw new FailedPreconditionException(
                                "RESCHEDULE_LIMIT",
                                name(booking) + " was moved " + booking.rescheduleCount
                                        + " times already, the most allowed");
                    }
                    SlotWindow slots = planner.window(windowStart);
                    PriorityClass priority = PriorityClass.valueOf(booking.priorityClass);
                    Instant from = booking.windowStart.toInstant();
                    return take(checkpointId, planner, slots, priority).chain(() -> {
                        booking.windowStart = utc(slots.start());
                        booking.windowEnd = utc(slots.end());
                        booking.rescheduleCount++;
                        booking.updateTime = now;
                        found.visit().bookedWindowStart = booking.windowStart;
                        return bookings.flush()
                                .call(() -> audit.append(AuditEntry.of(
                                        caller,
                                        "booking.reschedule",
                                        name(booking),
                                        true,
                                        "moved from " + from + " to " + slots.start() + " (" + booking.rescheduleCount
                                                + " of " + policy.maxReschedules() + ")")))
                                .chain(() -> view(found));
                    });
                }));
    }

    /** @throws NotFoundException {@code BOOKING_NOT_FOUND} @throws PermissionDeniedException {@code BOOKING_NOT_IN_CLAIM} */
    @WithSession
    public Uni<BookingView> get(String checkpointId, String bookingId, Caller caller) {
        return bookings.find(checkpointId, bookingId).chain(found -> {
            requireOwner(checkpointId, bookingId, found, caller);
            return view(found);
        });
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
        String carrier = null;
        if (!caller.operates(checkpointId)) {
            if (!caller.has(Roles.CARRIER) || caller.carrierId() == null) {
                throw new PermissionDeniedException(
                        "CHECKPOINT_NOT_IN_CLAIM", "the caller may not read bookings at checkpoints/" + checkpointId);
            }
            carrier = caller.carrierId();
        }
        String filters = checkpointId + ":" + state + ":" + carrier;
        PageTokens.TimeKey after = PageTokens.decodeTimeKey(pageToken, filters).orElse(null);
        String carrierFilter = carrier;
        OffsetDateTime window = after == null ? null : after.time();
        String id = after == null ? null : after.id();
        return live(checkpointId)
                .chain(live -> bookings.list(checkpointId, carrierFilter, state, window, id, pageSize + 1))
                .chain(rows -> {
                    List<Booked> page = rows.size() > pageSize ? rows.subList(0, pageSize) : rows;
                    String next = "";
                    if (rows.size() > pageSize) {
                        BookingEntity last = page.get(pageSize - 1).booking();
                        next = PageTokens.encode(filters, last.windowStart, last.id);
                    }
                    String nextToken = next;
                    Uni<List<BookingView>> views = Uni.createFrom().item(new ArrayList<>());
                    for (Booked booked : page) {
                        views = views.chain(list -> view(booked).map(v -> {
                            list.add(v);
                            return list;
                        }));
                    }
                    return views.map(list -> new BookingPage(list, nextToken));
                });
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
        return live(checkpointId).chain(live -> {
            List<SlotWindow> windows = planner(live).windows(start, end);
            return held(checkpointId, windows)
                    .map(held -> windows.stream().map(w -> slots(w, held)).toList());
        });
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
        OffsetDateTime endedBy = utc(now.minus(policy.noShowGrace()));
        return Panache.withSession(() -> bookings.overdue(checkpointId, endedBy, limit))
                .chain(overdue -> {
                    Uni<Integer> marked = Uni.createFrom().item(0);
                    for (BookingEntity booking : overdue) {
                        String at = booking.checkpointId;
                        String id = booking.id;
                        marked = marked.chain(count -> Panache.withTransaction(() -> markNoShow(at, id, now))
                                .map(done -> count + (done ? 1 : 0)));
                    }
                    return marked;
                });
    }

    private Uni<Boolean> markNoShow(String checkpointId, String bookingId, Instant now) {
        return locked(checkpointId, bookingId, null).chain(found -> {
            Instant due = found.booking().windowEnd.toInstant().plus(policy.noShowGrace());
            if (state(found) != BookingState.BOOKED || due.isAfter(now)) {
                return Uni.createFrom().item(false);
            }
            String why = "did not arrive by " + due + " (window "
                    + found.booking().windowStart.toInstant() + " to "
                    + found.booking().windowEnd.toInstant() + " and "
                    + policy.noShowGrace().toMinutes() + " min grace)";
            CrossingEventData event = new CrossingEventData(
                    eventId(bookingId, "no-show"),
                    checkpointId,
                    "NO_SHOW",
                    due,
                    found.visit().direction,
                    found.visit().plate,
                    found.visit().carrierId,
                    null,
                    null,
                    null,
                    why);
            return events.recordChecked(event, QUEUE, now())
                    .call(() -> audit.append(
                            AuditEntry.system("checkpoint-service", "booking.no-show", name(found.booking()), why)))
                    .replaceWith(true);
        });
    }

    /**
     * Takes the window's lock (held until the caller's transaction ends) and checks that a slot is left for the
     * class, so the booking the caller then stores cannot overbook it; refuses otherwise, naming the next window within
     * a day that has room.
     */
    private Uni<Void> take(String checkpointId, SlotPlanner planner, SlotWindow slots, PriorityClass priority) {
        if (slots.capacity() == 0 && slots.closedReason().isPresent()) {
            throw new FailedPreconditionException(
                    "CHECKPOINT_CLOSED",
                    "the checkpoint is closed from " + slots.start() + " to " + slots.end() + ": "
                            + slots.closedReason().get());
        }
        return bookings.lockWindow(checkpointId, utc(slots.start()))
                .chain(() -> held(checkpointId, List.of(slots)))
                .chain(held -> {
                    if (available(slots(slots, held), priority) > 0) {
                        return Uni.createFrom().voidItem();
                    }
                    List<SlotWindow> later =
                            planner.windows(slots.end(), slots.end().plus(NEXT_WINDOW_SEARCH));
                    return held(checkpointId, later).map(laterHeld -> {
                        Optional<SlotWindow> next = later.stream()
                                .filter(w -> available(slots(w, laterHeld), priority) > 0)
                                .findFirst();
                        throw new FailedPreconditionException(
                                "WINDOW_FULL",
                                "no " + (priority.priority() ? "" : "standard ")
                                        + "slot is left from " + slots.start() + " to " + slots.end() + " ("
                                        + slots.capacity()
                                        + " in all)"
                                        + next.map(w -> "; the next window with room starts at " + w.start())
                                                .orElse(""),
                                next.map(w -> Map.of(
                                                "next_window_start_time",
                                                w.start().toString()))
                                        .orElse(Map.of()));
                    });
                });
    }

    private static int available(SlotWindowView slots, PriorityClass priority) {
        return priority.priority() ? slots.availablePriority() : slots.availableStandard();
    }

    private static FailedPreconditionException notActive(Booked found, BookingState state) {
        return new FailedPreconditionException(
                "BOOKING_NOT_ACTIVE",
                name(found.booking()) + " is " + state + ": only a booking whose truck has not arrived can be changed");
    }

    /** The booking, read after its truck's lock is taken, so what is read stays true until the transaction ends. */
    private Uni<Booked> locked(String checkpointId, String bookingId, Caller caller) {
        return bookings.plateOf(checkpointId, bookingId)
                .chain(plateKey -> {
                    if (plateKey == null) {
                        throw new NotFoundException(
                                "BOOKING_NOT_FOUND", "checkpoints/" + checkpointId + "/bookings/" + bookingId);
                    }
                    return visits.lockTruck(checkpointId, plateKey).chain(() -> bookings.find(checkpointId, bookingId));
                })
                .invoke(found -> {
                    if (caller != null) {
                        requireOwner(checkpointId, bookingId, found, caller);
                    }
                });
    }

    private Uni<BookingView> view(Booked booked) {
        BookingState state = state(booked);
        if (state != BookingState.BOOKED) {
            return Uni.createFrom()
                    .item(new BookingView(booked.booking(), booked.visit(), state.name(), state.holdsSlot(), 0));
        }
        return bookings.ahead(booked.booking())
                .map(ahead ->
                        new BookingView(booked.booking(), booked.visit(), state.name(), true, ahead.intValue() + 1));
    }

    private static BookingState state(Booked booked) {
        return BookingState.of(booked.visit().state, booked.visit().arriveTime != null);
    }

    private Uni<LiveCheckpoint> live(String checkpointId) {
        return LiveCheckpoint.load(checkpoints, operations, checkpointId);
    }

    private SlotPlanner planner(LiveCheckpoint live) {
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

    private Uni<Map<Instant, int[]>> held(String checkpointId, List<SlotWindow> windows) {
        if (windows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return bookings.held(
                        checkpointId,
                        utc(windows.get(0).start()),
                        utc(windows.get(windows.size() - 1).end()))
                .map(rows -> {
                    Map<Instant, int[]> byWindow = new HashMap<>();
                    for (BookingRepository.Held row : rows) {
                        int[] counts =
                                byWindow.computeIfAbsent(row.windowStart().toInstant(), k -> new int[2]);
                        counts[0] += (int) row.count();
                        if (PriorityClass.STANDARD.name().equals(row.priorityClass())) {
                            counts[1] += (int) row.count();
                        }
                    }
                    return byWindow;
                });
    }

    private static SlotWindowView slots(SlotWindow window, Map<Instant, int[]> held) {
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

    private static void requireNoOpenVisit(List<TruckVisitEntity> latest) {
        if (latest.isEmpty() || !VisitRepository.OPEN.contains(latest.get(0).state)) {
            return;
        }
        TruckVisitEntity visit = latest.get(0);
        if ("BOOKED".equals(visit.state)) {
            throw new FailedPreconditionException(
                    "TRUCK_ALREADY_BOOKED",
                    "the truck already has a booking at checkpoints/" + visit.checkpointId
                            + "; cancel or reschedule it",
                    visit.bookingId == null
                            ? Map.of()
                            : Map.of("booking", "checkpoints/" + visit.checkpointId + "/bookings/" + visit.bookingId));
        }
        throw new FailedPreconditionException(
                "TRUCK_IN_QUEUE",
                "the truck is already in the queue at checkpoints/" + visit.checkpointId + " (" + visit.state + ")");
    }

    /** A carrier books for its own carrier id; a border operator for the checkpoints of its claim. */
    private static void requireBooker(String checkpointId, String carrierId, Caller caller) {
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

    /** Whether the caller may read and change the booking; a missing one is NOT_FOUND only to those who may. */
    private static void requireOwner(String checkpointId, String bookingId, Booked found, Caller caller) {
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

    static String name(BookingEntity booking) {
        return "checkpoints/" + booking.checkpointId + "/bookings/" + booking.id;
    }

    private static String eventId(String bookingId, String what) {
        return "bk-" + bookingId + "-" + what;
    }

    private static InvalidArgumentException invalid(List<FieldViolation> problems) {
        return new InvalidArgumentException(
                "INVALID_BOOKING",
                "the request has " + problems.size() + " problem(s); see the field violations",
                Map.of(),
                problems);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
