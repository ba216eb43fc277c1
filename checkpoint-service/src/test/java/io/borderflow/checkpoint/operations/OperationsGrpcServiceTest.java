package io.borderflow.checkpoint.operations;

import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CancelClosureRequest;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.CheckpointStatus;
import io.borderflow.api.checkpoint.v1.Closure;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.LaneKind;
import io.borderflow.api.checkpoint.v1.LaneSetting;
import io.borderflow.api.checkpoint.v1.ListClosuresRequest;
import io.borderflow.api.checkpoint.v1.ListLaneSettingsRequest;
import io.borderflow.api.checkpoint.v1.OperationalStatus;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.ScheduleClosureRequest;
import io.borderflow.api.checkpoint.v1.SetNominalCapacityRequest;
import io.borderflow.api.checkpoint.v1.SetOpenLanesRequest;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lanes, closures and capacity set by the border post take effect in the status at once. Every test puts the
 * checkpoint back as it found it (lanes all open, closures cancelled, capacity at the reference figure).
 */
@QuarkusTest
class OperationsGrpcServiceTest {
    private static final String CHECKPOINT = "blagoveshchensk";
    private static final String NAME = "checkpoints/" + CHECKPOINT;
    private static final CallCredentials OPERATOR = TestTokens.bearer(TestTokens.issuer()
            .token("post-blagoveshchensk")
            .roles(Roles.BORDER_OPERATOR)
            .checkpoints(List.of(CHECKPOINT))
            .sign());
    private static final String OTHER_SUBJECT =
            "post-zhaisan-" + UUID.randomUUID().toString().substring(0, 8);
    private static final CallCredentials OTHER_POST = TestTokens.bearer(TestTokens.issuer()
            .token(OTHER_SUBJECT)
            .roles(Roles.BORDER_OPERATOR)
            .checkpoints(List.of("zhaisan"))
            .sign());

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    private CheckpointServiceBlockingStub as(CallCredentials credentials) {
        return checkpoints.withDeadlineAfter(10, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    private CheckpointStatus status() {
        return as(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .getCheckpointStatus(GetCheckpointStatusRequest.newBuilder()
                        .setName(NAME + "/status")
                        .build())
                .getStatus();
    }

    private static Timestamp at(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).build();
    }

    private LaneSetting regular() {
        return as(OPERATOR)
                .listLaneSettings(
                        ListLaneSettingsRequest.newBuilder().setParent(NAME).build())
                .getLanesList()
                .stream()
                .filter(l -> l.getKind() == LaneKind.LANE_KIND_REGULAR)
                .findFirst()
                .orElseThrow();
    }

    private void setRegular(int open, String reason) {
        as(OPERATOR)
                .setOpenLanes(SetOpenLanesRequest.newBuilder()
                        .setCheckpoint(NAME)
                        .setKind(LaneKind.LANE_KIND_REGULAR)
                        .setOpen(open)
                        .setReason(reason)
                        .build());
    }

    @Test
    void closingLanesRestrictsTheCheckpointAndClosingAllClosesIt() {
        int maximum = regular().getMaximum();
        try {
            setRegular(maximum - 1, "one booth without staff");
            LaneSetting set = regular();
            assertThat(set.getOpen()).isEqualTo(maximum - 1);
            assertThat(set.getReason()).isEqualTo("one booth without staff");
            assertThat(set.getUpdatedBy()).isEqualTo("post-blagoveshchensk");
            CheckpointStatus restricted = status();
            assertThat(restricted.getLanesList()).anySatisfy(l -> {
                assertThat(l.getKind()).isEqualTo(LaneKind.LANE_KIND_REGULAR);
                assertThat(l.getOpen()).isEqualTo(maximum - 1);
                assertThat(l.getMaximum()).isEqualTo(maximum);
            });

            setRegular(0, "power cut");
            CheckpointStatus closed = status();
            assertThat(closed.getOperationalStatus()).isEqualTo(OperationalStatus.OPERATIONAL_STATUS_CLOSED);
            assertThat(closed.getStatusReason()).contains("no lane open");
        } finally {
            setRegular(maximum, "all lanes back");
        }
        assertThat(regular().getOpen()).isEqualTo(maximum);
    }

    @Test
    void aClosureNowClosesTheCheckpointUntilItIsCancelled() {
        Instant now = Instant.now();
        Closure closure = as(OPERATOR)
                .scheduleClosure(ScheduleClosureRequest.newBuilder()
                        .setParent(NAME)
                        .setRequestId("closure-" + UUID.randomUUID())
                        .setClosure(Closure.newBuilder()
                                .setStartTime(at(now.minusSeconds(60)))
                                .setEndTime(at(now.plus(Duration.ofDays(3))))
                                .setReason("PRC National Day"))
                        .build())
                .getClosure();
        try {
            assertThat(closure.getName()).startsWith(NAME + "/closures/");
            assertThat(closure.getCreatedBy()).isEqualTo("post-blagoveshchensk");
            CheckpointStatus closed = status();
            assertThat(closed.getOperationalStatus()).isEqualTo(OperationalStatus.OPERATIONAL_STATUS_CLOSED);
            assertThat(closed.getStatusReason()).contains("PRC National Day");
            assertThat(as(TestTokens.as(Roles.CARRIER))
                            .listClosures(ListClosuresRequest.newBuilder()
                                    .setParent(NAME)
                                    .build())
                            .getClosuresList())
                    .extracting(Closure::getName)
                    .contains(closure.getName());
        } finally {
            Closure cancelled = as(OPERATOR)
                    .cancelClosure(CancelClosureRequest.newBuilder()
                            .setName(closure.getName())
                            .build())
                    .getClosure();
            assertThat(cancelled.hasCancelTime()).isTrue();
        }
        assertThat(status().getOperationalStatus()).isNotEqualTo(OperationalStatus.OPERATIONAL_STATUS_CLOSED);
        // cancelling again changes nothing
        assertThat(as(OPERATOR)
                        .cancelClosure(CancelClosureRequest.newBuilder()
                                .setName(closure.getName())
                                .build())
                        .getClosure()
                        .getCancelTime())
                .isNotNull();
    }

    @Test
    void aClosureOfOneDirectionClosesThatDirectionOnly() {
        Instant now = Instant.now();
        Closure closure = as(OPERATOR)
                .scheduleClosure(ScheduleClosureRequest.newBuilder()
                        .setParent(NAME)
                        .setRequestId("closure-" + UUID.randomUUID())
                        .setClosure(Closure.newBuilder()
                                .setStartTime(at(now.minusSeconds(60)))
                                .setEndTime(at(now.plus(Duration.ofDays(3))))
                                .setReason("Heihe side shut for Spring Festival")
                                .setDirection(Direction.DIRECTION_EXIT))
                        .build())
                .getClosure();
        try {
            assertThat(closure.getDirection()).isEqualTo(Direction.DIRECTION_EXIT);
            CheckpointStatus status = status();
            assertThat(status.getDirectionsList())
                    .extracting(d -> d.getDirection(), d -> d.getOperationalStatus())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    Direction.DIRECTION_EXIT, OperationalStatus.OPERATIONAL_STATUS_CLOSED),
                            org.assertj.core.groups.Tuple.tuple(
                                    Direction.DIRECTION_ENTRY, OperationalStatus.OPERATIONAL_STATUS_OPEN));
            assertThat(status.getOperationalStatus()).isEqualTo(OperationalStatus.OPERATIONAL_STATUS_RESTRICTED);
            assertThat(status.getStatusReason()).startsWith("exit closed: Heihe side shut for Spring Festival");
        } finally {
            cancel(OPERATOR, closure);
        }
        assertThat(status().getDirectionsList())
                .allSatisfy(d ->
                        assertThat(d.getOperationalStatus()).isNotEqualTo(OperationalStatus.OPERATIONAL_STATUS_CLOSED));
    }

