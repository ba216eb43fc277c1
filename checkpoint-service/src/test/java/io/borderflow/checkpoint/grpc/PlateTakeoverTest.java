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
import io.borderflow.api.checkpoint.v1.BookingState;
import io.borderflow.api.checkpoint.v1.CancelBookingRequest;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.GetBookingRequest;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.InspectionChannel;
import io.borderflow.api.checkpoint.v1.ListAuditRecordsRequest;
import io.borderflow.api.checkpoint.v1.ListSlotsRequest;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.SlotWindow;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.api.checkpoint.v1.TruckState;
import io.borderflow.api.checkpoint.v1.TruckVisit;
import io.borderflow.api.common.v1.AuditOutcome;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.GrpcAssertions.Failure;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 22's plate takeover, as the security review tried it: a carrier books another carrier's truck by its plate;
 * when the real truck arrives, its ARRIVED event joined the squatter's BOOKED visit, the squatter read the truck's
 * declaration and channel, and the owner was locked out of its own truck. At {@code pogranichny}, which no other
 * test books at but the register's.
 */
@QuarkusTest
class PlateTakeoverTest {
    private static final String CHECKPOINT = "pogranichny";

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    private CheckpointServiceBlockingStub as(CallCredentials credentials) {
        return checkpoints.withDeadlineAfter(20, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    private List<SlotWindow> openWindows() {
        Instant from = Instant.now().plus(Duration.ofHours(2));
        return as(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .listSlots(ListSlotsRequest.newBuilder()
                        .setParent("checkpoints/" + CHECKPOINT)
                        .setStartTime(ts(from))
                        .setEndTime(ts(from.plus(Duration.ofDays(7))))
                        .build())
                .getWindowsList()
                .stream()
                .filter(w -> w.getAvailableStandard() > 0)
                .toList();
    }

    private static BookSlotRequest booking(String plate, String carrierId, SlotWindow window) {
        return BookSlotRequest.newBuilder()
                .setParent("checkpoints/" + CHECKPOINT)
                .setRequestId("req-" + UUID.randomUUID())
                .setBooking(Booking.newBuilder()
                        .setWindowStartTime(window.getStartTime())
                        .setDirection(Direction.DIRECTION_EXIT)
                        .setTruck(Truck.newBuilder().setPlate(plate).setCarrierId(carrierId)))
                .build();
    }

    private TruckVisit truckSeenBy(String plate, CallCredentials credentials) {
        return as(credentials)
                .getTruck(GetTruckRequest.newBuilder()
                        .setName("checkpoints/" + CHECKPOINT + "/trucks/" + plate)
                        .build())
                .getTruck();
    }

    private TruckVisit report(CrossingEventType type, Instant at, String plate, String carrierId, String declaration) {
        var event = CrossingFixtures.event(CHECKPOINT, type, at, plate, carrierId);
        if (!declaration.isEmpty()) {
            event.setDeclaration(declaration);
        }
        if (type == CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED) {
            event.setChannel(InspectionChannel.INSPECTION_CHANNEL_RED);
        }
        return as(operator(CHECKPOINT))
                .recordCrossingEvent(
                        RecordCrossingEventRequest.newBuilder().setEvent(event).build())
                .getAck()
                .getTruck();
    }

    @Test
    void aSquatterCannotBookAnotherCarriersTruckNorEverSeeItWhenItArrives() {
        String owner = carrier();
        String squatter = carrier();
        String plate = plate();
        List<SlotWindow> windows = openWindows();
        registerVehicle(checkpoints, owner, plate);

        // the squatter books the owner's plate with its own token: refused, as an unregistered plate is, and audited
        Failure taken = assertFails(
                () -> as(carrierToken(squatter)).bookSlot(booking(plate, squatter, windows.get(0))),
                Status.Code.PERMISSION_DENIED,
                "VEHICLE_NOT_IN_CLAIM");
        Failure invented = assertFails(
                () -> as(carrierToken(squatter)).bookSlot(booking(plate(), squatter, windows.get(0))),
                Status.Code.PERMISSION_DENIED,
                "VEHICLE_NOT_IN_CLAIM");
        assertThat(taken.description()).doesNotContain(owner);
        assertThat(invented.errorInfo().getMetadataMap())
                .isEqualTo(taken.errorInfo().getMetadataMap());
        assertThat(as(TestTokens.as(Roles.AUDITOR))
                        .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                                .setSubject("fleet-" + squatter)
                                .setAction("booking.create")
                                .build())
                        .getAuditRecordsList())
                .hasSize(2)
                .allSatisfy(r -> {
                    assertThat(r.getOutcome()).isEqualTo(AuditOutcome.AUDIT_OUTCOME_REJECTED);
                    assertThat(r.getDetail()).startsWith("VEHICLE_NOT_IN_CLAIM");
                });

        // the squatter's booking made another way (at the border post's kiosk, for its carrier id) ...
        Booking squatted = as(operator(CHECKPOINT))
                .bookSlot(booking(plate, squatter, windows.get(0)))
                .getBooking();
        // ... neither blocks the owner's booking of its own truck nor is named to it
        Booking own = as(carrierToken(owner))
                .bookSlot(booking(plate, owner, windows.get(1)))
                .getBooking();
        assertThat(own.getState()).isEqualTo(BookingState.BOOKING_STATE_BOOKED);

        // the owner's truck arrives, files its declaration and goes into a red-channel inspection
        // (inspection-service's fake decides RED for a declaration id starting with "a")
        String declaration = "declarations/a" + UUID.randomUUID().toString().substring(1);
        Instant now = CrossingFixtures.now().plusSeconds(1); // after the bookings, to the second
        TruckVisit arrived = report(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now, plate, owner, declaration);
        report(CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED, now.plusSeconds(60), plate, owner, "");

        // the arrival joined the owner's booking, never the squatter's, which stays as it was
        assertThat(arrived.getBooking()).isEqualTo(own.getName());
        Booking squattedNow = as(operator(CHECKPOINT))
                .getBooking(GetBookingRequest.newBuilder()
                        .setName(squatted.getName())
                        .build())
                .getBooking();
        assertThat(squattedNow.getState()).isEqualTo(BookingState.BOOKING_STATE_BOOKED);

        // the owner reads its truck; the squatter sees only its own booked visit, without declaration or channel
        TruckVisit ownersView = truckSeenBy(plate, carrierToken(owner));
        assertThat(ownersView.getState()).isEqualTo(TruckState.TRUCK_STATE_IN_INSPECTION);
        assertThat(ownersView.getDeclaration()).isEqualTo(declaration);
        assertThat(ownersView.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_RED);
        TruckVisit squattersView = truckSeenBy(plate, carrierToken(squatter));
        assertThat(squattersView.getState()).isEqualTo(TruckState.TRUCK_STATE_BOOKED);
        assertThat(squattersView.getBooking()).isEqualTo(squatted.getName());
        assertThat(squattersView.getDeclaration()).isEmpty();
        assertThat(squattersView.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED);
        assertThat(squattersView.hasArriveTime()).isFalse();

        // the squatter cancelling its booking ends its own visit, not the owner's inspection
        as(operator(CHECKPOINT))
                .cancelBooking(CancelBookingRequest.newBuilder()
                        .setName(squatted.getName())
                        .build());
        assertThat(truckSeenBy(plate, carrierToken(owner)).getState()).isEqualTo(TruckState.TRUCK_STATE_IN_INSPECTION);
    }

    @Test
    void anArrivalOfAnotherCarrierWithoutABookingStartsAVisitOfItsOwn() {
        String owner = carrier();
        String squatter = carrier();
        String plate = plate();
        List<SlotWindow> windows = openWindows();
        Booking squatted = as(operator(CHECKPOINT))
                .bookSlot(booking(plate, squatter, windows.get(2)))
                .getBooking();

        TruckVisit arrived =
                report(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, CrossingFixtures.now(), plate, owner, "");

        assertThat(arrived.getState()).isEqualTo(TruckState.TRUCK_STATE_WAITING);
        assertThat(arrived.getBooking()).isEmpty();
        assertThat(arrived.hasBookTime()).isFalse();
        assertThat(truckSeenBy(plate, carrierToken(squatter)).getBooking()).isEqualTo(squatted.getName());
        assertThat(truckSeenBy(plate, carrierToken(owner)).getState()).isEqualTo(TruckState.TRUCK_STATE_WAITING);
    }
}
