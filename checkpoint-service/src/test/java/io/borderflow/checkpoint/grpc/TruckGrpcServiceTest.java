package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrier;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrierToken;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.customsOfficer;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.duration;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.operator;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.plate;
import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.InspectionChannel;
import io.borderflow.api.checkpoint.v1.LaneKind;
import io.borderflow.api.checkpoint.v1.ListTrucksRequest;
import io.borderflow.api.checkpoint.v1.ListTrucksResponse;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.TruckState;
import io.borderflow.api.checkpoint.v1.TruckVisit;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GetTruck and ListTrucks over a known queue at {@code kairak}, which no other test writes to. Before each test every
 * open visit there is cancelled (a rerun on the same database starts from an empty queue too) and this queue is
 * recorded, in queue order (arrival, then plate):
 *
 * <pre>
 *   truck     carrier  events (minutes before now)             state          trucks ahead
 *   first     A        arrived -50                             WAITING        0
 *   tieLow    B        arrived -40                             WAITING        1  (same arrival: plate decides)
 *   tieHigh   A        arrived -40                             WAITING        2
 *   priority  A        arrived -35 in the priority queue       WAITING        0  (a queue of its own)
 *   called    B        arrived -30, called forward -10         CALLED         3
 *   inspected B        arrived -20, inspection started -5      IN_INSPECTION  unset
 *   bookedLow/bookedHigh  one of each carrier, booked -60/-120  BOOKED         unset (last, by plate)
 *   gone      A        arrived -45, cleared -15                CLEARED        (not listed)
 * </pre>
 */
@QuarkusTest
class TruckGrpcServiceTest {
    private static final String CHECKPOINT = "kairak";
    private static final String PARENT = "checkpoints/" + CHECKPOINT;

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    private final CallCredentials operator = operator(CHECKPOINT);
    private final String carrierA = carrier();
    private final String carrierB = carrier();
    private String first;
    private String tieLow;
    private String tieHigh;
    private String priority;
    private String called;
    private String inspected;
    private String bookedLow;
    private String bookedHigh;
    private String gone;
    private Instant now;

    @BeforeEach
    void recordTheQueue() {
        cancelEveryOpenVisit();
        now = CrossingFixtures.now();
        first = plate();
        List<String> tie = sorted(plate(), plate());
        tieLow = tie.get(0);
        tieHigh = tie.get(1);
        priority = plate();
        called = plate();
        inspected = plate();
        List<String> booked = sorted(plate(), plate());
        bookedLow = booked.get(0);
        bookedHigh = booked.get(1);
        gone = plate();

        record(first, carrierA, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, 50);
        record(tieHigh, carrierA, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, 40);
        record(tieLow, carrierB, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, 40);
        record(event(priority, carrierA, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, 35)
                .setLaneKind(LaneKind.LANE_KIND_PRIORITY));
        record(called, carrierB, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, 30);
        record(called, carrierB, CrossingEventType.CROSSING_EVENT_TYPE_CALLED_FORWARD, 10);
        record(inspected, carrierB, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, 20);
        record(event(inspected, carrierB, CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED, 5)
                .setChannel(InspectionChannel.INSPECTION_CHANNEL_YELLOW));
        record(bookedLow, carrierA, CrossingEventType.CROSSING_EVENT_TYPE_BOOKED, 60);
        record(bookedHigh, carrierB, CrossingEventType.CROSSING_EVENT_TYPE_BOOKED, 120);
        record(gone, carrierA, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, 45);
        record(gone, carrierA, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, 15);
    }

