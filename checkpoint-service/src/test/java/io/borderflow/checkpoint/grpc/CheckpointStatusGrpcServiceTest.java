package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrier;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.duration;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.instant;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.operator;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.plate;
import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.borderflow.api.checkpoint.v1.BatchGetCheckpointStatusesRequest;
import io.borderflow.api.checkpoint.v1.ChannelWaitEstimate;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.CheckpointStatus;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.DirectionStatus;
import io.borderflow.api.checkpoint.v1.EstimationMethod;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.FigureBasis;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.HandlingBasis;
import io.borderflow.api.checkpoint.v1.InspectionChannel;
import io.borderflow.api.checkpoint.v1.LaneAvailability;
import io.borderflow.api.checkpoint.v1.LaneKind;
import io.borderflow.api.checkpoint.v1.OperationalStatus;
import io.borderflow.api.checkpoint.v1.QueueCount;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GetCheckpointStatus and BatchGetCheckpointStatuses over a known scenario. The scenario goes to the first of
 * {@link #QUIET_CANDIDATES} that no visit has touched in the last day (on a fresh test database: {@code red-bridge};
 * a rerun on the same database moves on to the next), so that every figure can be asserted exactly. {@code aktau}
 * takes the congested queue (more trucks only congest it more); {@code zhelkuar} is only read.
 */
@QuarkusTest
class CheckpointStatusGrpcServiceTest {
    /** Always open, 2 regular lanes, a nominal capacity far above the modelled rate of the scenario. */
    private static final List<String> QUIET_CANDIDATES = List.of("red-bridge", "sarpi", "alat");