    @Test
    void aClosureNamingNoKnownDirectionIsRefusedAndNothingIsStored() {
        ScheduleClosureRequest request = closure(CHECKPOINT, "closure-" + UUID.randomUUID(), Instant.now());
        int before = as(OPERATOR)
                .listClosures(ListClosuresRequest.newBuilder().setParent(NAME).build())
                .getClosuresCount();

        assertThat(assertFails(
                                () -> as(OPERATOR)
                                        .scheduleClosure(request.toBuilder()
                                                .setClosure(request.getClosure().toBuilder()
                                                        .setDirectionValue(7))
                                                .build()),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_CLOSURE")
                        .badFields())
                .containsExactly("closure.direction");
        assertThat(as(OPERATOR)
                        .listClosures(
                                ListClosuresRequest.newBuilder().setParent(NAME).build())
                        .getClosuresCount())
                .isEqualTo(before);
    }

    private static ScheduleClosureRequest closure(String checkpointId, String requestId, Instant start) {
        return ScheduleClosureRequest.newBuilder()
                .setParent("checkpoints/" + checkpointId)
                .setRequestId(requestId)
                .setClosure(Closure.newBuilder()
                        .setStartTime(at(start))
                        .setEndTime(at(start.plus(Duration.ofDays(1))))
                        .setReason("Repairs"))
                .build();
    }

    private void cancel(CallCredentials credentials, Closure closure) {
        as(credentials)
                .cancelClosure(CancelClosureRequest.newBuilder()
                        .setName(closure.getName())
                        .build());
    }

    @Test
    void twoPostsUsingTheSameRequestIdEachScheduleTheirOwnClosure() {
        CallCredentials otherShift = TestTokens.bearer(TestTokens.issuer()
                .token("post-blagoveshchensk-night-"
                        + UUID.randomUUID().toString().substring(0, 8))
                .roles(Roles.BORDER_OPERATOR)
                .checkpoints(List.of(CHECKPOINT))
                .sign());
        String requestId = "closure-" + UUID.randomUUID();
        Instant start = Instant.now().plus(Duration.ofDays(301));
        ScheduleClosureRequest request = closure(CHECKPOINT, requestId, start);

        Closure first = as(OPERATOR).scheduleClosure(request).getClosure();
        Closure other = null;
        try {
            // the same request id and content from another subject is another request
            other = as(otherShift)
                    .scheduleClosure(request.toBuilder()
                            .setClosure(request.getClosure().toBuilder().setReason("Other repairs"))
                            .build())
                    .getClosure();
            assertThat(other.getName()).isNotEqualTo(first.getName());
            assertThat(other.getReason()).isEqualTo("Other repairs");
        } finally {
            cancel(OPERATOR, first);
            if (other != null) {
                cancel(otherShift, other);
            }
        }
    }

    @Test
    void concurrentFirstUsesOfOneRequestIdStoreOneClosureAndNeverFailInternally() throws Exception {
        // eight checkpoints, one closure each under one request id: each takes its own checkpoint's lock, so only
        // the request id orders them
        List<String> posts =
                List.of("syrym", "kairak", "nur-zholy", "alakol", "kalzhat", "altynkol", "zabaykalsk", "pogranichny");
        CallCredentials regional = TestTokens.bearer(TestTokens.issuer()
                .token("post-regional-" + UUID.randomUUID().toString().substring(0, 8))
                .roles(Roles.BORDER_OPERATOR)
                .checkpoints(posts)
                .sign());
        String requestId = "closure-" + UUID.randomUUID();
        Instant start = Instant.now().plus(Duration.ofDays(302));
        ExecutorService pool = Executors.newFixedThreadPool(posts.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> outcomes = new ArrayList<>();
        try {
            for (String post : posts) {
                ScheduleClosureRequest request = closure(post, requestId, start);
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        return as(regional).scheduleClosure(request).getClosure();
                    } catch (StatusRuntimeException refused) {
                        return refused.getStatus().getCode();
                    }
                }));
            }
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            List<Closure> scheduled = results.stream()
                    .filter(Closure.class::isInstance)
                    .map(Closure.class::cast)
                    .toList();
            scheduled.forEach(c -> cancel(regional, c));
            // one schedules; the seven others, at other checkpoints, reuse its request id
            assertThat(results).filteredOn(Status.Code.class::isInstance).containsOnly(Status.Code.ALREADY_EXISTS);
            assertThat(scheduled).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRetriedScheduleReturnsTheSameClosureAndAnotherWithItsIdIsRefused() {
        String requestId = "closure-" + UUID.randomUUID();
        Instant start = Instant.now().plus(Duration.ofDays(300));
        ScheduleClosureRequest request = ScheduleClosureRequest.newBuilder()
                .setParent(NAME)
                .setRequestId(requestId)
                .setClosure(Closure.newBuilder()
                        .setStartTime(at(start))
                        .setEndTime(at(start.plus(Duration.ofDays(1))))
                        .setReason("Repairs"))
                .build();
        Closure first = as(OPERATOR).scheduleClosure(request).getClosure();
        try {
            assertThat(as(OPERATOR).scheduleClosure(request).getClosure()).isEqualTo(first);
            assertFails(
                    () -> as(OPERATOR)
                            .scheduleClosure(request.toBuilder()
                                    .setClosure(request.getClosure().toBuilder().setReason("Other repairs"))
                                    .build()),
                    Status.Code.ALREADY_EXISTS,
                    "REQUEST_ID_REUSED");
        } finally {
            as(OPERATOR)
                    .cancelClosure(CancelClosureRequest.newBuilder()
                            .setName(first.getName())
                            .build());
        }
    }