    @Test
    void theQueueIsListedInOrderWithEachTrucksPlace() {
        List<TruckVisit> trucks = list(
                        customsOfficer(), ListTrucksRequest.newBuilder().setPageSize(500))
                .getTrucksList();

        assertThat(plates(trucks))
                .containsExactly(first, tieLow, tieHigh, priority, called, inspected, bookedLow, bookedHigh);
        assertThat(trucks)
                .extracting(TruckVisit::getState)
                .containsExactly(
                        TruckState.TRUCK_STATE_WAITING,
                        TruckState.TRUCK_STATE_WAITING,
                        TruckState.TRUCK_STATE_WAITING,
                        TruckState.TRUCK_STATE_WAITING,
                        TruckState.TRUCK_STATE_CALLED,
                        TruckState.TRUCK_STATE_IN_INSPECTION,
                        TruckState.TRUCK_STATE_BOOKED,
                        TruckState.TRUCK_STATE_BOOKED);
        assertThat(trucks.subList(0, 5)).extracting(TruckVisit::getTrucksAhead).containsExactly(0, 1, 2, 0, 3);
        assertThat(trucks.subList(5, 8)).allSatisfy(t -> {
            assertThat(t.getTrucksAhead()).isZero();
            assertThat(t.hasEstimatedWait()).as("not queued: no estimate").isFalse();
        });

        // A queued truck's wait is the trucks ahead of it in its direction at that direction's clearance rate
        // (always open); these trucks all leave the country.
        double perHour = checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(customsOfficer())
                .getCheckpointStatus(GetCheckpointStatusRequest.newBuilder()
                        .setName(PARENT + "/status")
                        .build())
                .getStatus()
                .getDirectionsList()
                .stream()
                .filter(d -> d.getDirection() == io.borderflow.api.checkpoint.v1.Direction.DIRECTION_EXIT)
                .findFirst()
                .orElseThrow()
                .getClearancesPerOpenHour();
        assertThat(perHour).isPositive();
        for (TruckVisit truck : trucks.subList(0, 5)) {
            assertThat(truck.hasEstimatedWait()).as(truck.getName()).isTrue();
            assertThat(duration(truck.getEstimatedWait()).toMillis() / 1000.0)
                    .as(truck.getName())
                    .isCloseTo(truck.getTrucksAhead() / perHour * 3600, within(1.0));
        }
        assertThat(duration(trucks.get(0).getEstimatedWait()))
                .as("next in line")
                .isZero();
    }

    @Test
    void getTruckAnswersTheSamePlaceAsTheList() {
        List<TruckVisit> listed = list(
                        customsOfficer(), ListTrucksRequest.newBuilder().setPageSize(500))
                .getTrucksList();

        for (TruckVisit truck : listed) {
            String plate = truck.getTruck().getPlate();
            TruckVisit got = getTruck(customsOfficer(), plate);
            assertThat(got.getName()).isEqualTo(PARENT + "/trucks/" + plate);
            assertThat(got.getState()).isEqualTo(truck.getState());
            assertThat(got.getTrucksAhead()).as(plate).isEqualTo(truck.getTrucksAhead());
            assertThat(got.hasEstimatedWait()).isEqualTo(truck.hasEstimatedWait());
        }
        TruckVisit lowerCase =
                getTruck(customsOfficer(), tieHigh.substring(0, 3).toLowerCase() + " " + tieHigh.substring(3));
        assertThat(lowerCase.getName())
                .as("the plate compared without case and spaces")
                .isEqualTo(PARENT + "/trucks/" + tieHigh);
        assertThat(lowerCase.getTrucksAhead()).isEqualTo(2);
    }

    @Test
    void aTruckThatLeftIsReadButNotListed() {
        TruckVisit visit = getTruck(customsOfficer(), gone);

        assertThat(visit.getState()).isEqualTo(TruckState.TRUCK_STATE_CLEARED);
        assertThat(visit.hasEstimatedWait()).isFalse();
        assertThat(visit.getTrucksAhead()).isZero();
        assertThat(plates(list(customsOfficer(), ListTrucksRequest.newBuilder().setPageSize(500))
                        .getTrucksList()))
                .doesNotContain(gone);
    }

    @Test
    void aTruckCalledForwardIsNoLongerAheadOfTheWaitingOnes() {
        // Arrived after `called` (-30), which was called forward at -10: ahead of it wait first, tieLow and tieHigh.
        String late = plate();
        record(late, carrierB, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, 25);

        TruckVisit visit = getTruck(customsOfficer(), late);

        assertThat(visit.getState()).isEqualTo(TruckState.TRUCK_STATE_WAITING);
        assertThat(visit.getTrucksAhead())
                .as("trucks_ahead: arrived earlier, not yet called or inspected")
                .isEqualTo(3);
    }

