package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrier;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrierToken;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.operator;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.plate;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.registerVehicle;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.ts;
import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.checkpoint.v1.BookSlotRequest;
import io.borderflow.api.checkpoint.v1.Booking;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.ListBookingsRequest;
import io.borderflow.api.checkpoint.v1.ListSlotsRequest;
import io.borderflow.api.checkpoint.v1.RescheduleBookingRequest;
import io.borderflow.api.checkpoint.v1.SetBookingQuotaRequest;
import io.borderflow.api.checkpoint.v1.SetBookingQuotaResponse;
import io.borderflow.api.checkpoint.v1.SlotWindow;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.GrpcAssertions.Failure;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
 * Per-carrier booking quotas, set per checkpoint by its border post, at {@code yarag-kazmalyar}, which no other test
 * books at: every test sets the quota it needs and uses carriers of its own, so the quota one test set cannot break
 * another's counts.
 */
@QuarkusTest
class BookingQuotaTest {
    private static final String CHECKPOINT = "yarag-kazmalyar";

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    private CheckpointServiceBlockingStub as(CallCredentials credentials) {
        return checkpoints.withDeadlineAfter(30, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    private SetBookingQuotaResponse setQuota(int perWindow, int perDay) {
        return as(operator(CHECKPOINT))
                .setBookingQuota(SetBookingQuotaRequest.newBuilder()
                        .setCheckpoint("checkpoints/" + CHECKPOINT)
                        .setBookingsPerWindow(perWindow)
                        .setBookingsPerDay(perDay)
                        .setReason("quota test")
                        .build());
    }

    /** Open windows with at least {@code room} standard slots left, from two hours ahead on, in order. */
    private List<SlotWindow> windows(int room) {
        Instant from = Instant.now().plus(Duration.ofHours(2));
        return as(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .listSlots(ListSlotsRequest.newBuilder()
                        .setParent("checkpoints/" + CHECKPOINT)
                        .setStartTime(ts(from))
                        .setEndTime(ts(from.plus(Duration.ofDays(7))))
                        .build())
                .getWindowsList()
                .stream()
                .filter(w -> w.getAvailableStandard() >= room)
                .toList();
    }

    private BookSlotRequest request(String carrierId, SlotWindow window) {
        String plate = plate();
        registerVehicle(checkpoints, carrierId, plate);
        return BookSlotRequest.newBuilder()
                .setParent("checkpoints/" + CHECKPOINT)
                .setRequestId("req-" + UUID.randomUUID())
                .setBooking(Booking.newBuilder()
                        .setWindowStartTime(window.getStartTime())
                        .setDirection(Direction.DIRECTION_EXIT)
                        .setTruck(Truck.newBuilder().setPlate(plate).setCarrierId(carrierId)))
                .build();
    }

    private Booking book(String carrierId, SlotWindow window) {
        return as(carrierToken(carrierId)).bookSlot(request(carrierId, window)).getBooking();
    }

    private int bookingsOf(String carrierId) {
        return as(carrierToken(carrierId))
                .listBookings(ListBookingsRequest.newBuilder()
                        .setParent("checkpoints/" + CHECKPOINT)
                        .setPageSize(500)
                        .build())
                .getBookingsCount();
    }

    @Test
    void aCarrierBeyondItsQuotaOfAWindowOrADayIsRefusedWithTheLimit() {
        assertThat(setQuota(2, 3).getBookingsPerWindow()).isEqualTo(2);
        String carrierId = carrier();
        List<SlotWindow> free = windows(4);
        SlotWindow first = free.get(0);
        // a window of the same local day as the first, later
        ZoneId zone = ZoneId.of("Europe/Moscow");
        SlotWindow sameDay = free.stream()
                .skip(1)
                .filter(w -> CrossingFixtures.instant(w.getStartTime())
                        .atZone(zone)
                        .toLocalDate()
                        .equals(CrossingFixtures.instant(first.getStartTime())
                                .atZone(zone)
                                .toLocalDate()))
                .findFirst()
                .orElse(null);

        // 2 a window: the third booking in the first window is refused
        book(carrierId, first);
        book(carrierId, first);
        Failure window =
                assertFails(() -> book(carrierId, first), Status.Code.RESOURCE_EXHAUSTED, "BOOKING_QUOTA_EXCEEDED");
        assertThat(window.errorInfo().getMetadataMap())
                .containsEntry("quota", "per_window")
                .containsEntry("limit", "2");
        // another carrier is not held to the first one's count; nor is the border post's own quota
        book(carrier(), first);

        if (sameDay != null) {
            // 3 a day: one more in another window of that day, then no more that day
            book(carrierId, sameDay);
            Failure day = assertFails(
                    () -> book(carrierId, sameDay), Status.Code.RESOURCE_EXHAUSTED, "BOOKING_QUOTA_EXCEEDED");
            assertThat(day.errorInfo().getMetadataMap())
                    .containsEntry("quota", "per_day")
                    .containsEntry("limit", "3");
        }
        assertThat(bookingsOf(carrierId)).isEqualTo(sameDay == null ? 2 : 3);
    }

    @Test
    void aMoveIsHeldToTheQuotaOfItsNewWindow() {
        setQuota(1, 100);
        String carrierId = carrier();
        List<SlotWindow> free = windows(2);
        Booking a = book(carrierId, free.get(0));
        book(carrierId, free.get(1));

        assertFails(
                () -> as(carrierToken(carrierId))
                        .rescheduleBooking(RescheduleBookingRequest.newBuilder()
                                .setName(a.getName())
                                .setWindowStartTime(free.get(1).getStartTime())
                                .build()),
                Status.Code.RESOURCE_EXHAUSTED,
                "BOOKING_QUOTA_EXCEEDED");
        // to a window where it holds nothing, it moves (the booking itself is not counted twice)
        assertThat(as(carrierToken(carrierId))
                        .rescheduleBooking(RescheduleBookingRequest.newBuilder()
                                .setName(a.getName())
                                .setWindowStartTime(free.get(2).getStartTime())
                                .build())
                        .getBooking()
                        .getWindowStartTime())
                .isEqualTo(free.get(2).getStartTime());
    }

    @Test
    void concurrentBookingsOfOneCarrierNeverOvershootItsQuota() throws Exception {
        setQuota(3, 100);
        String carrierId = carrier();
        SlotWindow window = windows(12).get(0);
        // twelve trucks of one carrier ask for the same window at once, with room for all: exactly 3 get in
        int contenders = 12;
        List<BookSlotRequest> requests = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            requests.add(request(carrierId, window));
        }
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Status.Code>> outcomes = new ArrayList<>();
        try {
            for (BookSlotRequest request : requests) {
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
            assertThat(codes).filteredOn(Status.Code.OK::equals).hasSize(3);
            assertThat(codes).filteredOn(Status.Code.RESOURCE_EXHAUSTED::equals).hasSize(contenders - 3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(bookingsOf(carrierId)).isEqualTo(3);
    }

    @Test
    void onlyTheCheckpointsBorderPostSetsAQuotaAndWithinBounds() {
        assertFails(
                () -> as(operator("zhaisan"))
                        .setBookingQuota(SetBookingQuotaRequest.newBuilder()
                                .setCheckpoint("checkpoints/" + CHECKPOINT)
                                .setBookingsPerWindow(5)
                                .setBookingsPerDay(50)
                                .setReason("not mine")
                                .build()),
                Status.Code.PERMISSION_DENIED,
                "CHECKPOINT_NOT_IN_CLAIM");
        Failure bad = assertFails(
                () -> as(operator(CHECKPOINT))
                        .setBookingQuota(SetBookingQuotaRequest.newBuilder()
                                .setCheckpoint("checkpoints/" + CHECKPOINT)
                                .setBookingsPerWindow(0)
                                .setBookingsPerDay(-1)
                                .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_QUOTA");
        assertThat(bad.badFields()).containsExactlyInAnyOrder("bookings_per_window", "bookings_per_day", "reason");
        Failure dayBelowWindow = assertFails(
                () -> as(operator(CHECKPOINT))
                        .setBookingQuota(SetBookingQuotaRequest.newBuilder()
                                .setCheckpoint("checkpoints/" + CHECKPOINT)
                                .setBookingsPerWindow(5)
                                .setBookingsPerDay(4)
                                .setReason("day below window")
                                .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_QUOTA");
        assertThat(dayBelowWindow.badFields()).containsExactly("bookings_per_day");
        Throwable carrier = org.assertj.core.api.Assertions.catchThrowable(() -> as(carrierToken(carrier()))
                .setBookingQuota(SetBookingQuotaRequest.newBuilder()
                        .setCheckpoint("checkpoints/" + CHECKPOINT)
                        .setBookingsPerWindow(5)
                        .setBookingsPerDay(50)
                        .setReason("carrier")
                        .build()));
        assertThat(Status.fromThrowable(carrier).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }
}
