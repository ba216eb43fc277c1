package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrier;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrierToken;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.instant;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.operator;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.plate;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.ts;
import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.checkpoint.v1.BookSlotRequest;
import io.borderflow.api.checkpoint.v1.Booking;
import io.borderflow.api.checkpoint.v1.BookingState;
import io.borderflow.api.checkpoint.v1.CancelBookingRequest;
import io.borderflow.api.checkpoint.v1.CancelClosureRequest;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.Closure;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.GetBookingRequest;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.ListAuditRecordsRequest;
import io.borderflow.api.checkpoint.v1.ListBookingsRequest;
import io.borderflow.api.checkpoint.v1.ListSlotsRequest;
import io.borderflow.api.checkpoint.v1.ListTrucksRequest;
import io.borderflow.api.checkpoint.v1.PriorityClass;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.RescheduleBookingRequest;
import io.borderflow.api.checkpoint.v1.ScheduleClosureRequest;
import io.borderflow.api.checkpoint.v1.SlotWindow;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.api.checkpoint.v1.TruckState;
import io.borderflow.api.checkpoint.v1.TruckVisit;
import io.borderflow.api.common.v1.AuditOutcome;
import io.borderflow.api.common.v1.AuditRecord;
import io.borderflow.checkpoint.service.ElectronicQueueApplicationService;
import io.borderflow.support.reactive.FreshContext;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.GrpcAssertions.Failure;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The electronic queue through gRPC, as carriers and border posts use it. Checkpoints no other test books at:
 * {@code zhelkuar} (09:00-18:00 every day, 150 trucks a day: 13 slots a window), {@code mamlyutka} (round the clock,
 * for closures), {@code maikapchagai} (09:00-18:00 on weekdays, 40 trucks a day: 3 slots a window, 2 of them
 * standard) and {@code bakhty} (no-shows). Every test books windows nobody has booked yet, found through ListSlots, so
 * tests do not depend on each other or on the day they run.
 */
@QuarkusTest
class ElectronicQueueGrpcServiceTest {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    @Inject
    ElectronicQueueApplicationService queue;

    @Inject
    Vertx vertx;

    /** What the periodic sweep does, as if it ran at {@code now}, at bakhty only. */
    private int markNoShows(Instant now) {
        return FreshContext.run(vertx, () -> queue.markNoShows(now, "bakhty", 100))
                .await()
                .atMost(Duration.ofSeconds(20));
    }