    @Test
    void badOperationsAreRefusedNamingTheField() {
        int maximum = regular().getMaximum();
        assertThat(assertFails(
                                () -> setRegular(maximum + 1, "more than there are"),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_LANES")
                        .badFields())
                .containsExactly("open");
        assertThat(assertFails(
                                () -> as(OPERATOR)
                                        .setOpenLanes(SetOpenLanesRequest.newBuilder()
                                                .setCheckpoint(NAME)
                                                .setKind(LaneKind.LANE_KIND_XRAY)
                                                .setOpen(1)
                                                .setReason("no scanner here")
                                                .build()),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_LANES")
                        .badFields())
                .containsExactly("kind");
        assertThat(assertFails(() -> setRegular(1, ""), Status.Code.INVALID_ARGUMENT, "INVALID_LANES")
                        .badFields())
                .containsExactly("reason");
        Instant past = Instant.now().minus(Duration.ofDays(2));
        assertThat(assertFails(
                                () -> as(OPERATOR)
                                        .scheduleClosure(ScheduleClosureRequest.newBuilder()
                                                .setParent(NAME)
                                                .setRequestId("closure-" + UUID.randomUUID())
                                                .setClosure(Closure.newBuilder()
                                                        .setStartTime(at(past))
                                                        .setEndTime(at(past.plusSeconds(3600)))
                                                        .setReason("over already"))
                                                .build()),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_CLOSURE")
                        .badFields())
                .containsExactly("closure.end_time");
        assertThat(assertFails(
                                () -> as(OPERATOR)
                                        .setNominalCapacity(SetNominalCapacityRequest.newBuilder()
                                                .setCheckpoint(NAME)
                                                .setVehiclesPerDay(0)
                                                .setReason("none")
                                                .build()),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_CAPACITY")
                        .badFields())
                .containsExactly("vehicles_per_day");
        assertThat(regular().getOpen()).as("nothing changed").isEqualTo(maximum);
    }

    @Test
    void anotherCheckpointsPostMayNotOperateThisOne() {
        assertFails(
                () -> as(OTHER_POST)
                        .setOpenLanes(SetOpenLanesRequest.newBuilder()
                                .setCheckpoint(NAME)
                                .setKind(LaneKind.LANE_KIND_REGULAR)
                                .setOpen(0)
                                .setReason("not mine")
                                .build()),
                Status.Code.PERMISSION_DENIED,
                "CHECKPOINT_NOT_IN_CLAIM");
        assertThat(Status.fromThrowable(org.assertj.core.api.Assertions.catchThrowable(
                                () -> as(TestTokens.as(Roles.CUSTOMS_OFFICER))
                                        .setNominalCapacity(SetNominalCapacityRequest.newBuilder()
                                                .setCheckpoint(NAME)
                                                .setVehiclesPerDay(10)
                                                .setReason("no role")
                                                .build())))
                        .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(regular().getOpen()).isEqualTo(regular().getMaximum());
        // the refusal is on the audit trail
        assertThat(as(TestTokens.as(Roles.AUDITOR))
                        .listAuditRecords(io.borderflow.api.checkpoint.v1.ListAuditRecordsRequest.newBuilder()
                                .setSubject(OTHER_SUBJECT)
                                .setAction("lanes.set")
                                .build())
                        .getAuditRecordsList())
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.getOutcome())
                            .isEqualTo(io.borderflow.api.common.v1.AuditOutcome.AUDIT_OUTCOME_REJECTED);
                    assertThat(record.getResource()).isEqualTo(NAME + "/lanes/REGULAR");
                    assertThat(record.getDetail()).startsWith("CHECKPOINT_NOT_IN_CLAIM: ");
                });
    }

    @Test
    void aLowerCapacityLowersTheClearanceRateAtOnce() {
        double before = status().getClearancesPerOpenHour();
        var set = as(OPERATOR)
                .setNominalCapacity(SetNominalCapacityRequest.newBuilder()
                        .setCheckpoint(NAME)
                        .setVehiclesPerDay(24)
                        .setReason("the other side cut its pace")
                        .build());
        try {
            assertThat(set.getVehiclesPerDay()).isEqualTo(24);
            // 24 a day in each direction on a round-the-clock crossing: at most one truck an hour each way (the
            // reference is 250 a day)
            CheckpointStatus capped = status();
            assertThat(capped.getDirectionsList())
                    .hasSize(2)
                    .allSatisfy(d -> assertThat(d.getClearancesPerOpenHour()).isLessThanOrEqualTo(1.0 + 1e-9));
            assertThat(capped.getClearancesPerOpenHour())
                    .isLessThanOrEqualTo(2.0 + 1e-9)
                    .isLessThan(before);
        } finally {
            as(OPERATOR)
                    .setNominalCapacity(SetNominalCapacityRequest.newBuilder()
                            .setCheckpoint(NAME)
                            .setVehiclesPerDay(set.getReferenceVehiclesPerDay())
                            .setReason("back to the reference")
                            .build());
        }
    }

    /**
     * With trucks waiting, the estimates follow the border post at once: half the lanes open makes a truck arriving
     * now wait longer and the queue clear later; a closure scheduled to start before the queue is gone pushes its
     * clearance past the closure's end. (The trucks stay in the queue, under plates of their own.)
     */
    @Test
    void fewerLanesOrAClosureAheadLengthenTheWaitAndPutOffTheBacklogsClearance() {
        Instant arrived = Instant.now().minus(Duration.ofMinutes(10));
        for (int i = 0; i < 40; i++) {
            as(OPERATOR)
                    .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                            .setEvent(CrossingEvent.newBuilder()
                                    .setEventId("ev-" + UUID.randomUUID())
                                    .setCheckpoint(NAME)
                                    .setType(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED)
                                    .setOccurTime(at(arrived))
                                    .setDirection(Direction.DIRECTION_EXIT)
                                    .setTruck(Truck.newBuilder()
                                            .setPlate("Q"
                                                    + UUID.randomUUID()
                                                            .toString()
                                                            .replace("-", "")
                                                            .substring(0, 7)
                                                            .toUpperCase())
                                            .setCarrierId("carrier-operations")))
                            .build());
        }
        CheckpointStatus before = status();
        assertThat(before.getTrucksWaiting()).isGreaterThanOrEqualTo(40);
        assertThat(before.hasBacklogClearTime())
                .as("the queue clears at the full capacity")
                .isTrue();
        Duration waitBefore = longestWait(before);

        int maximum = regular().getMaximum();
        try {
            setRegular(maximum / 2, "half the booths without staff");
            CheckpointStatus halved = status();
            assertThat(halved.getClearancesPerOpenHour()).isLessThan(before.getClearancesPerOpenHour());
            assertThat(longestWait(halved)).isGreaterThan(waitBefore);
            assertThat(ProtoTimes.instant(halved.getBacklogClearTime()))
                    .isAfter(ProtoTimes.instant(before.getBacklogClearTime()));
        } finally {
            setRegular(maximum, "all lanes back");
        }

        Instant now = Instant.now();
        Instant closureEnd = now.plus(Duration.ofDays(2));
        Closure ahead = as(OPERATOR)
                .scheduleClosure(ScheduleClosureRequest.newBuilder()
                        .setParent(NAME)
                        .setRequestId("closure-" + UUID.randomUUID())
                        .setClosure(Closure.newBuilder()
                                .setStartTime(at(now.plus(Duration.ofMinutes(30))))
                                .setEndTime(at(closureEnd))
                                .setReason("bridge repairs"))
                        .build())
                .getClosure();
        try {
            CheckpointStatus closing = status();
            assertThat(closing.getOperationalStatus())
                    .as("open until the closure starts")
                    .isNotEqualTo(OperationalStatus.OPERATIONAL_STATUS_CLOSED);
            assertThat(ProtoTimes.instant(closing.getBacklogClearTime()))
                    .as("cleared only after the closure")
                    .isAfter(closureEnd);
            assertThat(longestWait(closing))
                    .isGreaterThan(Duration.between(now, closureEnd).minusMinutes(30));
        } finally {
            as(OPERATOR)
                    .cancelClosure(CancelClosureRequest.newBuilder()
                            .setName(ahead.getName())
                            .build());
        }
        CheckpointStatus after = status();
        assertThat(ProtoTimes.instant(after.getBacklogClearTime())).isBefore(closureEnd);
    }

    private static Duration longestWait(CheckpointStatus status) {
        assertThat(status.getEstimatedWaitsList())
                .isNotEmpty()
                .allSatisfy(w -> assertThat(w.hasWait()).isTrue());
        return status.getEstimatedWaitsList().stream()
                .map(w -> ProtoTimes.duration(w.getWait()))
                .max(Duration::compareTo)
                .orElseThrow();
    }
}