    @Test
    void everyPageSizeWalksTheQueueOnceInOrder() {
        List<String> all =
                plates(list(customsOfficer(), ListTrucksRequest.newBuilder().setPageSize(500))
                        .getTrucksList());
        assertThat(all).hasSize(8);

        for (int size = 1; size <= 9; size++) {
            List<String> walked = new ArrayList<>();
            String token = "";
            int pages = 0;
            do {
                ListTrucksResponse page = list(
                        customsOfficer(),
                        ListTrucksRequest.newBuilder().setPageSize(size).setPageToken(token));
                assertThat(page.getTrucksCount()).as("page size %d", size).isBetween(1, size);
                walked.addAll(plates(page.getTrucksList()));
                token = page.getNextPageToken();
                pages++;
            } while (!token.isEmpty() && pages < 20);
            assertThat(walked).as("page size %d", size).isEqualTo(all);
            assertThat(pages).as("page size %d", size).isEqualTo((all.size() + size - 1) / size);
        }
    }

    @Test
    void pagesOfTwoCarryTheirTokens() {
        ListTrucksResponse first =
                list(customsOfficer(), ListTrucksRequest.newBuilder().setPageSize(2));
        ListTrucksResponse second = list(
                customsOfficer(), ListTrucksRequest.newBuilder().setPageSize(2).setPageToken(first.getNextPageToken()));
        ListTrucksResponse third = list(
                customsOfficer(),
                ListTrucksRequest.newBuilder().setPageSize(2).setPageToken(second.getNextPageToken()));
        ListTrucksResponse fourth = list(
                customsOfficer(), ListTrucksRequest.newBuilder().setPageSize(2).setPageToken(third.getNextPageToken()));

        assertThat(plates(first.getTrucksList())).containsExactly(this.first, tieLow);
        assertThat(plates(second.getTrucksList())).containsExactly(tieHigh, priority);
        assertThat(second.getTrucksList())
                .extracting(TruckVisit::getTrucksAhead)
                .containsExactly(2, 0);
        assertThat(plates(third.getTrucksList())).containsExactly(called, inspected);
        assertThat(plates(fourth.getTrucksList())).containsExactly(bookedLow, bookedHigh);
        assertThat(List.of(first.getNextPageToken(), second.getNextPageToken(), third.getNextPageToken()))
                .allSatisfy(token -> assertThat(token).isNotEmpty());
        assertThat(fourth.getNextPageToken()).as("the last page").isEmpty();
    }

