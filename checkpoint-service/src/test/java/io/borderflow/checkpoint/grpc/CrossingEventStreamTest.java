package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrier;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.customsOfficer;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.event;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.instant;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.operatorAs;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.plate;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.ts;
import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventAck;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.InspectionChannel;
import io.borderflow.api.checkpoint.v1.ListAuditRecordsRequest;
import io.borderflow.api.checkpoint.v1.ListTrucksRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsResponse;
import io.borderflow.api.checkpoint.v1.TruckState;
import io.borderflow.api.checkpoint.v1.TruckVisit;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * StreamCrossingEvents: one acknowledgement per event in the order sent, refusals acknowledged REJECTED without ending
 * the stream, a resent stream answered DUPLICATE, and the visits made of exactly the accepted events. Events go to
 * {@code zhaisan} under a carrier id of the test's own (so ListTrucks filtered by it sees only this test's trucks);
 * {@code syrym} and the unknown {@code atlantis} are only refused.
 */
@QuarkusTest
class CrossingEventStreamTest {
    private static final String CHECKPOINT = "zhaisan";

    /** The async stub cannot be injected; it is built on the injected channel. */
    @GrpcClient
    Channel streams;

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    private final String subject =
            "stream-operator-" + UUID.randomUUID().toString().substring(0, 8);
    private final CallCredentials operator = operatorAs(subject, CHECKPOINT, "atlantis");

    /** What the test expects of one event's acknowledgement. */
    private record Expected(EventOutcome outcome, String reason, List<String> fields) {
        static Expected accepted() {
            return new Expected(EventOutcome.EVENT_OUTCOME_ACCEPTED, "", List.of());
        }

        static Expected rejected(String reason, String... fields) {
            return new Expected(EventOutcome.EVENT_OUTCOME_REJECTED, reason, List.of(fields));
        }
    }

    /** A truck of the scenario: its plate and the state and times its accepted events give it. */
    private record TruckPlan(String plate, TruckState state, List<CrossingEvent> events) {}

    @Test
    void aStreamIsAcknowledgedEventByEventAndResendingItChangesNothing() {
        String carrier = carrier();
        Instant start = CrossingFixtures.now().minus(Duration.ofHours(10));
        List<TruckPlan> trucks = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            trucks.add(plan(i, carrier, start.plus(Duration.ofMinutes(10L * i))));
        }

