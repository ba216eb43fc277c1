package io.borderflow.checkpoint.grpc;

import static io.borderflow.checkpoint.grpc.CrossingFixtures.carrier;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.duration;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.instant;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.operator;
import static io.borderflow.checkpoint.grpc.CrossingFixtures.plate;
import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CancelClosureRequest;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.CheckpointStatus;
import io.borderflow.api.checkpoint.v1.Closure;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.DirectionStatus;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.ForecastWaitsRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.InspectionChannel;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.ScheduleClosureRequest;
import io.borderflow.api.checkpoint.v1.WaitForecast;
import io.borderflow.api.checkpoint.v1.WaitQuery;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.queueing.QueueForecast;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ForecastWaits: the status of the direction asked, carried to the arrival by the forecast routing-service applies
 * too. Kuryk (a Caspian ferry port, always open, no holiday in the calendar) gets 30 trucks leaving Kazakhstan.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaitForecastGrpcServiceTest {
    private static final String CHECKPOINT = "kuryk";
    private static final int LEAVING = 30;

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    private CheckpointServiceBlockingStub as(CallCredentials credentials) {
        return checkpoints.withDeadlineAfter(10, TimeUnit.SECONDS).withCallCredentials(credentials);
    }

    @BeforeAll
    void thirtyTrucksWaitToLeave() {
        CallCredentials post = operator(CHECKPOINT);
        String carrier = carrier();
        Instant now = Instant.now();
        for (int i = 0; i < LEAVING; i++) {
            var ack = as(post).recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                            .setEvent(CrossingFixtures.event(
                                    CHECKPOINT,
                                    CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                                    now.minus(Duration.ofMinutes(5L * i + 1)),
                                    plate(),
                                    carrier))
                            .build())
                    .getAck();
            assertThat(ack.getOutcome()).isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED);
        }
    }

    private static WaitQuery query(Direction direction, Instant arrival) {
        return WaitQuery.newBuilder()
                .setCheckpoint("checkpoints/" + CHECKPOINT)
                .setDirection(direction)
                .setArrivalTime(ProtoTimes.timestamp(arrival))
                .setChannel(InspectionChannel.INSPECTION_CHANNEL_RED)
                .build();
    }

    private List<WaitForecast> forecast(WaitQuery... queries) {
        return as(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .forecastWaits(ForecastWaitsRequest.newBuilder()
                        .addAllQueries(List.of(queries))
                        .build())
                .getForecastsList();
    }

    private DirectionStatus leaving() {
        CheckpointStatus status = as(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .getCheckpointStatus(GetCheckpointStatusRequest.newBuilder()
                        .setName("checkpoints/" + CHECKPOINT + "/status")
                        .build())
                .getStatus();
        return status.getDirectionsList().stream()
                .filter(d -> d.getDirection() == Direction.DIRECTION_EXIT)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theWaitIsTheDirectionsStatusCarriedToTheArrivalByTheSharedForecast() {
        DirectionStatus leaving = leaving();
        assertThat(leaving.getTrucksWaiting()).isGreaterThanOrEqualTo(LEAVING);
        Instant inTwoDays = Instant.now().plus(Duration.ofDays(2));

        List<WaitForecast> answers =
                forecast(query(Direction.DIRECTION_EXIT, inTwoDays), query(Direction.DIRECTION_ENTRY, inTwoDays));

        WaitForecast out = answers.get(0);
        assertThat(out.getQuery()).isEqualTo(query(Direction.DIRECTION_EXIT, inTwoDays));
        Instant served = QueueForecast.damped(
                        OpeningCalendar.alwaysOpen(ZoneId.of("Asia/Almaty"), List.of()),
                        leaving.getClearancesPerOpenHour(),
                        leaving.getArrivalsPerHour(),
                        leaving.getTrucksWaiting(),
                        instant(out.getStatusTime()))
                .servedAt(inTwoDays)
                .orElseThrow();
        assertThat(duration(out.getWait())).isEqualTo(Duration.between(inTwoDays, served));
        assertThat(duration(out.getWait())).isGreaterThan(Duration.ofHours(1));
        assertThat(out.hasOpensTime()).isFalse();
        // the RED truck's handling, as the status has it (the stand-in ruleset's unloading, 300 min)
        assertThat(duration(out.getHandling())).isEqualTo(Duration.ofMinutes(300));
        // nobody waits to enter Kazakhstan here
        assertThat(duration(answers.get(1).getWait())).isZero();
        assertThat(answers.get(1).getTrucksAhead()).isZero();
    }

    @Test
    void aTruckArrivingDuringAClosureOfItsDirectionWaitsForTheOpening() {
        Instant start = Instant.now().plus(Duration.ofDays(3));
        Instant end = start.plus(Duration.ofDays(1));
        CallCredentials post = operator(CHECKPOINT);
        Closure closure = as(post).scheduleClosure(ScheduleClosureRequest.newBuilder()
                        .setParent("checkpoints/" + CHECKPOINT)
                        .setRequestId("forecast-" + UUID.randomUUID())
                        .setClosure(Closure.newBuilder()
                                .setStartTime(at(start))
                                .setEndTime(at(end))
                                .setReason("Ferry berth repairs, inbound")
                                .setDirection(Direction.DIRECTION_ENTRY))
                        .build())
                .getClosure();
        try {
            Instant during = start.plus(Duration.ofHours(6));
            List<WaitForecast> answers =
                    forecast(query(Direction.DIRECTION_ENTRY, during), query(Direction.DIRECTION_EXIT, during));

            assertThat(instant(answers.get(0).getOpensTime())).isEqualTo(instant(at(end)));
            assertThat(answers.get(1).hasOpensTime())
                    .as("the other direction is open")
                    .isFalse();
        } finally {
            as(post).cancelClosure(CancelClosureRequest.newBuilder()
                    .setName(closure.getName())
                    .build());
        }
    }

    @Test
    void badQueriesAreRefusedNamingEachFieldAndAnUnknownCheckpointIsNotFound() {
        Instant now = Instant.now();
        WaitQuery good = query(Direction.DIRECTION_EXIT, now.plus(Duration.ofHours(5)));
        assertThat(assertFails(
                                () -> forecast(
                                        good,
                                        good.toBuilder()
                                                .setDirection(Direction.DIRECTION_UNSPECIFIED)
                                                .build(),
                                        good.toBuilder()
                                                .setArrivalTime(ProtoTimes.timestamp(now.plus(Duration.ofDays(15))))
                                                .build(),
                                        good.toBuilder()
                                                .setArrivalTime(ProtoTimes.timestamp(now.minus(Duration.ofHours(1))))
                                                .build(),
                                        good.toBuilder().clearArrivalTime().build(),
                                        good.toBuilder().setCheckpoint("kuryk").build(),
                                        good.toBuilder().setChannelValue(42).build()),
                                Status.Code.INVALID_ARGUMENT,
                                "INVALID_FORECAST")
                        .badFields())
                .containsExactly(
                        "queries[1].direction",
                        "queries[2].arrival_time",
                        "queries[3].arrival_time",
                        "queries[4].arrival_time",
                        "queries[5].checkpoint",
                        "queries[6].channel");
        assertThat(assertFails(() -> forecast(), Status.Code.INVALID_ARGUMENT, "INVALID_FORECAST")
                        .badFields())
                .containsExactly("queries");
        assertFails(
                () -> forecast(
                        good,
                        good.toBuilder().setCheckpoint("checkpoints/atlantis").build()),
                Status.Code.NOT_FOUND,
                "CHECKPOINT_NOT_FOUND");
    }

    private static Timestamp at(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).build();
    }
}