    private CheckpointServiceBlockingStub as(CallCredentials credentials) {
        return checkpoints.withDeadlineAfter(20, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    /** Open windows no booking holds a slot of yet, from two hours ahead on, in order. */
    private List<SlotWindow> freeWindows(String checkpointId) {
        Instant from = Instant.now().plus(Duration.ofHours(2));
        return as(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .listSlots(ListSlotsRequest.newBuilder()
                        .setParent("checkpoints/" + checkpointId)
                        .setStartTime(ts(from))
                        .setEndTime(ts(from.plus(Duration.ofDays(7))))
                        .build())
                .getWindowsList()
                .stream()
                .filter(w -> w.getCapacity() > 0 && w.getBooked() == 0)
                .toList();
    }

    private SlotWindow window(String checkpointId, Instant start) {
        return as(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .listSlots(ListSlotsRequest.newBuilder()
                        .setParent("checkpoints/" + checkpointId)
                        .setStartTime(ts(start))
                        .setEndTime(ts(start.plus(Duration.ofHours(1))))
                        .build())
                .getWindows(0);
    }

    private static Booking.Builder booking(String plate, String carrierId, SlotWindow window) {
        return Booking.newBuilder()
                .setWindowStartTime(window.getStartTime())
                .setDirection(Direction.DIRECTION_EXIT)
                .setTruck(Truck.newBuilder().setPlate(plate).setCarrierId(carrierId));
    }

    private static BookSlotRequest request(String checkpointId, Booking.Builder booking) {
        return BookSlotRequest.newBuilder()
                .setParent("checkpoints/" + checkpointId)
                .setRequestId("req-" + UUID.randomUUID())
                .setBooking(booking)
                .build();
    }

    /** The carrier books its vehicle, registered first (a carrier books only the vehicles of its register). */
    private Booking book(String checkpointId, String plate, String carrierId, SlotWindow window) {
        CrossingFixtures.registerVehicle(checkpoints, carrierId, plate);
        return as(carrierToken(carrierId))
                .bookSlot(request(checkpointId, booking(plate, carrierId, window)))
                .getBooking();
    }

    private Booking get(String name, CallCredentials credentials) {
        return as(credentials)
                .getBooking(GetBookingRequest.newBuilder().setName(name).build())
                .getBooking();
    }

    private List<Booking> bookingsSeenBy(String checkpointId, CallCredentials credentials) {
        return as(credentials)
                .listBookings(ListBookingsRequest.newBuilder()
                        .setParent("checkpoints/" + checkpointId)
                        .setPageSize(500)
                        .build())
                .getBookingsList();
    }

    @Test
    void aBookingStartsTheTrucksVisitAndTakesASlotOfItsWindow() {
        String carrierId = carrier();
        String plate = plate();
        List<SlotWindow> free = freeWindows("zhelkuar");
        SlotWindow later = free.get(3);
        SlotWindow earlier = free.get(1);

        Booking booked = book("zhelkuar", plate, carrierId, later);

        assertThat(booked.getName()).matches("checkpoints/zhelkuar/bookings/[0-9a-f-]{36}");
        assertThat(booked.getState()).isEqualTo(BookingState.BOOKING_STATE_BOOKED);
        assertThat(booked.getWindowStartTime()).isEqualTo(later.getStartTime());
        assertThat(booked.getWindowEndTime()).isEqualTo(later.getEndTime());
        assertThat(booked.getPriorityClass()).isEqualTo(PriorityClass.PRIORITY_CLASS_STANDARD);
        assertThat(booked.getPosition()).isPositive();
        assertThat(booked.getTruckVisit()).isEqualTo("checkpoints/zhelkuar/trucks/" + plate);
        assertThat(booked.getCreatedBy()).isEqualTo("fleet-" + carrierId);
        assertThat(window("zhelkuar", instant(later.getStartTime())).getBooked())
                .isEqualTo(1);
        assertThat(window("zhelkuar", instant(later.getStartTime())).getAvailableStandard())
                .isEqualTo(later.getAvailableStandard() - 1);

        // the truck's visit is BOOKED and names its booking; the border post sees it among the trucks expected
        TruckVisit visit = as(carrierToken(carrierId))
                .getTruck(GetTruckRequest.newBuilder()
                        .setName(booked.getTruckVisit())
                        .build())
                .getTruck();
        assertThat(visit.getState()).isEqualTo(TruckState.TRUCK_STATE_BOOKED);
        assertThat(visit.getBooking()).isEqualTo(booked.getName());
        assertThat(visit.getBookedWindowStartTime()).isEqualTo(later.getStartTime());
        assertThat(as(operator("zhelkuar"))
                        .listTrucks(ListTrucksRequest.newBuilder()
                                .setParent("checkpoints/zhelkuar")
                                .setState(TruckState.TRUCK_STATE_BOOKED)
                                .setCarrierId(carrierId)
                                .build())
                        .getTrucksList())
                .extracting(TruckVisit::getBooking)
                .containsExactly(booked.getName());

        // a booking for an earlier window comes before it in the queue
        Booking first = book("zhelkuar", plate(), carrierId, earlier);
        assertThat(first.getPosition())
                .isLessThan(get(booked.getName(), carrierToken(carrierId)).getPosition());

        // the carrier's bookings, a page at a time, by window
        var page1 = as(carrierToken(carrierId))
                .listBookings(ListBookingsRequest.newBuilder()
                        .setParent("checkpoints/zhelkuar")
                        .setPageSize(1)
                        .build());
        assertThat(page1.getBookingsList()).extracting(Booking::getName).containsExactly(first.getName());
        var page2 = as(carrierToken(carrierId))
                .listBookings(ListBookingsRequest.newBuilder()
                        .setParent("checkpoints/zhelkuar")
                        .setPageSize(1)
                        .setPageToken(page1.getNextPageToken())
                        .build());
        assertThat(page2.getBookingsList()).extracting(Booking::getName).containsExactly(booked.getName());
        assertThat(page2.getNextPageToken()).isEmpty();
    }

    @Test
    void aRetriedRequestReturnsTheFirstBookingAndTheSameIdWithOtherContentIsRefused() {
        String carrierId = carrier();
        SlotWindow window = freeWindows("zhelkuar").get(5);
        String plate = plate();
        CrossingFixtures.registerVehicle(checkpoints, carrierId, plate);
        BookSlotRequest request = request("zhelkuar", booking(plate, carrierId, window));

        Booking first = as(carrierToken(carrierId)).bookSlot(request).getBooking();
        Booking again = as(carrierToken(carrierId)).bookSlot(request).getBooking();

        assertThat(again.getName()).isEqualTo(first.getName());
        assertThat(window("zhelkuar", instant(window.getStartTime())).getBooked())
                .isEqualTo(1);
        assertFails(
                () -> as(carrierToken(carrierId))
                        .bookSlot(request.toBuilder()
                                .setBooking(request.getBooking().toBuilder()
                                        .setPriorityClass(PriorityClass.PRIORITY_CLASS_PERISHABLE))
                                .build()),
                Status.Code.ALREADY_EXISTS,
                "REQUEST_ID_REUSED");
    }

    @Test
    void twoCarriersUsingTheSameRequestIdEachGetTheirOwnBooking() {
        String carrierA = carrier();
        String carrierB = carrier();
        String plateA = plate();
        String plateB = plate();
        CrossingFixtures.registerVehicle(checkpoints, carrierA, plateA);
        CrossingFixtures.registerVehicle(checkpoints, carrierB, plateB);
        SlotWindow window = freeWindows("zhelkuar").get(6);
        String requestId = "req-" + UUID.randomUUID();

        Booking ofA = as(carrierToken(carrierA))
                .bookSlot(request("zhelkuar", booking(plateA, carrierA, window)).toBuilder()
                        .setRequestId(requestId)
                        .build())
                .getBooking();
        Booking ofB = as(carrierToken(carrierB))
                .bookSlot(request("zhelkuar", booking(plateB, carrierB, window)).toBuilder()
                        .setRequestId(requestId)
                        .build())
                .getBooking();

        // a request id is the caller's own: B's is another request, not a reuse of A's
        assertThat(ofB.getName()).isNotEqualTo(ofA.getName());
        assertThat(ofB.getTruck().getPlate()).isEqualTo(plateB);
        assertThat(window("zhelkuar", instant(window.getStartTime())).getBooked())
                .isEqualTo(2);
    }

    @Test
    void concurrentFirstUsesOfOneRequestIdStoreOneBookingAndNeverFailInternally() throws Exception {
        String carrierId = carrier();
        SlotWindow window = freeWindows("zhelkuar").get(7);
        String requestId = "req-" + UUID.randomUUID();
        // eight trucks under one request id: each takes its own truck's lock, so only the request id orders them
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Status.Code>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                String plate = plate();
                CrossingFixtures.registerVehicle(checkpoints, carrierId, plate);
                BookSlotRequest request = request("zhelkuar", booking(plate, carrierId, window)).toBuilder()
                        .setRequestId(requestId)
                        .build();
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        as(carrierToken(carrierId)).bookSlot(request);
                        return Status.Code.OK;
                    } catch (StatusRuntimeException refused) {
                        return refused.getStatus().getCode();
                    }
                }));
            }
            start.countDown();
            List<Status.Code> codes = new ArrayList<>();
            for (Future<Status.Code> outcome : outcomes) {
                codes.add(outcome.get(60, TimeUnit.SECONDS));
            }
            // one books; the seven others, with other trucks, reuse its request id
            assertThat(codes).containsOnly(Status.Code.OK, Status.Code.ALREADY_EXISTS);
            assertThat(codes).filteredOn(Status.Code.OK::equals).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(bookingsSeenBy("zhelkuar", carrierToken(carrierId))).hasSize(1);
    }

    @Test
    void aCarrierBooksAndReadsForItsOwnCarrierIdOnly() {
        String carrierA = carrier();
        String carrierB = carrier();
        String plate = plate();
        SlotWindow window = freeWindows("zhelkuar").get(6);

        assertFails(
                () -> as(carrierToken(carrierB)).bookSlot(request("zhelkuar", booking(plate, carrierA, window))),
                Status.Code.PERMISSION_DENIED,
                "CARRIER_NOT_IN_CLAIM");
        assertFails(
                () -> as(operator("zhaisan")).bookSlot(request("zhelkuar", booking(plate, carrierA, window))),
                Status.Code.PERMISSION_DENIED,
                "CHECKPOINT_NOT_IN_CLAIM");
        for (String role : List.of(Roles.CUSTOMS_OFFICER, Roles.FREIGHT_PLATFORM, Roles.SERVICE)) {
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                    () -> as(TestTokens.as(role)).bookSlot(request("zhelkuar", booking(plate, carrierA, window))));
            assertThat(Status.fromThrowable(refused).getCode()).as(role).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        assertThat(window("zhelkuar", instant(window.getStartTime())).getBooked())
                .isZero();

        Booking own = book("zhelkuar", plate, carrierA, window);
        // the border post books for a driver at its kiosk
        Booking byPost = as(operator("zhelkuar"))
                .bookSlot(request("zhelkuar", booking(plate(), carrierB, window)))
                .getBooking();

        assertFails(
                () -> get(own.getName(), carrierToken(carrierB)),
                Status.Code.PERMISSION_DENIED,
                "BOOKING_NOT_IN_CLAIM");
        assertFails(
                () -> as(carrierToken(carrierB))
                        .cancelBooking(CancelBookingRequest.newBuilder()
                                .setName(own.getName())
                                .build()),
                Status.Code.PERMISSION_DENIED,
                "BOOKING_NOT_IN_CLAIM");
        assertThat(get(own.getName(), carrierToken(carrierA)).getState()).isEqualTo(BookingState.BOOKING_STATE_BOOKED);
        assertThat(bookingsSeenBy("zhelkuar", carrierToken(carrierB)))
                .extracting(Booking::getName)
                .containsExactly(byPost.getName());
        assertThat(bookingsSeenBy("zhelkuar", operator("zhelkuar")))
                .extracting(Booking::getName)
                .contains(own.getName(), byPost.getName());
        assertFails(
                () -> bookingsSeenBy("zhelkuar", operator("zhaisan")),
                Status.Code.PERMISSION_DENIED,
                "CHECKPOINT_NOT_IN_CLAIM");

        // the booking and the refused attempt are on the audit trail, with who made them
        List<AuditRecord> trail = as(TestTokens.as(Roles.AUDITOR))
                .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                        .setAction("booking.create")
                        .setPageSize(500)
                        .build())
                .getAuditRecordsList();
        assertThat(trail)
                .filteredOn(r -> r.getResource().equals(own.getName()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getSubject()).isEqualTo("fleet-" + carrierA);
                    assertThat(r.getCarrierId()).isEqualTo(carrierA);
                    assertThat(r.getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_SUCCEEDED);
                });
        assertThat(trail)
                .filteredOn(r -> r.getSubject().equals("fleet-" + carrierB)
                        && r.getOutcome() == AuditOutcome.AUDIT_OUTCOME_REJECTED)
                .singleElement()
                .satisfies(r -> assertThat(r.getDetail()).startsWith("CARRIER_NOT_IN_CLAIM"));
    }

    @Test
    void aWindowOffTheHourInThePastTooFarAheadOrOutsideOpeningHoursIsRefusedAndNothingIsStored() {
        String carrierId = carrier();
        String plate = plate();
        SlotWindow open = freeWindows("zhelkuar").get(0);
        Instant start = instant(open.getStartTime());
        ZonedDateTime tonight = ZonedDateTime.now(ALMATY)
                .plusDays(1)
                .withHour(3)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        List<Instant> bad = List.of(
                start.plus(Duration.ofMinutes(30)),
                start.minus(Duration.ofDays(2)),
                start.plus(Duration.ofDays(15)),
                tonight.toInstant());
        List<String> descriptions = new ArrayList<>();
        for (Instant at : bad) {
            Failure failure = assertFails(
                    () -> as(carrierToken(carrierId))
                            .bookSlot(request(
                                    "zhelkuar", booking(plate, carrierId, open).setWindowStartTime(ts(at)))),
                    Status.Code.INVALID_ARGUMENT,
                    "INVALID_BOOKING");
            assertThat(failure.badFields()).containsExactly("booking.window_start_time");
            descriptions.add(failure.description());
        }
        Failure shape = assertFails(
                () -> as(carrierToken(carrierId))
                        .bookSlot(request(
                                "zhelkuar",
                                booking("!", carrierId, open)
                                        .clearDirection()
                                        .setDeclaration("declarations/nope")
                                        .setPriorityClassValue(99))),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_BOOKING");
        assertThat(shape.badFields())
                .containsExactlyInAnyOrder(
                        "booking.truck.plate", "booking.direction", "booking.declaration", "booking.priority_class");
        assertFails(
                () -> as(carrierToken(carrierId))
                        .bookSlot(request("zhelkuar", booking(plate, carrierId, open)).toBuilder()
                                .setRequestId("x")
                                .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_BOOKING");
        assertFails(
                () -> as(carrierToken(carrierId)).bookSlot(request("nowhere", booking(plate, carrierId, open))),
                Status.Code.NOT_FOUND,
                "CHECKPOINT_NOT_FOUND");

        assertThat(bookingsSeenBy("zhelkuar", carrierToken(carrierId))).isEmpty();
        assertFails(
                () -> as(operator("zhelkuar"))
                        .getTruck(GetTruckRequest.newBuilder()
                                .setName("checkpoints/zhelkuar/trucks/" + plate)
                                .build()),
                Status.Code.NOT_FOUND,
                "TRUCK_NOT_FOUND");
    }

    @Test
    void aWindowInAScheduledClosureHasNoSlot() {
        SlotWindow window = freeWindows("mamlyutka").get(2);
        CallCredentials post = operator("mamlyutka");
        Closure closure = as(post).scheduleClosure(ScheduleClosureRequest.newBuilder()
                        .setParent("checkpoints/mamlyutka")
                        .setRequestId("closure-" + UUID.randomUUID())
                        .setClosure(Closure.newBuilder()
                                .setStartTime(window.getStartTime())
                                .setEndTime(window.getEndTime())
                                .setReason("bridge repairs"))
                        .build())
                .getClosure();
        try {
            SlotWindow closed = window("mamlyutka", instant(window.getStartTime()));
            assertThat(closed.getCapacity()).isZero();
            assertThat(closed.getClosedReason()).isEqualTo("bridge repairs");
            String carrierId = carrier();
            Failure failure = assertFails(
                    () -> book("mamlyutka", plate(), carrierId, window),
                    Status.Code.FAILED_PRECONDITION,
                    "CHECKPOINT_CLOSED");
            assertThat(failure.description()).contains("bridge repairs");
            assertThat(bookingsSeenBy("mamlyutka", carrierToken(carrierId))).isEmpty();
        } finally {
            as(post).cancelClosure(CancelClosureRequest.newBuilder()
                    .setName(closure.getName())
                    .build());
        }
        assertThat(window("mamlyutka", instant(window.getStartTime())).getCapacity())
                .isEqualTo(window.getCapacity());
    }

    @Test
    void aTruckWithAnOpenVisitCannotBookAgain() {
        String carrierId = carrier();
        String plate = plate();
        List<SlotWindow> free = freeWindows("zhelkuar");
        Booking booked = book("zhelkuar", plate, carrierId, free.get(7));

        Failure twice = assertFails(
                () -> book("zhelkuar", plate, carrierId, free.get(8)),
                Status.Code.FAILED_PRECONDITION,
                "TRUCK_ALREADY_BOOKED");
        assertThat(twice.errorInfo().getMetadataMap()).containsEntry("booking", booked.getName());

        String waiting = plate();
        as(operator("zhelkuar"))
                .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                        .setEvent(CrossingFixtures.event(
                                "zhelkuar",
                                CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                                CrossingFixtures.now(),
                                waiting,
                                carrierId))
                        .build());
        assertFails(
                () -> book("zhelkuar", waiting, carrierId, free.get(8)),
                Status.Code.FAILED_PRECONDITION,
                "TRUCK_IN_QUEUE");
        assertThat(window("zhelkuar", instant(free.get(8).getStartTime())).getBooked())
                .isZero();
    }

    @Test
    void cancellingReleasesTheSlotAndEndsTheVisit() {
        String carrierId = carrier();
        SlotWindow window = freeWindows("zhelkuar").get(9);
        Booking booked = book("zhelkuar", plate(), carrierId, window);
        assertThat(window("zhelkuar", instant(window.getStartTime())).getBooked())
                .isEqualTo(1);

        Booking cancelled = as(carrierToken(carrierId))
                .cancelBooking(CancelBookingRequest.newBuilder()
                        .setName(booked.getName())
                        .setReason("load not ready")
                        .build())
                .getBooking();

        assertThat(cancelled.getState()).isEqualTo(BookingState.BOOKING_STATE_CANCELLED);
        assertThat(cancelled.getPosition()).isZero();
        assertThat(cancelled.getEndReason()).isEqualTo("load not ready");
        assertThat(cancelled.hasEndTime()).isTrue();
        assertThat(window("zhelkuar", instant(window.getStartTime())).getBooked())
                .isZero();
        assertThat(as(carrierToken(carrierId))
                        .getTruck(GetTruckRequest.newBuilder()
                                .setName(booked.getTruckVisit())
                                .build())
                        .getTruck()
                        .getState())
                .isEqualTo(TruckState.TRUCK_STATE_CANCELLED);
        // cancelling again changes nothing
        assertThat(as(carrierToken(carrierId))
                        .cancelBooking(CancelBookingRequest.newBuilder()
                                .setName(booked.getName())
                                .build())
                        .getBooking())
                .isEqualTo(cancelled);
        // the truck may book again
        assertThat(book("zhelkuar", booked.getTruck().getPlate(), carrierId, window)
                        .getState())
                .isEqualTo(BookingState.BOOKING_STATE_BOOKED);
    }

    @Test
    void aBookingMovesToAnotherWindowAtMostTwice() {
        String carrierId = carrier();
        List<SlotWindow> free = freeWindows("zhelkuar");
        Booking booked = book("zhelkuar", plate(), carrierId, free.get(10));

        Booking moved = reschedule(booked, free.get(11), carrierId);
        assertThat(moved.getWindowStartTime()).isEqualTo(free.get(11).getStartTime());
        assertThat(moved.getRescheduleCount()).isEqualTo(1);
        assertThat(window("zhelkuar", instant(free.get(10).getStartTime())).getBooked())
                .isZero();
        assertThat(window("zhelkuar", instant(free.get(11).getStartTime())).getBooked())
                .isEqualTo(1);
        // the same window again is no move
        assertThat(reschedule(moved, free.get(11), carrierId).getRescheduleCount())
                .isEqualTo(1);
        assertThat(as(carrierToken(carrierId))
                        .getTruck(GetTruckRequest.newBuilder()
                                .setName(booked.getTruckVisit())
                                .build())
                        .getTruck()
                        .getBookedWindowStartTime())
                .isEqualTo(free.get(11).getStartTime());

        assertThat(reschedule(moved, free.get(12), carrierId).getRescheduleCount())
                .isEqualTo(2);
        assertFails(
                () -> reschedule(moved, free.get(13), carrierId), Status.Code.FAILED_PRECONDITION, "RESCHEDULE_LIMIT");
        assertFails(
                () -> as(carrierToken(carrierId))
                        .rescheduleBooking(RescheduleBookingRequest.newBuilder()
                                .setName(booked.getName())
                                .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_BOOKING");
        assertThat(get(booked.getName(), carrierToken(carrierId)).getWindowStartTime())
                .isEqualTo(free.get(12).getStartTime());
        assertThat(window("zhelkuar", instant(free.get(13).getStartTime())).getBooked())
                .isZero();
    }

    private Booking reschedule(Booking booking, SlotWindow to, String carrierId) {
        return as(carrierToken(carrierId))
                .rescheduleBooking(RescheduleBookingRequest.newBuilder()
                        .setName(booking.getName())
                        .setWindowStartTime(to.getStartTime())
                        .build())
                .getBooking();
    }

    @Test
    void anArrivalJoinsTheBookedVisitAndKeepsTheSlot() {
        String carrierId = carrier();
        String plate = plate();
        SlotWindow window = freeWindows("zhelkuar").get(14);
        Booking booked = book("zhelkuar", plate, carrierId, window);

        TruckVisit arrived = as(operator("zhelkuar"))
                .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                        .setEvent(CrossingFixtures.event(
                                "zhelkuar",
                                CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                                CrossingFixtures.now().plusSeconds(1),
                                plate,
                                carrierId))
                        .build())
                .getAck()
                .getTruck();

        assertThat(arrived.getState()).isEqualTo(TruckState.TRUCK_STATE_WAITING);
        assertThat(arrived.getBooking()).isEqualTo(booked.getName());
        assertThat(arrived.hasBookTime()).isTrue();
        Booking now = get(booked.getName(), carrierToken(carrierId));
        assertThat(now.getState()).isEqualTo(BookingState.BOOKING_STATE_ARRIVED);
        assertThat(now.getPosition()).isZero();
        assertThat(window("zhelkuar", instant(window.getStartTime())).getBooked())
                .isEqualTo(1);
        assertFails(
                () -> as(carrierToken(carrierId))
                        .cancelBooking(CancelBookingRequest.newBuilder()
                                .setName(booked.getName())
                                .build()),
                Status.Code.FAILED_PRECONDITION,
                "BOOKING_NOT_ACTIVE");
        assertFails(
                () -> reschedule(booked, freeWindows("zhelkuar").get(0), carrierId),
                Status.Code.FAILED_PRECONDITION,
                "BOOKING_NOT_ACTIVE");
    }

    @Test
    void aTruckThatDoesNotComeIsMarkedANoShowAfterTheGracePeriodAndItsSlotIsReleased() {
        String carrierId = carrier();
        SlotWindow window = freeWindows("bakhty").get(0);
        Booking booked = book("bakhty", plate(), carrierId, window);
        Instant windowEnd = instant(window.getEndTime());
        Duration grace = queue.policy().noShowGrace();

        // within the grace period nothing happens
        assertThat(markNoShows(windowEnd.plus(grace).minusSeconds(1))).isZero();
        assertThat(get(booked.getName(), carrierToken(carrierId)).getState())
                .isEqualTo(BookingState.BOOKING_STATE_BOOKED);

        assertThat(markNoShows(windowEnd.plus(grace))).isEqualTo(1);

        Booking noShow = get(booked.getName(), carrierToken(carrierId));
        assertThat(noShow.getState()).isEqualTo(BookingState.BOOKING_STATE_NO_SHOW);
        assertThat(instant(noShow.getEndTime())).isEqualTo(windowEnd.plus(grace));
        assertThat(noShow.getEndReason()).startsWith("did not arrive by");
        assertThat(window("bakhty", instant(window.getStartTime())).getBooked()).isZero();
        assertThat(as(carrierToken(carrierId))
                        .getTruck(GetTruckRequest.newBuilder()
                                .setName(booked.getTruckVisit())
                                .build())
                        .getTruck()
                        .getState())
                .isEqualTo(TruckState.TRUCK_STATE_NO_SHOW);
        // marked once, recorded in the audit trail
        assertThat(markNoShows(windowEnd.plus(grace))).isZero();
        assertThat(as(TestTokens.as(Roles.AUDITOR))
                        .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                                .setAction("booking.no-show")
                                .setPageSize(500)
                                .build())
                        .getAuditRecordsList())
                .filteredOn(r -> r.getResource().equals(booked.getName()))
                .hasSize(1);
    }

    @Test
    void priorityClassesKeepTheirShareAndConcurrentBookingsNeverOverbookTheLastSlot() throws Exception {
        // a window of maikapchagai whose next hour is free too: 3 slots, 2 of them for standard bookings
        List<SlotWindow> free = freeWindows("maikapchagai");
        SlotWindow window = null;
        for (int i = 0; i + 1 < free.size() && window == null; i++) {
            if (instant(free.get(i + 1).getStartTime())
                    .equals(instant(free.get(i).getEndTime()))) {
                window = free.get(i);
            }
        }
        assertThat(window).isNotNull();
        assertThat(window.getCapacity()).isEqualTo(3);
        assertThat(window.getAvailableStandard()).isEqualTo(2);
        SlotWindow target = window;
        String carrierId = carrier();

        book("maikapchagai", plate(), carrierId, target);
        book("maikapchagai", plate(), carrierId, target);
        Failure standardFull = assertFails(
                () -> book("maikapchagai", plate(), carrierId, target), Status.Code.FAILED_PRECONDITION, "WINDOW_FULL");
        assertThat(standardFull.errorInfo().getMetadataMap())
                .containsEntry(
                        "next_window_start_time", instant(target.getEndTime()).toString());

        // twenty trucks of a perishable-goods carrier ask for the last slot at once: exactly one gets it
        int contenders = 20;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Status.Code>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                String plate = plate();
                CrossingFixtures.registerVehicle(checkpoints, carrierId, plate);
                BookSlotRequest request = request(
                        "maikapchagai",
                        booking(plate, carrierId, target).setPriorityClass(PriorityClass.PRIORITY_CLASS_PERISHABLE));
                Callable<Status.Code> attempt = () -> {
                    start.await();
                    try {
                        as(carrierToken(carrierId)).bookSlot(request);
                        return Status.Code.OK;
                    } catch (StatusRuntimeException refused) {
                        return refused.getStatus().getCode();
                    }
                };
                outcomes.add(pool.submit(attempt));
            }
            start.countDown();
            List<Status.Code> codes = new ArrayList<>();
            for (Future<Status.Code> outcome : outcomes) {
                codes.add(outcome.get(60, TimeUnit.SECONDS));
            }
            assertThat(codes).filteredOn(Status.Code.OK::equals).hasSize(1);
            assertThat(codes)
                    .filteredOn(Status.Code.FAILED_PRECONDITION::equals)
                    .hasSize(contenders - 1);
        } finally {
            pool.shutdownNow();
        }
        SlotWindow after = window("maikapchagai", instant(target.getStartTime()));
        assertThat(after.getBooked()).isEqualTo(3);
        assertThat(after.getAvailablePriority()).isZero();
        assertThat(bookingsSeenBy("maikapchagai", carrierToken(carrierId)))
                .filteredOn(b -> b.getWindowStartTime().equals(target.getStartTime()))
                .hasSize(3)
                .filteredOn(b -> b.getPriorityClass() == PriorityClass.PRIORITY_CLASS_PERISHABLE)
                .hasSize(1);
    }
}