        // The accepted events, round robin over the trucks (a truck's events in the order they happened, except that
        // trucks 0 and 1 report their clearance before their inspection start: late events placed by time).
        List<CrossingEvent> sent = new ArrayList<>();
        List<Expected> expected = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int t = 0; t < trucks.size(); t++) {
                List<CrossingEvent> events = trucks.get(t).events();
                int index = t <= 1 ? List.of(0, 1, 3, 2).get(round) : round;
                if (index < events.size()) {
                    sent.add(events.get(index));
                    expected.add(Expected.accepted());
                }
            }
        }
        assertThat(sent).hasSize(40);

        // Refusals mixed in; each is refused for what it is, so it is refused again when resent.
        Instant inTheQueue = start.plus(Duration.ofHours(1));
        String strayPlate = plate();
        String syrymPlate = plate();
        insert(
                sent,
                expected,
                3,
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, inTheQueue, "??", carrier),
                Expected.rejected("INVALID_EVENT", "event.truck.plate"));
        insert(
                sent,
                expected,
                9,
                event(
                        CHECKPOINT,
                        CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED,
                        inTheQueue.plus(Duration.ofHours(5)),
                        trucks.get(10).plate(),
                        carrier),
                Expected.rejected("INVALID_EVENT", "event.channel"));
        insert(
                sent,
                expected,
                15,
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, inTheQueue, plate(), carrier)
                        .setEventId("bad")
                        .setOccurTime(ts(Instant.now().plus(Duration.ofHours(2)))),
                Expected.rejected("INVALID_EVENT", "event.event_id", "event.occur_time"));
        insert(
                sent,
                expected,
                21,
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, inTheQueue, strayPlate, carrier),
                Expected.rejected("IMPOSSIBLE_TRANSITION"));
        insert(
                sent,
                expected,
                27,
                event("syrym", CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, inTheQueue, syrymPlate, carrier),
                Expected.rejected("CHECKPOINT_NOT_IN_CLAIM"));
        insert(
                sent,
                expected,
                33,
                event("atlantis", CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, inTheQueue, plate(), carrier),
                Expected.rejected("CHECKPOINT_NOT_FOUND"));
        // After the events they contradict:
        CrossingEvent firstClearance = trucks.get(0).events().get(3);
        sent.add(event(
                        CHECKPOINT,
                        CrossingEventType.CROSSING_EVENT_TYPE_CLEARED,
                        instant(firstClearance.getOccurTime()).plus(Duration.ofMinutes(5)),
                        trucks.get(0).plate(),
                        carrier)
                .build());
        expected.add(Expected.rejected("IMPOSSIBLE_TRANSITION"));
        sent.add(event(
                        CHECKPOINT,
                        CrossingEventType.CROSSING_EVENT_TYPE_NO_SHOW,
                        instant(trucks.get(8).events().get(0).getOccurTime()).plus(Duration.ofMinutes(1)),
                        trucks.get(8).plate(),
                        carrier)
                .build());
        expected.add(Expected.rejected("IMPOSSIBLE_TRANSITION"));
        CrossingEvent secondArrival = trucks.get(1).events().get(0);
        sent.add(secondArrival.toBuilder()
                .setOccurTime(ts(instant(secondArrival.getOccurTime()).minusSeconds(30)))
                .build());
        expected.add(Expected.rejected("EVENT_ID_REUSED"));
        // The same event twice in one stream: the second is a duplicate.
        sent.add(trucks.get(2).events().get(1));
        expected.add(new Expected(EventOutcome.EVENT_OUTCOME_DUPLICATE, "", List.of()));
        assertThat(sent).hasSize(50);

        List<CrossingEventAck> acks = stream(operator, sent);

        assertAcks(sent, acks, expected);
        assertVisits(trucks, carrier);
        assertTruckNotFound(CHECKPOINT, strayPlate);
        assertTruckNotFound("syrym", syrymPlate);
        assertThat(auditedEvents()).as("one audit record per accepted event").hasSize(40);

        List<CrossingEventAck> resent = stream(operator, sent);

        List<Expected> again = expected.stream()
                .map(e -> e.outcome() == EventOutcome.EVENT_OUTCOME_REJECTED
                        ? e
                        : new Expected(EventOutcome.EVENT_OUTCOME_DUPLICATE, "", List.of()))
                .toList();
        assertAcks(sent, resent, again);
        assertVisits(trucks, carrier);
        assertThat(auditedEvents()).as("the resend wrote nothing").hasSize(40);
    }

    @Test
    void aTypeUnknownToThisVersionIsRejectedAndTheStreamGoesOn() {
        String carrier = carrier();
        Instant at = CrossingFixtures.now().minus(Duration.ofHours(1));
        List<CrossingEvent> sent = List.of(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, at, plate(), carrier)
                        .build(),
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, at, plate(), carrier)
                        .setTypeValue(42)
                        .build(),
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, at, plate(), carrier)
                        .build());

        List<CrossingEventAck> acks = stream(operator, sent);

        assertAcks(
                sent,
                acks,
                List.of(Expected.accepted(), Expected.rejected("INVALID_EVENT", "event.type"), Expected.accepted()));
    }

    @Test
    void anEmptyStreamEndsWithoutAcknowledgements() {
        assertThat(stream(operator, List.of())).isEmpty();
    }

    @Test
    void onlyBorderOperatorsMayStream() {
        CrossingEvent arrival = event(
                        CHECKPOINT,
                        CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                        CrossingFixtures.now().minus(Duration.ofHours(1)),
                        plate(),
                        carrier())
                .build();

        for (CallCredentials caller : List.of(
                customsOfficer(), CrossingFixtures.carrierToken(carrier()), TestTokens.as(Roles.FREIGHT_PLATFORM))) {
            assertThat(streamFailure(caller, List.of(arrival)).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        assertThat(streamFailure(null, List.of(arrival)).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertTruckNotFound(CHECKPOINT, arrival.getTruck().getPlate());
    }

    // --- the scenario ---

    /**
     * Truck {@code i} of the scenario, whose visit starts at {@code start}: 0-4 cleared after a GREEN inspection, 5-7
     * booked and called forward, 8-9 in a RED inspection, 10-11 waiting, 12 booked, 13 booked and cancelled, 14
     * redirected.
     */
    /**
     * Border posts streaming at once, each a backlog sent without waiting for acknowledgements: their events share
     * write groups, yet every stream is acknowledged in its own order and every truck's events are placed in the
     * order its stream sent them (ARRIVED, CALLED_FORWARD and CLEARED back to back, often in one group).
     */
    @Test
    void streamsAtOnceAreEachAcknowledgedInOrderAndEveryTruckKeepsItsOrder() throws Exception {
        String carrier = carrier();
        Instant start = CrossingFixtures.now().minus(Duration.ofHours(8));
        int streamCount = 6;
        int trucksPerStream = 20;
        List<List<CrossingEvent>> perStream = new ArrayList<>();
        List<String> plates = new ArrayList<>();
        for (int s = 0; s < streamCount; s++) {
            List<CrossingEvent> events = new ArrayList<>();
            for (int t = 0; t < trucksPerStream; t++) {
                String plate = plate();
                plates.add(plate);
                Instant arrived = start.plus(Duration.ofMinutes(s * trucksPerStream + t));
                events.add(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, arrived, plate, carrier)
                        .build());
                events.add(event(
                                CHECKPOINT,
                                CrossingEventType.CROSSING_EVENT_TYPE_CALLED_FORWARD,
                                arrived.plus(Duration.ofHours(2)),
                                plate,
                                carrier)
                        .build());
                events.add(event(
                                CHECKPOINT,
                                CrossingEventType.CROSSING_EVENT_TYPE_CLEARED,
                                arrived.plus(Duration.ofHours(3)),
                                plate,
                                carrier)
                        .build());
            }
            perStream.add(events);
        }

        List<Result> results = callAtOnce(operator, perStream);

        for (int s = 0; s < streamCount; s++) {
            Result result = results.get(s);
            assertThat(result.failure()).as("stream %d ends normally", s).isNull();
            assertThat(result.acks())
                    .extracting(CrossingEventAck::getEventId)
                    .as("stream %d acknowledged event by event, in order", s)
                    .containsExactlyElementsOf(perStream.get(s).stream()
                            .map(CrossingEvent::getEventId)
                            .toList());
            assertThat(result.acks())
                    .extracting(CrossingEventAck::getOutcome)
                    .containsOnly(EventOutcome.EVENT_OUTCOME_ACCEPTED);
        }
        for (String plate : plates) {
            assertThat(getTruck(CHECKPOINT, plate).getState()).as(plate).isEqualTo(TruckState.TRUCK_STATE_CLEARED);
        }
    }

    /** Sends each list on a stream of its own, all at once; the results in the same order. */
    private List<Result> callAtOnce(CallCredentials caller, List<List<CrossingEvent>> perStream) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(perStream.size());
        try {
            List<java.util.concurrent.Future<Result>> running = new ArrayList<>();
            for (List<CrossingEvent> events : perStream) {
                running.add(pool.submit(() -> call(caller, events)));
            }
            List<Result> results = new ArrayList<>();
            for (java.util.concurrent.Future<Result> result : running) {
                results.add(result.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static TruckPlan plan(int i, String carrier, Instant start) {
        String plate = plate();
        List<CrossingEvent> events = new ArrayList<>();
        TruckState state;
        Instant at = start;
        if (i <= 4) {
            events.add(at(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, at, plate, carrier)
                    .build());
            events.add(at(
                            CrossingEventType.CROSSING_EVENT_TYPE_CALLED_FORWARD,
                            at.plus(Duration.ofHours(2)),
                            plate,
                            carrier)
                    .build());
            events.add(at(
                            CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED,
                            at.plus(Duration.ofHours(3)),
                            plate,
                            carrier)
                    .setChannel(InspectionChannel.INSPECTION_CHANNEL_GREEN)
                    .build());
            events.add(at(CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, at.plus(Duration.ofHours(4)), plate, carrier)
                    .build());
            state = TruckState.TRUCK_STATE_CLEARED;
        } else if (i <= 7) {
            events.add(at(CrossingEventType.CROSSING_EVENT_TYPE_BOOKED, at, plate, carrier)
                    .build());
            events.add(at(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, at.plus(Duration.ofHours(1)), plate, carrier)
                    .build());
            events.add(at(
                            CrossingEventType.CROSSING_EVENT_TYPE_CALLED_FORWARD,
                            at.plus(Duration.ofHours(6)),
                            plate,
                            carrier)
                    .build());
            state = TruckState.TRUCK_STATE_CALLED;
        } else if (i <= 9) {
            events.add(at(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, at, plate, carrier)
                    .build());
            events.add(at(
                            CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED,
                            at.plus(Duration.ofHours(7)),
                            plate,
                            carrier)
                    .setChannel(InspectionChannel.INSPECTION_CHANNEL_RED)
                    .build());
            state = TruckState.TRUCK_STATE_IN_INSPECTION;
        } else if (i <= 11) {
            events.add(at(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, at, plate, carrier)
                    .build());
            state = TruckState.TRUCK_STATE_WAITING;
        } else if (i == 12) {
            events.add(at(CrossingEventType.CROSSING_EVENT_TYPE_BOOKED, at, plate, carrier)
                    .build());
            state = TruckState.TRUCK_STATE_BOOKED;
        } else if (i == 13) {
            events.add(at(CrossingEventType.CROSSING_EVENT_TYPE_BOOKED, at, plate, carrier)
                    .build());
            events.add(at(CrossingEventType.CROSSING_EVENT_TYPE_CANCELLED, at.plus(Duration.ofHours(1)), plate, carrier)
                    .setReason("booking withdrawn")
                    .build());
            state = TruckState.TRUCK_STATE_CANCELLED;
        } else {
            events.add(at(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, at, plate, carrier)
                    .build());
            events.add(
                    at(CrossingEventType.CROSSING_EVENT_TYPE_REDIRECTED, at.plus(Duration.ofHours(2)), plate, carrier)
                            .setReason("sent to Syrym")
                            .build());
            state = TruckState.TRUCK_STATE_REDIRECTED;
        }
        return new TruckPlan(plate, state, events);
    }

    private static CrossingEvent.Builder at(CrossingEventType type, Instant at, String plate, String carrier) {
        return event(CHECKPOINT, type, at, plate, carrier);
    }

    private static void insert(
            List<CrossingEvent> sent,
            List<Expected> expected,
            int index,
            CrossingEvent.Builder event,
            Expected outcome) {
        sent.add(index, event.build());
        expected.add(index, outcome);
    }

    // --- checks ---

    private static void assertAcks(List<CrossingEvent> sent, List<CrossingEventAck> acks, List<Expected> expected) {
        assertThat(acks).as("one acknowledgement per event").hasSameSizeAs(sent);
        for (int i = 0; i < sent.size(); i++) {
            CrossingEvent event = sent.get(i);
            CrossingEventAck ack = acks.get(i);
            Expected want = expected.get(i);
            assertThat(ack.getEventId()).as("ack %d comes in the order sent", i).isEqualTo(event.getEventId());
            assertThat(ack.getOutcome()).as("ack %d: %s", i, ack).isEqualTo(want.outcome());
            assertThat(ack.getReason()).as("ack %d reason", i).isEqualTo(want.reason());
            assertThat(ack.getFieldsList()).as("ack %d fields", i).isEqualTo(want.fields());
            if (want.outcome() == EventOutcome.EVENT_OUTCOME_REJECTED) {
                assertThat(ack.getDescription()).as("ack %d says why", i).isNotBlank();
                assertThat(ack.hasTruck()).isFalse();
            } else {
                assertThat(ack.getDescription()).isEmpty();
                assertThat(ack.getTruck().getName())
                        .isEqualTo(
                                "checkpoints/zhaisan/trucks/" + event.getTruck().getPlate());
            }
        }
    }

    /** Every truck's visit is made of its accepted events; ListTrucks of the carrier shows the open ones. */
    private void assertVisits(List<TruckPlan> trucks, String carrier) {
        Map<String, TruckState> open = new LinkedHashMap<>();
        for (TruckPlan truck : trucks) {
            TruckVisit visit = getTruck(CHECKPOINT, truck.plate());
            assertThat(visit.getState()).as(truck.plate()).isEqualTo(truck.state());
            assertThat(visit.getTruck().getCarrierId()).isEqualTo(carrier);
            for (CrossingEvent event : truck.events()) {
                Instant at = instant(event.getOccurTime());
                switch (event.getType()) {
                    case CROSSING_EVENT_TYPE_BOOKED ->
                        assertThat(instant(visit.getBookTime())).isEqualTo(at);
                    case CROSSING_EVENT_TYPE_ARRIVED ->
                        assertThat(instant(visit.getArriveTime())).isEqualTo(at);
                    case CROSSING_EVENT_TYPE_CALLED_FORWARD ->
                        assertThat(instant(visit.getCallTime())).isEqualTo(at);
                    case CROSSING_EVENT_TYPE_INSPECTION_STARTED -> {
                        assertThat(instant(visit.getInspectionStartTime())).isEqualTo(at);
                        assertThat(visit.getChannel()).isEqualTo(event.getChannel());
                    }
                    default -> {
                        assertThat(instant(visit.getEndTime())).isEqualTo(at);
                        assertThat(visit.getEndReason()).isEqualTo(event.getReason());
                    }
                }
            }
            if (truck.events().stream()
                    .noneMatch(e -> e.getType().getNumber() >= CrossingEventType.CROSSING_EVENT_TYPE_CLEARED_VALUE)) {
                assertThat(visit.hasEndTime())
                        .as("%s has not left", truck.plate())
                        .isFalse();
                open.put(truck.plate(), truck.state());
            }
        }
        List<TruckVisit> listed = checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(customsOfficer())
                .listTrucks(ListTrucksRequest.newBuilder()
                        .setParent("checkpoints/" + CHECKPOINT)
                        .setCarrierId(carrier)
                        .setPageSize(500)
                        .build())
                .getTrucksList();
        Map<String, TruckState> listedStates = new LinkedHashMap<>();
        listed.forEach(v -> listedStates.put(v.getTruck().getPlate(), v.getState()));
        assertThat(listedStates).as("the open visits, and only those").containsExactlyInAnyOrderEntriesOf(open);
        assertThat(open).hasSize(8);
    }

    private TruckVisit getTruck(String checkpointId, String plate) {
        return checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(customsOfficer())
                .getTruck(GetTruckRequest.newBuilder()
                        .setName("checkpoints/" + checkpointId + "/trucks/" + plate)
                        .build())
                .getTruck();
    }

    private void assertTruckNotFound(String checkpointId, String plate) {
        assertFails(() -> getTruck(checkpointId, plate), Status.Code.NOT_FOUND, "TRUCK_NOT_FOUND");
    }

    /** Audit records of the accepted events (refusals are recorded too, with outcome REJECTED). */
    private List<?> auditedEvents() {
        return checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(TestTokens.as(Roles.AUDITOR))
                .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                        .setSubject(subject)
                        .setAction("crossing-event.record")
                        .setPageSize(500)
                        .build())
                .getAuditRecordsList()
                .stream()
                .filter(r -> r.getOutcome() == io.borderflow.api.common.v1.AuditOutcome.AUDIT_OUTCOME_SUCCEEDED)
                .toList();
    }

    // --- the stream client ---

    /** Sends the events on one stream, half-closes, and returns the acknowledgements once the server ends the stream. */
    private List<CrossingEventAck> stream(CallCredentials caller, List<CrossingEvent> events) {
        Result result = call(caller, events);
        assertThat(result.failure()).as("the stream ends normally").isNull();
        return result.acks();
    }

    private Status streamFailure(CallCredentials caller, List<CrossingEvent> events) {
        Result result = call(caller, events);
        assertThat(result.failure()).as("the stream fails").isNotNull();
        assertThat(result.acks()).isEmpty();
        return Status.fromThrowable(result.failure());
    }

    private record Result(List<CrossingEventAck> acks, Throwable failure) {}

    private Result call(CallCredentials caller, List<CrossingEvent> events) {
        List<CrossingEventAck> acks = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        CheckpointServiceGrpc.CheckpointServiceStub stub =
                CheckpointServiceGrpc.newStub(streams).withDeadlineAfter(60, TimeUnit.SECONDS);
        if (caller != null) {
            stub = stub.withCallCredentials(caller);
        }
        StreamObserver<StreamCrossingEventsRequest> requests = stub.streamCrossingEvents(new StreamObserver<>() {
            @Override
            public void onNext(StreamCrossingEventsResponse response) {
                acks.add(response.getAck());
            }

            @Override
            public void onError(Throwable t) {
                failure.set(t);
                done.countDown();
            }

            @Override
            public void onCompleted() {
                done.countDown();
            }
        });
        for (CrossingEvent event : events) {
            requests.onNext(
                    StreamCrossingEventsRequest.newBuilder().setEvent(event).build());
        }
        requests.onCompleted();
        try {
            assertThat(done.await(90, TimeUnit.SECONDS)).as("the stream ends").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return new Result(List.copyOf(acks), failure.get());
    }
}