    @Test
    void aPageTokenBelongsToItsFilters() {
        String token = list(customsOfficer(), ListTrucksRequest.newBuilder().setPageSize(1))
                .getNextPageToken();
        assertThat(token).isNotEmpty();

        var otherState = assertFails(
                () -> list(
                        customsOfficer(),
                        ListTrucksRequest.newBuilder()
                                .setPageSize(1)
                                .setPageToken(token)
                                .setState(TruckState.TRUCK_STATE_WAITING)),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PAGE_TOKEN");
        assertThat(otherState.badFields()).containsExactly("page_token");
        assertFails(
                () -> list(
                        customsOfficer(),
                        ListTrucksRequest.newBuilder().setPageSize(1).setPageToken("garbage!")),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PAGE_TOKEN");
    }

    @Test
    void theStateFilterKeepsOneOpenState() {
        assertThat(plates(listIn(TruckState.TRUCK_STATE_WAITING))).containsExactly(first, tieLow, tieHigh, priority);
        assertThat(plates(listIn(TruckState.TRUCK_STATE_CALLED))).containsExactly(called);
        assertThat(plates(listIn(TruckState.TRUCK_STATE_IN_INSPECTION))).containsExactly(inspected);
        assertThat(plates(listIn(TruckState.TRUCK_STATE_BOOKED))).containsExactly(bookedLow, bookedHigh);
        for (TruckState closed : List.of(TruckState.TRUCK_STATE_CLEARED, TruckState.TRUCK_STATE_CANCELLED)) {
            var failure = assertFails(() -> listIn(closed), Status.Code.INVALID_ARGUMENT, "INVALID_STATE");
            assertThat(failure.badFields()).containsExactly("state");
        }
    }

    @Test
    void theCarrierFilterKeepsOneCarrier() {
        assertThat(plates(list(customsOfficer(), ListTrucksRequest.newBuilder().setCarrierId(carrierB))
                        .getTrucksList()))
                .containsExactly(tieLow, called, inspected, bookedHigh);
    }

    @Test
    void aCarrierListsOnlyItsOwnTrucksWithTheirPlaceInTheWholeQueue() {
        CallCredentials carrier = carrierToken(carrierA);

        List<TruckVisit> own = list(carrier, ListTrucksRequest.newBuilder()).getTrucksList();
        List<TruckVisit> askingForOthers = list(
                        carrier, ListTrucksRequest.newBuilder().setCarrierId(carrierB))
                .getTrucksList();

        assertThat(plates(own)).containsExactly(first, tieHigh, priority, bookedLow);
        assertThat(own).extracting(v -> v.getTruck().getCarrierId()).containsOnly(carrierA);
        assertThat(own.subList(0, 3))
                .extracting(TruckVisit::getTrucksAhead)
                .as("counted over every carrier's trucks")
                .containsExactly(0, 2, 0);
        assertThat(askingForOthers).as("a carrier always gets its own").isEqualTo(own);
    }

    @Test
    void aCarrierPagesThroughItsOwnTrucks() {
        CallCredentials carrier = carrierToken(carrierA);

        ListTrucksResponse page1 = list(carrier, ListTrucksRequest.newBuilder().setPageSize(2));
        ListTrucksResponse page2 =
                list(carrier, ListTrucksRequest.newBuilder().setPageSize(2).setPageToken(page1.getNextPageToken()));
        assertThat(plates(page1.getTrucksList())).containsExactly(first, tieHigh);
        assertThat(plates(page2.getTrucksList())).containsExactly(priority, bookedLow);
        assertThat(page2.getNextPageToken()).isEmpty();
    }

    @Test
    void aCarrierReadsItsOwnTrucksOnly() {
        CallCredentials carrier = carrierToken(carrierA);

        assertThat(getTruck(carrier, tieHigh).getTrucksAhead()).isEqualTo(2);
        assertThat(getTruck(carrier, gone).getState()).isEqualTo(TruckState.TRUCK_STATE_CLEARED);
        assertFails(() -> getTruck(carrier, tieLow), Status.Code.PERMISSION_DENIED, "TRUCK_NOT_IN_CLAIM");
        assertFails(() -> getTruck(carrier, plate()), Status.Code.PERMISSION_DENIED, "TRUCK_NOT_IN_CLAIM");
        assertFails(() -> getTruck(customsOfficer(), plate()), Status.Code.NOT_FOUND, "TRUCK_NOT_FOUND");
        assertFails(() -> getTruck(operator, plate()), Status.Code.NOT_FOUND, "TRUCK_NOT_FOUND");
    }

    @Test
    void aCarrierTokenWithoutACarrierIdReadsNothing() {
        CallCredentials anonymousCarrier = TestTokens.as(Roles.CARRIER);
        assertFails(() -> getTruck(anonymousCarrier, first), Status.Code.PERMISSION_DENIED, "TRUCK_NOT_IN_CLAIM");
        assertFails(
                () -> list(anonymousCarrier, ListTrucksRequest.newBuilder()),
                Status.Code.PERMISSION_DENIED,
                "TRUCK_NOT_IN_CLAIM");
    }

    @Test
    void aBorderOperatorReadsOnlyItsOwnCheckpoints() {
        assertThat(getTruck(operator, first).getTrucksAhead()).isZero();
        assertThat(plates(list(operator, ListTrucksRequest.newBuilder()).getTrucksList()))
                .hasSize(8);

        CallCredentials elsewhere = operator("zhaisan");
        assertFails(() -> getTruck(elsewhere, first), Status.Code.PERMISSION_DENIED, "TRUCK_NOT_IN_CLAIM");
        assertFails(() -> getTruck(elsewhere, plate()), Status.Code.PERMISSION_DENIED, "TRUCK_NOT_IN_CLAIM");
        assertFails(
                () -> list(elsewhere, ListTrucksRequest.newBuilder()),
                Status.Code.PERMISSION_DENIED,
                "TRUCK_NOT_IN_CLAIM");
    }

    @Test
    void otherRolesMayNotReadTrucks() {
        for (String role : List.of(Roles.FREIGHT_PLATFORM, Roles.AUDITOR, Roles.RISK_ANALYST)) {
            Throwable get = catchThrowable(() -> getTruck(TestTokens.as(role), first));
            Throwable list = catchThrowable(() -> list(TestTokens.as(role), ListTrucksRequest.newBuilder()));
            assertThat(Status.fromThrowable(get).getCode()).as(role).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(Status.fromThrowable(list).getCode()).as(role).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        Throwable anonymous = catchThrowable(() -> checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getTruck(GetTruckRequest.newBuilder()
                        .setName(PARENT + "/trucks/" + first)
                        .build()));
        assertThat(Status.fromThrowable(anonymous).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                "checkpoints/kairak",
                "checkpoints/kairak/trucks/",
                "checkpoints/kairak/trucks/A",
                "checkpoints/kairak/trucks/AB/12",
                "kairak/trucks/AB12",
                "checkpoints/Kairak/trucks/AB12",
                "checkpoints/kairak/trucks/ABCDEFGH123456789"
            })
    void aMalformedTruckNameIsInvalid(String name) {
        var failure = assertFails(
                () -> checkpoints
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withCallCredentials(customsOfficer())
                        .getTruck(GetTruckRequest.newBuilder().setName(name).build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_NAME");
        assertThat(failure.badFields()).containsExactly("name");
    }

    @Test
    void anUnknownCheckpointHasNoTrucks() {
        assertFails(
                () -> checkpoints
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withCallCredentials(customsOfficer())
                        .getTruck(GetTruckRequest.newBuilder()
                                .setName("checkpoints/atlantis/trucks/AB12")
                                .build()),
                Status.Code.NOT_FOUND,
                "CHECKPOINT_NOT_FOUND");
        assertFails(
                () -> checkpoints
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withCallCredentials(customsOfficer())
                        .listTrucks(ListTrucksRequest.newBuilder()
                                .setParent("checkpoints/atlantis")
                                .build()),
                Status.Code.NOT_FOUND,
                "CHECKPOINT_NOT_FOUND");
        var malformed = assertFails(
                () -> checkpoints
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withCallCredentials(customsOfficer())
                        .listTrucks(ListTrucksRequest.newBuilder()
                                .setParent("kairak")
                                .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_NAME");
        assertThat(malformed.badFields()).containsExactly("parent");
    }

    // --- helpers ---

    /** Cancels every open visit at the checkpoint, so that the queue the test records is the whole queue. */
    private void cancelEveryOpenVisit() {
        Instant at = CrossingFixtures.now();
        String token = "";
        List<TruckVisit> open = new ArrayList<>();
        do {
            ListTrucksResponse page = list(
                    customsOfficer(),
                    ListTrucksRequest.newBuilder().setPageSize(500).setPageToken(token));
            open.addAll(page.getTrucksList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        for (TruckVisit visit : open) {
            record(CrossingFixtures.event(
                            CHECKPOINT,
                            CrossingEventType.CROSSING_EVENT_TYPE_CANCELLED,
                            at,
                            visit.getTruck().getPlate(),
                            visit.getTruck().getCarrierId())
                    .setDirection(visit.getDirection()));
        }
    }

    private CrossingEvent.Builder event(String plate, String carrier, CrossingEventType type, int minutesAgo) {
        return CrossingFixtures.event(CHECKPOINT, type, now.minus(Duration.ofMinutes(minutesAgo)), plate, carrier);
    }

    private void record(String plate, String carrier, CrossingEventType type, int minutesAgo) {
        record(event(plate, carrier, type, minutesAgo));
    }

    private void record(CrossingEvent.Builder event) {
        var ack = checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(operator)
                .recordCrossingEvent(
                        RecordCrossingEventRequest.newBuilder().setEvent(event).build())
                .getAck();
        assertThat(ack.getOutcome()).as("%s", event).isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED);
    }

    private ListTrucksResponse list(CallCredentials caller, ListTrucksRequest.Builder request) {
        return checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(caller)
                .listTrucks(request.setParent(PARENT).build());
    }

    private List<TruckVisit> listIn(TruckState state) {
        return list(customsOfficer(), ListTrucksRequest.newBuilder().setState(state))
                .getTrucksList();
    }

    private TruckVisit getTruck(CallCredentials caller, String plate) {
        return checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(caller)
                .getTruck(GetTruckRequest.newBuilder()
                        .setName(PARENT + "/trucks/" + plate)
                        .build())
                .getTruck();
    }

    private static List<String> plates(List<TruckVisit> trucks) {
        return trucks.stream().map(t -> t.getTruck().getPlate()).toList();
    }

    private static List<String> sorted(String a, String b) {
        return a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
    }
}