    private static final String CONGESTED = "aktau";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    @Test
    void theStatusCountsTheScenarioExactly() {
        String checkpoint = quietCheckpoint();
        CheckpointStatus empty = status(checkpoint);
        assertThat(empty.getOperationalStatus()).isEqualTo(OperationalStatus.OPERATIONAL_STATUS_OPEN);
        assertThat(empty.hasObservedWaits()).as("no truck cleared").isFalse();
        assertThat(empty.getWaitingList()).isEmpty();
        assertThat(empty.getEstimatedWaitsList())
                .extracting(w -> duration(w.getWait()))
                .containsOnly(Duration.ZERO);

        Instant now = CrossingFixtures.now();
        Scenario scenario = new Scenario(checkpoint);
        scenario.clearedAfter("C1", now.minus(HOUR.multipliedBy(10)), now.minus(MINUTE.multipliedBy(30))); // 9h30
        scenario.clearedAfter("C2", now.minus(HOUR.multipliedBy(8)), now.minus(HOUR.multipliedBy(3))); // 5h
        scenario.send("C3", CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(HOUR.multipliedBy(6)));
        scenario.send(scenario.event(
                        "C3", CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED, now.minus(HOUR.multipliedBy(5)))
                .setChannel(InspectionChannel.INSPECTION_CHANNEL_GREEN));
        scenario.send("C3", CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, now.minus(HOUR.multipliedBy(4))); // 2h
        scenario.clearedAfter("C4", now.minus(HOUR.multipliedBy(20)), now.minus(HOUR.multipliedBy(2))); // 18h
        scenario.clearedAfter("C5", now.minus(HOUR.multipliedBy(3)), now.minus(MINUTE.multipliedBy(40))); // 2h20
        // Cleared more than a day ago: neither an arrival nor a clearance of the last 24 hours.
        scenario.clearedAfter("OLD", now.minus(HOUR.multipliedBy(28)), now.minus(HOUR.multipliedBy(25)));
        // Arrived, then left without clearance: arrivals, not clearances.
        scenario.send("REF", CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(HOUR.multipliedBy(7)));
        scenario.send("REF", CrossingEventType.CROSSING_EVENT_TYPE_REFUSED, now.minus(MINUTE.multipliedBy(90)));
        scenario.send("X", CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(HOUR.multipliedBy(4)));
        scenario.send("X", CrossingEventType.CROSSING_EVENT_TYPE_CANCELLED, now.minus(HOUR.multipliedBy(3)));
        // Queued now: two regular (one of them called forward), one priority; one in inspection; one booked only.
        scenario.send("W1", CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(HOUR.multipliedBy(2)));
        scenario.send(
                scenario.event("W2", CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(MINUTE.multipliedBy(90)))
                        .setLaneKind(LaneKind.LANE_KIND_PRIORITY));
        scenario.send("W3", CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(HOUR));
        scenario.send("W3", CrossingEventType.CROSSING_EVENT_TYPE_CALLED_FORWARD, now.minus(MINUTE.multipliedBy(30)));
        scenario.send("I1", CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, now.minus(HOUR.multipliedBy(5)));
        scenario.send(scenario.event(
                        "I1",
                        CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED,
                        now.minus(MINUTE.multipliedBy(20)))
                .setChannel(InspectionChannel.INSPECTION_CHANNEL_RED));
        scenario.send("B1", CrossingEventType.CROSSING_EVENT_TYPE_BOOKED, now.minus(HOUR));

        CheckpointStatus status = status(checkpoint);

        assertThat(status.getName()).isEqualTo("checkpoints/" + checkpoint + "/status");
        // W1, W2 and W3 (called forward, not yet inspected); not I1 (inspected) nor B1 (not arrived).
        assertThat(status.getTrucksWaiting()).isEqualTo(3);
        assertThat(status.getWaitingList())
                .containsExactlyInAnyOrder(
                        queue(LaneKind.LANE_KIND_REGULAR, InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED, 2),
                        queue(LaneKind.LANE_KIND_PRIORITY, InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED, 1));
        assertThat(status.getTrucksInInspection()).isEqualTo(1);
        assertThat(status.getLanesList())
                .containsExactly(LaneAvailability.newBuilder()
                        .setKind(LaneKind.LANE_KIND_REGULAR)
                        .setOpen(2)
                        .setMaximum(2)
                        .build());
        // C1 (30 min ago) and C5 (40 min ago) in the last hour; C1-C5 in the last day; OLD, REF and X are not.
        assertThat(status.getClearancesLastHour()).isEqualTo(2);
        assertThat(status.getClearancesLast24H()).isEqualTo(5);
        // Waits 2h, 2h20, 5h, 9h30, 18h. Nearest rank: median the ceil(0.5 * 5) = 3rd, p90 the ceil(0.9 * 5) = 5th.
        assertThat(status.getObservedWaits().getTrucks()).isEqualTo(5);
        assertThat(duration(status.getObservedWaits().getMedian())).isEqualTo(Duration.ofHours(5));
        assertThat(duration(status.getObservedWaits().getP90())).isEqualTo(Duration.ofHours(18));
        // Arrived in the last 24 hours: C1-C5, REF, X, W1-W3, I1 = 11 (OLD 28 h ago, B1 never).
        assertThat(status.getArrivalsPerHour()).isCloseTo(11 / 24.0, within(1e-9));
        assertThat(status.getOperationalStatus()).isEqualTo(OperationalStatus.OPERATIONAL_STATUS_OPEN);
        assertThat(status.getStatusReason()).isEqualTo("3 trucks wait");

        // The queue model, by hand, with the handling times of the active ruleset that inspection-service (here its
        // stand-in, rulesets/7) publishes, as no truck here has a decision: undecided 100 min (its documentary check),
        // GREEN 4 min, RED reported by the post 300 min (unloading assumed). Every truck here leaves the country
        // (DIRECTION_EXIT), and one of the two regular lanes serves that direction. Arrival mix of the last day: 9
        // undecided, C3 GREEN, I1 RED: mean handling (9 * 100 + 4 + 300) / 11 min. The lane clears 1 / mean handling
        // trucks per open hour (far below any candidate's nominal cap), i.e. 1 lane-hour of work per open hour. Work
        // ahead of a truck arriving now: 3 undecided trucks * 100 min = 5 lane-hours, 5 h by the fluid model. But the
        // lane is busy 11/24 * mean handling = 84 % of the time, under the 90 % from which only the fluid model
        // counts, and the steady state (Erlang C with one server, M/M/1: utilisation * mean / (1 - utilisation),
        // times the Allen-Cunneen spread of this mix, E[S^2] / (2 E[S]^2) with each channel's time exponential) says
        // more: 12.7 h, the figure given. Every channel queues in the regular lanes. The empty entering direction
        // clears 1 / 100 min; the checkpoint-wide figures are the exit's waits and both directions' capacity.
        double meanHandlingHours = (9 * 100 + 4 + 300) / 60.0 / 11;
        DirectionStatus leaving = status.getDirections(0);
        assertThat(leaving.getDirection()).isEqualTo(Direction.DIRECTION_EXIT);
        assertThat(leaving.getTrucksWaiting()).isEqualTo(3);
        assertThat(leaving.getClearancesPerOpenHour()).isCloseTo(1 / meanHandlingHours, within(1e-9));
        assertThat(status.getDirections(1).getTrucksWaiting()).isZero();
        assertThat(status.getClearancesPerOpenHour()).isCloseTo(1 / meanHandlingHours + 0.6, within(1e-9));
        assertThat(status.getEstimatedWaitsList()).isEqualTo(leaving.getEstimatedWaitsList());
        assertThat(status.getCapacityBasis()).isEqualTo(FigureBasis.FIGURE_BASIS_MODELLED);
        Map<InspectionChannel, Duration> handling = Map.of(
                InspectionChannel.INSPECTION_CHANNEL_GREEN,
                Duration.ofMinutes(4),
                InspectionChannel.INSPECTION_CHANNEL_BLUE,
                Duration.ofMinutes(6),
                InspectionChannel.INSPECTION_CHANNEL_YELLOW,
                Duration.ofMinutes(100),
                InspectionChannel.INSPECTION_CHANNEL_RED,
                Duration.ofMinutes(300),
                InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED,
                Duration.ofMinutes(100));
        assertThat(status.getHandlingList())
                .allSatisfy(h -> {
                    assertThat(h.getBasis()).isEqualTo(HandlingBasis.HANDLING_BASIS_RULESET);
                    assertThat(h.getSource()).isEqualTo("rulesets/7");
                    assertThat(h.getTrucks()).isZero();
                })
                .extracting(h -> h.getChannel(), h -> duration(h.getMean()))
                .containsExactlyInAnyOrderElementsOf(handling.entrySet().stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(), e.getValue()))
                        .toList());
        double utilisation = 11 / 24.0 * meanHandlingHours;
        double secondMoment = 2 * (9 * Math.pow(100 / 60.0, 2) + Math.pow(4 / 60.0, 2) + Math.pow(300 / 60.0, 2)) / 11;
        double erlangHours = utilisation
                * meanHandlingHours
                / (1 - utilisation)
                * secondMoment
                / (2 * meanHandlingHours * meanHandlingHours);
        assertThat(erlangHours).isGreaterThan(5);
        assertThat(status.getEstimatedWaitsList())
                .extracting(ChannelWaitEstimate::getChannel)
                .containsExactlyInAnyOrderElementsOf(handling.keySet());
        for (ChannelWaitEstimate estimate : status.getEstimatedWaitsList()) {
            assertThat(duration(estimate.getWait()))
                    .as("%s", estimate.getChannel())
                    .isPositive();
            assertThat(seconds(estimate.getWait()))
                    .as("%s", estimate.getChannel())
                    .isCloseTo(erlangHours * 3600.0, within(1.0));
            assertThat(seconds(estimate.getTimeToClear()) - seconds(estimate.getWait()))
                    .as("%s", estimate.getChannel())
                    .isCloseTo(handling.get(estimate.getChannel()).toSeconds(), within(0.001));
            assertThat(estimate.getMethod()).isEqualTo(EstimationMethod.ESTIMATION_METHOD_ERLANG_C);
            assertThat(estimate.getBasis()).isEqualTo(FigureBasis.FIGURE_BASIS_MODELLED);
        }
        // Backlog: 5 lane-hours drained at 1 lane-hour per hour while arrivals add 11/24 * mean handling per hour.
        double backlogHours = 5 / (1 - 11 / 24.0 * meanHandlingHours);
        assertThat(Duration.between(instant(status.getUpdateTime()), instant(status.getBacklogClearTime()))
                                .toMillis()
                        / 3_600_000.0)
                .isCloseTo(backlogHours, within(1 / 60.0));
        assertThat(status.getBacklogClearBasis()).isEqualTo(FigureBasis.FIGURE_BASIS_MODELLED);
        assertThat(Duration.between(instant(status.getUpdateTime()), Instant.now())
                        .abs())
                .isLessThan(MINUTE);
    }

    @Test
    void aDayOfWorkWaitingIsCongestion() {
        // aktau: 1 lane, always open, 55 trucks a day. 16 undecided trucks (the active ruleset's documentary check,
        // 100 min each) are 26 h 40 min of work for a lane that works one lane-hour an hour: a truck arriving now waits
        // at least that.
        Scenario scenario = new Scenario(CONGESTED);
        Instant now = CrossingFixtures.now();
        for (int i = 0; i < 16; i++) {
            scenario.send(
                    "T" + i,
                    CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                    now.minus(MINUTE.multipliedBy(10L * i + 1)));
        }

        CheckpointStatus status = status(CONGESTED);

        assertThat(status.getTrucksWaiting()).isGreaterThanOrEqualTo(16);
        assertThat(status.getOperationalStatus()).isEqualTo(OperationalStatus.OPERATIONAL_STATUS_CONGESTED);
        assertThat(status.getStatusReason()).startsWith(status.getTrucksWaiting() + " trucks wait");
        ChannelWaitEstimate undecided = status.getEstimatedWaitsList().stream()
                .filter(w -> w.getChannel() == InspectionChannel.INSPECTION_CHANNEL_UNSPECIFIED)
                .findFirst()
                .orElseThrow();
        assertThat(duration(undecided.getWait()))
                .isGreaterThanOrEqualTo(Duration.ofMinutes(16 * 100).minusSeconds(1));
    }

    @Test
    void aCheckpointOutsideItsOpeningHoursIsClosed() {
        // zhelkuar: 09:00-18:00 every day, Asia/Almaty.
        LocalTime local = LocalTime.now(ZoneId.of("Asia/Almaty"));
        boolean nearTheEdge = List.of(LocalTime.of(9, 0), LocalTime.of(18, 0)).stream()
                .anyMatch(edge -> Math.abs(Duration.between(edge, local).toSeconds()) < 120);
        org.junit.jupiter.api.Assumptions.assumeFalse(nearTheEdge, "too close to opening or closing time");
        boolean open = !local.isBefore(LocalTime.of(9, 0)) && local.isBefore(LocalTime.of(18, 0));

        CheckpointStatus status = status("zhelkuar");

        if (open) {
            assertThat(status.getOperationalStatus()).isNotEqualTo(OperationalStatus.OPERATIONAL_STATUS_CLOSED);
        } else {
            assertThat(status.getOperationalStatus()).isEqualTo(OperationalStatus.OPERATIONAL_STATUS_CLOSED);
            assertThat(status.getStatusReason())
                    .contains("outside opening hours")
                    .contains("opens");
        }
    }

    @Test
    void aBatchAnswersInTheOrderAsked() {
        List<String> names = List.of(
                "checkpoints/zhelkuar/status",
                "checkpoints/aktau/status",
                "checkpoints/zhaisan/status",
                "checkpoints/aktau/status");

        List<CheckpointStatus> statuses = stub().batchGetCheckpointStatuses(
                        BatchGetCheckpointStatusesRequest.newBuilder()
                                .addAllNames(names)
                                .build())
                .getStatusesList();

        assertThat(statuses).extracting(CheckpointStatus::getName).isEqualTo(names);
    }

    @Test
    void aBatchOfFiftyIsAllowed() {
        List<String> names = IntStream.range(0, 50)
                .mapToObj(i -> "checkpoints/zhaisan/status")
                .toList();
        assertThat(stub().batchGetCheckpointStatuses(BatchGetCheckpointStatusesRequest.newBuilder()
                                .addAllNames(names)
                                .build())
                        .getStatusesCount())
                .isEqualTo(50);
    }

    @Test
    void aBatchWithAnUnknownCheckpointIsNotFoundWhole() {
        var failure = assertFails(
                () -> stub().batchGetCheckpointStatuses(BatchGetCheckpointStatusesRequest.newBuilder()
                        .addNames("checkpoints/zhaisan/status")
                        .addNames("checkpoints/atlantis/status")
                        .build()),
                Status.Code.NOT_FOUND,
                "CHECKPOINT_NOT_FOUND");
        assertThat(failure.description()).contains("checkpoints/atlantis");
    }

    @Test
    void aBatchNamesItsMalformedName() {
        var failure = assertFails(
                () -> stub().batchGetCheckpointStatuses(BatchGetCheckpointStatusesRequest.newBuilder()
                        .addNames("checkpoints/zhaisan/status")
                        .addNames("checkpoints/zhaisan")
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_NAME");
        assertThat(failure.badFields()).containsExactly("names[1]");
    }

    @Test
    void aBatchOfNoneOrMoreThanFiftyIsInvalid() {
        var none = assertFails(
                () -> stub().batchGetCheckpointStatuses(BatchGetCheckpointStatusesRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_NAME");
        assertThat(none.badFields()).containsExactly("names");
        List<String> fiftyOne = IntStream.range(0, 51)
                .mapToObj(i -> "checkpoints/zhaisan/status")
                .toList();
        var tooMany = assertFails(
                () -> stub().batchGetCheckpointStatuses(BatchGetCheckpointStatusesRequest.newBuilder()
                        .addAllNames(fiftyOne)
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_NAME");
        assertThat(tooMany.badFields()).containsExactly("names");
    }

    @Test
    void anUnknownCheckpointIsNotFound() {
        var failure = assertFails(() -> status("atlantis"), Status.Code.NOT_FOUND, "CHECKPOINT_NOT_FOUND");
        assertThat(failure.errorInfo().getDomain()).isEqualTo("checkpoint.borderflow.io");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                "checkpoints/zhaisan",
                "zhaisan/status",
                "checkpoints/Zhaisan/status",
                "checkpoints/zhaisan/status/",
                "checkpoints//status",
                "checkpoints/zhaisan/lanes/1/status"
            })
    void aMalformedNameIsInvalid(String name) {
        var failure = assertFails(
                () -> stub().getCheckpointStatus(GetCheckpointStatusRequest.newBuilder()
                        .setName(name)
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_NAME");
        assertThat(failure.badFields()).containsExactly("name");
    }

    @Test
    void anyValidTokenMayRead() {
        for (String role : Roles.all()) {
            CheckpointStatus status = checkpoints
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .withCallCredentials(TestTokens.as(role))
                    .getCheckpointStatus(GetCheckpointStatusRequest.newBuilder()
                            .setName("checkpoints/zhaisan/status")
                            .build())
                    .getStatus();
            assertThat(status.getName()).as(role).isEqualTo("checkpoints/zhaisan/status");
        }
    }

    @Test
    void withoutATokenTheStatusIsUnauthenticated() {
        Throwable single = catchThrowable(() -> checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getCheckpointStatus(GetCheckpointStatusRequest.newBuilder()
                        .setName("checkpoints/zhaisan/status")
                        .build()));
        Throwable batch = catchThrowable(() -> checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .batchGetCheckpointStatuses(BatchGetCheckpointStatusesRequest.newBuilder()
                        .addNames("checkpoints/zhaisan/status")
                        .build()));
        assertThat(Status.fromThrowable(single).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(Status.fromThrowable(batch).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    // --- helpers ---

    /** Trucks of one scenario at one checkpoint, by label: fresh plates, one carrier, one operator. */
    private final class Scenario {
        private final String checkpoint;
        private final String carrier = carrier();
        private final CallCredentials operator;
        private final Map<String, String> plates = new java.util.HashMap<>();

        Scenario(String checkpoint) {
            this.checkpoint = checkpoint;
            this.operator = operator(checkpoint);
        }

        CrossingEvent.Builder event(String truck, CrossingEventType type, Instant at) {
            return CrossingFixtures.event(checkpoint, type, at, plates.computeIfAbsent(truck, t -> plate()), carrier);
        }

        void send(String truck, CrossingEventType type, Instant at) {
            send(event(truck, type, at));
        }

        void send(CrossingEvent.Builder event) {
            var ack = checkpoints
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .withCallCredentials(operator)
                    .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                            .setEvent(event)
                            .build())
                    .getAck();
            assertThat(ack.getOutcome()).as("%s", event).isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED);
        }

        void clearedAfter(String truck, Instant arrived, Instant cleared) {
            send(truck, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, arrived);
            send(truck, CrossingEventType.CROSSING_EVENT_TYPE_CLEARED, cleared);
        }
    }

    /** The first candidate without trucks queued, in inspection, arrived or cleared in the last day. */
    private String quietCheckpoint() {
        List<String> busy = new ArrayList<>();
        for (String candidate : QUIET_CANDIDATES) {
            CheckpointStatus status = status(candidate);
            if (status.getTrucksWaiting() == 0
                    && status.getTrucksInInspection() == 0
                    && status.getClearancesLast24H() == 0
                    && status.getArrivalsPerHour() == 0) {
                return candidate;
            }
            busy.add(candidate);
        }
        throw new AssertionError("every candidate checkpoint had trucks in the last day: " + busy);
    }

    private CheckpointServiceBlockingStub stub() {
        return checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(TestTokens.as(Roles.FREIGHT_PLATFORM));
    }

    private CheckpointStatus status(String checkpointId) {
        return stub().getCheckpointStatus(GetCheckpointStatusRequest.newBuilder()
                        .setName("checkpoints/" + checkpointId + "/status")
                        .build())
                .getStatus();
    }

    private static QueueCount queue(LaneKind kind, InspectionChannel channel, int trucks) {
        return QueueCount.newBuilder()
                .setLaneKind(kind)
                .setChannel(channel)
                .setTrucks(trucks)
                .build();
    }

    private static double seconds(com.google.protobuf.Duration duration) {
        return duration.getSeconds() + duration.getNanos() / 1e9;
    }
}
