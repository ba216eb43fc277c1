package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrier;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrierToken;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.customsOfficer;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.duration;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.event;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.instant;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.operator;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.operatorAs;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.plate;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.ts;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.withoutQueueFigures;
import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventAck;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.InspectionChannel;
import io.borderflow.api.checkpoint.v1.LaneKind;
import io.borderflow.api.checkpoint.v1.ListAuditRecordsRequest;
import io.borderflow.api.checkpoint.v1.ListTrucksRequest;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.TruckState;
import io.borderflow.api.checkpoint.v1.TruckVisit;
import io.borderflow.api.common.v1.AuditOutcome;
import io.borderflow.api.common.v1.AuditRecord;
import io.borderflow.support.security.Roles;
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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RecordCrossingEvent, read back through GetTruck. Events go to {@code zhaisan} (trucks of their own, so the tests
 * neither see nor disturb other tests' trucks); {@code syrym} and the unknown {@code atlantis} are only refused.
 */
@QuarkusTest
class CrossingEventGrpcServiceTest {
    private static final String CHECKPOINT = "zhaisan";
    private static final Duration HOUR = Duration.ofHours(1);

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    private final String subject = "operator-" + UUID.randomUUID().toString().substring(0, 8);
    private final CallCredentials operator = operatorAs(subject, CHECKPOINT);

    // --- accepted events and what they make of the visit ---

    @Test
    void aVisitGoesFromBookingToClearanceAndEveryStepReadsBack() {
        String plate = plate();
        String written = plate.substring(0, 4).toLowerCase() + " " + plate.substring(4, 6) + "-" + plate.substring(6);
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        Instant booked = now.minus(HOUR.multipliedBy(5));
        Instant arrived = now.minus(HOUR.multipliedBy(4));
        Instant called = now.minus(HOUR.multipliedBy(3));
        Instant inspected = now.minus(HOUR.multipliedBy(2));
        Instant cleared = now.minus(HOUR);

        TruckVisit visit =
                accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_BOOKED, booked, written, carrier)
                        .setDirection(Direction.DIRECTION_ENTRY));
        assertThat(visit.getName()).isEqualTo("checkpoints/zhaisan/trucks/" + plate);
        assertThat(visit.getTruck().getPlate()).as("the plate as written").isEqualTo(written);
        assertThat(visit.getTruck().getCarrierId()).isEqualTo(carrier);
        assertThat(visit.getState()).isEqualTo(TruckState.TRUCK_STATE_BOOKED);
        assertThat(visit.getDirection()).isEqualTo(Direction.DIRECTION_ENTRY);
        assertThat(visit.getLaneKind()).as("unset means regular").isEqualTo(LaneKind.LANE_KIND_REGULAR);
        assertThat(instant(visit.getBookTime())).isEqualTo(booked);
        assertThat(visit.hasArriveTime()).isFalse();
        assertThat(visit.hasEndTime()).isFalse();
        assertReadsBack(written, visit);
        assertThat(getTruck(plate).hasEstimatedWait())
                .as("a booked truck has no place in the queue yet")
                .isFalse();

        visit = accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, arrived, written, carrier)
                .setDirection(Direction.DIRECTION_ENTRY)
                .setLaneKind(LaneKind.LANE_KIND_PRIORITY));
        assertThat(visit.getState()).isEqualTo(TruckState.TRUCK_STATE_WAITING);
        assertThat(instant(visit.getBookTime())).isEqualTo(booked);
        assertThat(instant(visit.getArriveTime())).isEqualTo(arrived);
        assertThat(visit.getLaneKind()).isEqualTo(LaneKind.LANE_KIND_PRIORITY);
        assertThat(visit.getDeclaration()).as("none sent").isEmpty();
        assertThat(visit.getChannel())
                .as("no declaration, no decision")
                .isEqualTo(InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED);
        assertThat(visit.getDecisionReceived()).isFalse();
        assertThat(visit.hasExpectedHandling())
                .as("no decision, no expected handling (the status says what is assumed)")
                .isFalse();
        assertReadsBack(plate, visit);
        TruckVisit waiting = getTruck(plate);
        assertThat(waiting.hasEstimatedWait())
                .as("a waiting truck has its estimated wait")
                .isTrue();
        assertThat(duration(waiting.getEstimatedWait())).isGreaterThanOrEqualTo(Duration.ZERO);

        visit = accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_CALLED_FORWARD, called, plate, carrier)
                .setDirection(Direction.DIRECTION_ENTRY));
        assertThat(visit.getState()).isEqualTo(TruckState.TRUCK_STATE_CALLED);
        assertThat(instant(visit.getCallTime())).isEqualTo(called);
        assertReadsBack(plate, visit);
        assertThat(getTruck(plate).hasEstimatedWait())
                .as("a called truck is still queued")
                .isTrue();

        visit = accepted(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED, inspected, plate, carrier)
                        .setDirection(Direction.DIRECTION_ENTRY)
                        .setChannel(InspectionChannel.INSPECTION_CHANNEL_RED));
        assertThat(visit.getState()).isEqualTo(TruckState.TRUCK_STATE_IN_INSPECTION);
        assertThat(instant(visit.getInspectionStartTime())).isEqualTo(inspected);
        assertThat(visit.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_RED);
        assertThat(visit.getDecisionReceived())
                .as("reported by the post, not decided")
                .isFalse();
        assertThat(visit.hasExpectedHandling())
                .as("reported RED carries no decision's handling (once any RED was taken for an X-ray's 45 min)")
                .isFalse();
        assertReadsBack(plate, visit);
        assertThat(getTruck(plate).hasEstimatedWait())
                .as("in inspection: no longer waiting")
                .isFalse();

        visit = accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, cleared, plate, carrier)
                .setDirection(Direction.DIRECTION_ENTRY));
        assertThat(visit.getState()).isEqualTo(TruckState.TRUCK_STATE_CLEARED);
        assertThat(instant(visit.getEndTime())).isEqualTo(cleared);
        assertThat(List.of(
                        instant(visit.getBookTime()),
                        instant(visit.getArriveTime()),
                        instant(visit.getCallTime()),
                        instant(visit.getInspectionStartTime())))
                .containsExactly(booked, arrived, called, inspected);
        assertThat(visit.getEndReason()).isEmpty();
        assertReadsBack(plate, visit);
        assertThat(getTruck(plate).hasEstimatedWait()).isFalse();
    }

    @Test
    void aDeclarationIsFiledWithTheVisit() {
        // Only the name: the channel the decision brings is DecisionSettlement's business (and its tests').
        String plate = plate();
        String declaration = "declarations/" + UUID.randomUUID();

        TruckVisit visit = accepted(event(
                        CHECKPOINT,
                        CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                        CrossingFixtures.now().minus(HOUR),
                        plate,
                        carrier())
                .setDeclaration(declaration));

        assertThat(visit.getDeclaration()).isEqualTo(declaration);
        assertThat(getTruck(plate).getDeclaration()).isEqualTo(declaration);
    }

    @Test
    void aRefusalKeepsItsReason() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(HOUR), plate, carrier));

        TruckVisit visit =
                accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_REFUSED, now, plate, carrier)
                        .setReason("expired permit"));

        assertThat(visit.getState()).isEqualTo(TruckState.TRUCK_STATE_REFUSED);
        assertThat(visit.getEndReason()).isEqualTo("expired permit");
        assertThat(instant(visit.getEndTime())).isEqualTo(now);
        assertReadsBack(plate, visit);
    }

    @Test
    void resendingAnEventIsADuplicateAndChangesNothing() {
        String plate = plate();
        String carrier = carrier();
        CrossingEvent arrival = event(
                        CHECKPOINT,
                        CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                        CrossingFixtures.now().minus(HOUR),
                        plate,
                        carrier)
                .build();
        CrossingEventAck first = record(arrival);
        TruckVisit before = withoutQueueFigures(getTruck(plate));

        CrossingEventAck again = record(arrival);
        CrossingEventAck third = record(arrival);

        assertThat(first.getOutcome()).isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED);
        assertThat(List.of(again.getOutcome(), third.getOutcome())).containsOnly(EventOutcome.EVENT_OUTCOME_DUPLICATE);
        assertThat(again.getEventId()).isEqualTo(arrival.getEventId());
        assertThat(again.getTruck()).as("the visit as it stands").isEqualTo(first.getTruck());
        assertThat(withoutQueueFigures(getTruck(plate))).isEqualTo(before);
        assertThat(auditRecords())
                .as("one record: the duplicates wrote nothing")
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getResource()).isEqualTo("checkpoints/zhaisan/trucks/" + plate);
                    assertThat(r.getDetail()).contains("ARRIVED", arrival.getEventId());
                });
        assertThat(listOpenTrucksOf(carrier)).as("still one visit").hasSize(1);
    }

    @Test
    void aDuplicateAfterLaterEventsAnswersTheVisitAsItStands() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        CrossingEvent arrival = event(
                        CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(HOUR), plate, carrier)
                .build();
        record(arrival);
        TruckVisit cleared =
                accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, now, plate, carrier));

        CrossingEventAck again = record(arrival);

        assertThat(again.getOutcome()).isEqualTo(EventOutcome.EVENT_OUTCOME_DUPLICATE);
        assertThat(again.getTruck()).isEqualTo(cleared);
        assertThat(auditRecords()).hasSize(2);
    }

    @Test
    void anEventIdReusedForOtherContentIsRefused() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        CrossingEvent arrival = event(
                        CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(HOUR), plate, carrier)
                .build();
        record(arrival);
        TruckVisit before = withoutQueueFigures(getTruck(plate));

        var otherTime = assertFails(
                () -> record(arrival.toBuilder()
                        .setOccurTime(ts(now.minus(HOUR).plusSeconds(1)))
                        .build()),
                Status.Code.ALREADY_EXISTS,
                "EVENT_ID_REUSED");
        String otherPlate = plate();
        assertFails(
                () -> record(arrival.toBuilder()
                        .setTruck(arrival.getTruck().toBuilder().setPlate(otherPlate))
                        .build()),
                Status.Code.ALREADY_EXISTS,
                "EVENT_ID_REUSED");
        assertFails(
                () -> record(arrival.toBuilder()
                        .setType(CrossingEventType.CROSSING_EVENT_TYPE_CLEARED)
                        .build()),
                Status.Code.ALREADY_EXISTS,
                "EVENT_ID_REUSED");

        assertThat(otherTime.errorInfo().getMetadataMap()).containsEntry("event_id", arrival.getEventId());
        assertThat(withoutQueueFigures(getTruck(plate))).isEqualTo(before);
        assertTruckNotFound(CHECKPOINT, otherPlate);
        assertThat(auditRecords()).hasSize(1);
        // each refusal is on the audit trail, with its reason
        assertThat(refusals()).hasSize(3).allSatisfy(r -> {
            assertThat(r.getDetail()).startsWith("EVENT_ID_REUSED: ");
            assertThat(r.getResource()).isEqualTo("checkpoints/" + CHECKPOINT + "/events/" + arrival.getEventId());
        });
    }

    @Test
    void aLateEventIsPlacedWhereItHappened() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        Instant arrived = now.minus(HOUR.multipliedBy(3));
        Instant called = now.minus(HOUR.multipliedBy(2));
        Instant inspected = now.minus(HOUR);
        Instant cleared = now;
        accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, arrived, plate, carrier));
        accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, cleared, plate, carrier));

        TruckVisit afterInspection = accepted(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED, inspected, plate, carrier)
                        .setChannel(InspectionChannel.INSPECTION_CHANNEL_YELLOW));
        TruckVisit afterCall = accepted(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_CALLED_FORWARD, called, plate, carrier));

        assertThat(afterInspection.getState())
                .as("the clearance stays the last event")
                .isEqualTo(TruckState.TRUCK_STATE_CLEARED);
        assertThat(afterInspection.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_YELLOW);
        assertThat(afterInspection.hasExpectedHandling())
                .as("the channel the post reported, without a decision")
                .isFalse();
        assertThat(afterCall.getState()).isEqualTo(TruckState.TRUCK_STATE_CLEARED);
        assertThat(List.of(
                        instant(afterCall.getArriveTime()),
                        instant(afterCall.getCallTime()),
                        instant(afterCall.getInspectionStartTime()),
                        instant(afterCall.getEndTime())))
                .containsExactly(arrived, called, inspected, cleared);
        assertThat(afterCall.getChannel()).isEqualTo(InspectionChannel.INSPECTION_CHANNEL_YELLOW);
        assertReadsBack(plate, afterCall);
    }

    @Test
    void aCallBeforeTheArrivalIsImpossibleEvenForABookedTruck() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        accepted(event(
                CHECKPOINT,
                CrossingEventType.CROSSING_EVENT_TYPE_BOOKED,
                now.minus(HOUR.multipliedBy(2)),
                plate,
                carrier));
        TruckVisit before = getTruck(plate);

        assertImpossible(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_CALLED_FORWARD, now.minus(HOUR), plate, carrier)
                        .build());
        assertImpossible(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, now.minus(HOUR), plate, carrier)
                        .build());

        assertThat(getTruck(plate)).isEqualTo(before);
    }

    @Test
    void aBookingReportedAfterTheArrivalJoinsTheVisitItPrecedes() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        Instant booked = now.minus(HOUR.multipliedBy(3));
        Instant arrived = now.minus(HOUR);
        accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, arrived, plate, carrier));

        TruckVisit visit =
                accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_BOOKED, booked, plate, carrier));

        assertThat(visit.getState()).as("booked, then arrived: waiting").isEqualTo(TruckState.TRUCK_STATE_WAITING);
        assertThat(instant(visit.getBookTime())).isEqualTo(booked);
        assertThat(instant(visit.getArriveTime())).isEqualTo(arrived);
        assertReadsBack(plate, visit);
        assertThat(listOpenTrucksOf(carrier))
                .as("one visit, not a second one left booked")
                .hasSize(1);
    }

    @Test
    void aNewVisitStartsOnceThePreviousOneEnded() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        Instant firstArrival = now.minus(HOUR.multipliedBy(5));
        Instant firstClearance = now.minus(HOUR.multipliedBy(3));
        Instant secondArrival = now.minus(HOUR);
        TruckVisit first = accepted(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, firstArrival, plate, carrier));
        first = accepted(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, firstClearance, plate, carrier));

        TruckVisit second =
                accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, secondArrival, plate, carrier)
                        .setLaneKind(LaneKind.LANE_KIND_PRIORITY));

        assertThat(second.getName()).isEqualTo(first.getName());
        assertThat(second.getState()).isEqualTo(TruckState.TRUCK_STATE_WAITING);
        assertThat(instant(second.getArriveTime())).isEqualTo(secondArrival);
        assertThat(second.hasEndTime()).as("a fresh visit").isFalse();
        assertThat(second.getLaneKind()).isEqualTo(LaneKind.LANE_KIND_PRIORITY);
        assertReadsBack(plate, second);

        // A late event of the first visit still goes to the first visit; the truck's latest visit is unchanged.
        TruckVisit lateForFirst = accepted(event(
                CHECKPOINT,
                CrossingEventType.CROSSING_EVENT_TYPE_CALLED_FORWARD,
                now.minus(HOUR.multipliedBy(4)),
                plate,
                carrier));
        assertThat(lateForFirst.getState()).isEqualTo(TruckState.TRUCK_STATE_CLEARED);
        assertThat(instant(lateForFirst.getArriveTime())).isEqualTo(firstArrival);
        assertThat(lateForFirst.hasCallTime()).isTrue();
        assertReadsBack(plate, second);
        assertThat(listOpenTrucksOf(carrier))
                .extracting(TruckVisit::getState)
                .containsExactly(TruckState.TRUCK_STATE_WAITING);
    }

    @Test
    void aNewBookingMayFollowANoShow() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        accepted(event(
                CHECKPOINT,
                CrossingEventType.CROSSING_EVENT_TYPE_BOOKED,
                now.minus(HOUR.multipliedBy(6)),
                plate,
                carrier));
        TruckVisit noShow = accepted(event(
                CHECKPOINT,
                CrossingEventType.CROSSING_EVENT_TYPE_NO_SHOW,
                now.minus(HOUR.multipliedBy(4)),
                plate,
                carrier));
        assertThat(noShow.getState()).isEqualTo(TruckState.TRUCK_STATE_NO_SHOW);

        TruckVisit arrived = accepted(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(HOUR), plate, carrier));

        assertThat(arrived.getState()).isEqualTo(TruckState.TRUCK_STATE_WAITING);
        assertThat(arrived.hasBookTime())
                .as("the booking belonged to the visit that ended")
                .isFalse();
        assertReadsBack(plate, arrived);
    }

    // --- impossible transitions: refused, nothing stored ---

    @Test
    void aClearanceWithoutAnArrivalIsImpossible() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        CrossingEvent clearance = event(
                        CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, now.minus(HOUR), plate, carrier)
                .build();

        assertImpossible(clearance);
        assertTruckNotFound(CHECKPOINT, plate);

        // Arrived after that clearance: placed by time, the clearance would still come first.
        accepted(event(
                CHECKPOINT,
                CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                now.minus(HOUR).plusSeconds(60),
                plate,
                carrier));
        TruckVisit before = withoutQueueFigures(getTruck(plate));
        assertImpossible(clearance);
        assertThat(withoutQueueFigures(getTruck(plate))).isEqualTo(before);
        assertThat(auditRecords()).hasSize(1);
    }

    @Test
    void aSecondClearanceIsImpossible() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        accepted(event(
                CHECKPOINT,
                CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                now.minus(HOUR.multipliedBy(3)),
                plate,
                carrier));
        accepted(event(
                CHECKPOINT,
                CrossingEventType.CROSSING_EVENT_TYPE_CLEARED,
                now.minus(HOUR.multipliedBy(2)),
                plate,
                carrier));
        TruckVisit before = getTruck(plate);

        assertImpossible(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, now.minus(HOUR), plate, carrier)
                        .build());
        assertImpossible(event(
                        CHECKPOINT,
                        CrossingEventType.CROSSING_EVENT_TYPE_CLEARED,
                        now.minus(HOUR.multipliedBy(2)).minusSeconds(60),
                        plate,
                        carrier)
                .build());

        assertThat(getTruck(plate)).isEqualTo(before);
        assertThat(auditRecords()).hasSize(2);
    }

    @Test
    void nothingFollowsTheEndOfAVisit() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        accepted(event(
                CHECKPOINT,
                CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                now.minus(HOUR.multipliedBy(3)),
                plate,
                carrier));
        accepted(event(
                        CHECKPOINT,
                        CrossingEventType.CROSSING_EVENT_TYPE_REFUSED,
                        now.minus(HOUR.multipliedBy(2)),
                        plate,
                        carrier)
                .setReason("no permit"));
        TruckVisit before = getTruck(plate);

        for (CrossingEventType type : List.of(
                CrossingEventType.CROSSING_EVENT_TYPE_CALLED_FORWARD,
                CrossingEventType.CROSSING_EVENT_TYPE_CLEARED,
                CrossingEventType.CROSSING_EVENT_TYPE_REDIRECTED,
                CrossingEventType.CROSSING_EVENT_TYPE_CANCELLED)) {
            assertImpossible(
                    event(CHECKPOINT, type, now.minus(HOUR), plate, carrier).build());
        }
        assertImpossible(event(
                        CHECKPOINT,
                        CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED,
                        now.minus(HOUR),
                        plate,
                        carrier)
                .setChannel(InspectionChannel.INSPECTION_CHANNEL_GREEN)
                .build());

        assertThat(getTruck(plate)).isEqualTo(before);
        assertThat(auditRecords()).hasSize(2);
    }

    @Test
    void aNoShowAfterTheArrivalIsImpossible() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        accepted(event(
                CHECKPOINT,
                CrossingEventType.CROSSING_EVENT_TYPE_BOOKED,
                now.minus(HOUR.multipliedBy(3)),
                plate,
                carrier));
        accepted(event(
                CHECKPOINT,
                CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                now.minus(HOUR.multipliedBy(2)),
                plate,
                carrier));
        TruckVisit before = withoutQueueFigures(getTruck(plate));

        assertImpossible(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_NO_SHOW, now.minus(HOUR), plate, carrier)
                        .build());
        assertImpossible(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(HOUR), plate, carrier)
                        .build());
        assertImpossible(
                event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_BOOKED, now.minus(HOUR), plate, carrier)
                        .build());

        assertThat(withoutQueueFigures(getTruck(plate))).isEqualTo(before);
        assertThat(auditRecords()).hasSize(2);
    }

    @Test
    void aRefusedEventIsNotStoredSoItsIdStaysFree() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        CrossingEvent clearance = event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, now, plate, carrier)
                .build();
        assertImpossible(clearance);

        CrossingEvent arrival = clearance.toBuilder()
                .setType(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED)
                .setOccurTime(ts(now.minus(HOUR)))
                .build();
        assertThat(record(arrival).getOutcome())
                .as("the id was never stored")
                .isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED);
    }

    // --- malformed events ---

    static Stream<Arguments> malformedEvents() {
        Instant now = CrossingFixtures.now();
        return Stream.of(
                malformed(
                        "type unset", e -> e.setType(CrossingEventType.CROSSING_EVENT_TYPE_UNSPECIFIED), "event.type"),
                malformed("type unknown to this version", e -> e.setTypeValue(42), "event.type"),
                malformed("occur time unset", CrossingEvent.Builder::clearOccurTime, "event.occur_time"),
                malformed(
                        "beyond the clock skew",
                        e -> e.setOccurTime(ts(now.plus(Duration.ofMinutes(5)))),
                        "event.occur_time"),
                malformed(
                        "more than 30 days ago",
                        e -> e.setOccurTime(ts(now.minus(Duration.ofDays(31)))),
                        "event.occur_time"),
                malformed(
                        "plate with a slash",
                        e -> e.setTruck(e.getTruck().toBuilder().setPlate("AB/1234")),
                        "event.truck.plate"),
                malformed(
                        "plate of one character",
                        e -> e.setTruck(e.getTruck().toBuilder().setPlate("A")),
                        "event.truck.plate"),
                malformed(
                        "plate of 17 characters",
                        e -> e.setTruck(e.getTruck().toBuilder().setPlate("ABCDEFGH123456789")),
                        "event.truck.plate"),
                malformed(
                        "plate of only separators",
                        e -> e.setTruck(e.getTruck().toBuilder().setPlate(" - -")),
                        "event.truck.plate"),
                malformed("no truck", CrossingEvent.Builder::clearTruck, "event.truck.plate", "event.truck.carrier_id"),
                malformed(
                        "carrier unset",
                        e -> e.setTruck(e.getTruck().toBuilder().clearCarrierId()),
                        "event.truck.carrier_id"),
                malformed("event id too short", e -> e.setEventId("ev-1234"), "event.event_id"),
                malformed("event id with a space", e -> e.setEventId("event 12345"), "event.event_id"),
                malformed("event id of 65 characters", e -> e.setEventId("e".repeat(65)), "event.event_id"),
                malformed("event id unset", CrossingEvent.Builder::clearEventId, "event.event_id"),
                malformed("direction unset", e -> e.setDirection(Direction.DIRECTION_UNSPECIFIED), "event.direction"),
                malformed(
                        "channel missing on an inspection start",
                        e -> e.setType(CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED),
                        "event.channel"),
                malformed(
                        "channel on an arrival",
                        e -> e.setChannel(InspectionChannel.INSPECTION_CHANNEL_GREEN),
                        "event.channel"),
                malformed(
                        "lane kind on a clearance",
                        e -> e.setType(CrossingEventType.CROSSING_EVENT_TYPE_CLEARED)
                                .setLaneKind(LaneKind.LANE_KIND_PRIORITY),
                        "event.lane_kind"),
                malformed(
                        "lane kind a truck cannot queue in",
                        e -> e.setLaneKind(LaneKind.LANE_KIND_XRAY),
                        "event.lane_kind"),
                malformed(
                        "malformed declaration", e -> e.setDeclaration("declarations/not-a-uuid"), "event.declaration"),
                malformed(
                        "reason over 500 characters",
                        e -> e.setType(CrossingEventType.CROSSING_EVENT_TYPE_CANCELLED)
                                .setReason("r".repeat(501)),
                        "event.reason"),
                malformed(
                        "several problems at once",
                        e -> e.setEventId("x")
                                .setOccurTime(ts(now.plus(Duration.ofHours(1))))
                                .setTruck(e.getTruck().toBuilder().setPlate("#")),
                        "event.event_id",
                        "event.occur_time",
                        "event.truck.plate"));
    }

    private static Arguments malformed(String what, UnaryOperator<CrossingEvent.Builder> change, String... fields) {
        return Arguments.of(what, change, List.of(fields));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEvents")
    void aMalformedEventIsInvalidAndNamesItsFields(
            String what, UnaryOperator<CrossingEvent.Builder> change, List<String> fields) {
        String plate = plate();
        CrossingEvent event = change.apply(event(
                        CHECKPOINT,
                        CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                        CrossingFixtures.now().minus(HOUR),
                        plate,
                        carrier()))
                .build();

        var failure = assertFails(() -> record(event), Status.Code.INVALID_ARGUMENT, "INVALID_EVENT");

        assertThat(failure.badFields()).isEqualTo(fields);
        assertThat(failure.errorInfo().getDomain()).isEqualTo("checkpoint.borderflow.io");
        assertTruckNotFound(CHECKPOINT, plate);
    }

    @Test
    void anEventWithinTheClockSkewIsAccepted() {
        String plate = plate();
        TruckVisit visit = accepted(event(
                CHECKPOINT,
                CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                CrossingFixtures.now().plus(Duration.ofMinutes(1)),
                plate,
                carrier()));
        assertThat(visit.getState()).isEqualTo(TruckState.TRUCK_STATE_WAITING);
    }

    @Test
    void aRequestWithoutAnEventIsInvalid() {
        var failure = assertFails(
                () -> checkpoints
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withCallCredentials(operator)
                        .recordCrossingEvent(RecordCrossingEventRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_EVENT");
        assertThat(failure.badFields()).containsExactly("event");
    }

    @ParameterizedTest(name = "checkpoint \"{0}\"")
    @ValueSource(strings = {"", "zhaisan", "checkpoints/", "places/zhaisan", "checkpoints/zhaisan/lanes/1"})
    void aMissingOrMalformedCheckpointIsInvalid(String checkpoint) {
        String plate = plate();
        CrossingEvent event = event(
                        CHECKPOINT,
                        CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                        CrossingFixtures.now().minus(HOUR),
                        plate,
                        carrier())
                .setCheckpoint(checkpoint)
                .build();

        var failure = assertFails(() -> record(event), Status.Code.INVALID_ARGUMENT, "INVALID_EVENT");

        assertThat(failure.badFields()).containsExactly("event.checkpoint");
        assertTruckNotFound(CHECKPOINT, plate);
    }

    @Test
    void aChannelUnknownToThisVersionIsInvalid() {
        String plate = plate();
        String carrier = carrier();
        Instant now = CrossingFixtures.now();
        accepted(event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(HOUR), plate, carrier));
        TruckVisit before = withoutQueueFigures(getTruck(plate));

        var failure = assertFails(
                () -> record(
                        event(CHECKPOINT, CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED, now, plate, carrier)
                                .setChannelValue(42)
                                .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_EVENT");

        assertThat(failure.badFields()).containsExactly("event.channel");
        assertThat(withoutQueueFigures(getTruck(plate))).isEqualTo(before);
    }

    @Test
    void aDirectionUnknownToThisVersionIsInvalid() {
        String plate = plate();
        var failure = assertFails(
                () -> record(event(
                                CHECKPOINT,
                                CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                                CrossingFixtures.now().minus(HOUR),
                                plate,
                                carrier())
                        .setDirectionValue(42)
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_EVENT");

        assertThat(failure.badFields()).containsExactly("event.direction");
        assertTruckNotFound(CHECKPOINT, plate);
    }

    // --- where and who ---

    @Test
    void anUnknownCheckpointIsNotFound() {
        String plate = plate();
        var failure = assertFails(
                () -> checkpoints
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withCallCredentials(operator("atlantis"))
                        .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                                .setEvent(event(
                                        "atlantis",
                                        CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                                        CrossingFixtures.now().minus(HOUR),
                                        plate,
                                        carrier()))
                                .build()),
                Status.Code.NOT_FOUND,
                "CHECKPOINT_NOT_FOUND");
        assertThat(failure.description()).contains("checkpoints/atlantis");
    }

    @Test
    void anOperatorMayNotRecordOutsideItsClaim() {
        String plate = plate();
        CrossingEvent atSyrym = event(
                        "syrym",
                        CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                        CrossingFixtures.now().minus(HOUR),
                        plate,
                        carrier())
                .build();

        assertFails(() -> record(atSyrym), Status.Code.PERMISSION_DENIED, "CHECKPOINT_NOT_IN_CLAIM");
        assertFails(
                () -> checkpoints
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withCallCredentials(TestTokens.as(Roles.BORDER_OPERATOR))
                        .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                                .setEvent(atSyrym)
                                .build()),
                Status.Code.PERMISSION_DENIED,
                "CHECKPOINT_NOT_IN_CLAIM");

        assertTruckNotFound("syrym", plate);
        assertThat(auditRecords()).isEmpty();
        assertThat(refusals())
                .as("a write outside the claim is on the audit trail")
                .singleElement()
                .satisfies(r -> assertThat(r.getDetail()).startsWith("CHECKPOINT_NOT_IN_CLAIM: "));
    }

    @Test
    void onlyBorderOperatorsRecordEvents() {
        String plate = plate();
        String carrier = carrier();
        CrossingEvent arrival = event(
                        CHECKPOINT,
                        CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                        CrossingFixtures.now().minus(HOUR),
                        plate,
                        carrier)
                .build();
        CallCredentials officerWithClaim = TestTokens.bearer(TestTokens.issuer()
                .token("officer")
                .roles(Roles.CUSTOMS_OFFICER)
                .checkpoints(List.of(CHECKPOINT))
                .sign());

        for (CallCredentials caller : List.of(
                customsOfficer(),
                officerWithClaim,
                carrierToken(carrier),
                TestTokens.as(Roles.FREIGHT_PLATFORM),
                TestTokens.as(Roles.AUDITOR),
                TestTokens.as(Roles.SERVICE))) {
            Throwable thrown = catchThrowable(() -> checkpoints
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .withCallCredentials(caller)
                    .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                            .setEvent(arrival)
                            .build()));
            assertThat(Status.fromThrowable(thrown).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        Throwable anonymous = catchThrowable(() -> checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                        .setEvent(arrival)
                        .build()));
        assertThat(Status.fromThrowable(anonymous).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

        assertTruckNotFound(CHECKPOINT, plate);
    }

    // --- helpers ---

    private CrossingEventAck record(CrossingEvent event) {
        return checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(operator)
                .recordCrossingEvent(
                        RecordCrossingEventRequest.newBuilder().setEvent(event).build())
                .getAck();
    }

    /** Records the event, which must be accepted; returns the truck's visit after it. */
    private TruckVisit accepted(CrossingEvent.Builder event) {
        CrossingEventAck ack = record(event.build());
        assertThat(ack.getOutcome()).as("%s", ack).isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED);
        assertThat(ack.getEventId()).isEqualTo(event.getEventId());
        assertThat(ack.getReason()).isEmpty();
        return ack.getTruck();
    }

    private void assertImpossible(CrossingEvent event) {
        var failure = assertFails(() -> record(event), Status.Code.FAILED_PRECONDITION, "IMPOSSIBLE_TRANSITION");
        assertThat(failure.description()).as("says what is impossible").isNotBlank();
    }

    private TruckVisit getTruck(String plate) {
        return checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(operator)
                .getTruck(GetTruckRequest.newBuilder()
                        .setName("checkpoints/" + CHECKPOINT + "/trucks/" + plate)
                        .build())
                .getTruck();
    }

    /** GetTruck (by the plate as written) answers the visit the ack carried. */
    private void assertReadsBack(String plate, TruckVisit acked) {
        assertThat(withoutQueueFigures(getTruck(plate))).isEqualTo(withoutQueueFigures(acked));
    }

    private void assertTruckNotFound(String checkpointId, String plate) {
        assertFails(
                () -> checkpoints
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withCallCredentials(customsOfficer())
                        .getTruck(GetTruckRequest.newBuilder()
                                .setName("checkpoints/" + checkpointId + "/trucks/" + plate)
                                .build()),
                Status.Code.NOT_FOUND,
                "TRUCK_NOT_FOUND");
    }

    private List<TruckVisit> listOpenTrucksOf(String carrier) {
        return checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(customsOfficer())
                .listTrucks(ListTrucksRequest.newBuilder()
                        .setParent("checkpoints/" + CHECKPOINT)
                        .setCarrierId(carrier)
                        .setPageSize(500)
                        .build())
                .getTrucksList();
    }

    /** What this test's operator recorded (the writes that succeeded), newest first. */
    private List<AuditRecord> auditRecords() {
        return auditTrail().stream()
                .filter(r -> r.getOutcome() == AuditOutcome.AUDIT_OUTCOME_SUCCEEDED)
                .toList();
    }

    /** The events of this test's operator that were refused, newest first. */
    private List<AuditRecord> refusals() {
        return auditTrail().stream()
                .filter(r -> r.getOutcome() == AuditOutcome.AUDIT_OUTCOME_REJECTED)
                .toList();
    }

    private List<AuditRecord> auditTrail() {
        return checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(TestTokens.as(Roles.AUDITOR))
                .listAuditRecords(ListAuditRecordsRequest.newBuilder()
                        .setSubject(subject)
                        .setAction("crossing-event.record")
                        .setPageSize(500)
                        .build())
                .getAuditRecordsList();
    }
}
