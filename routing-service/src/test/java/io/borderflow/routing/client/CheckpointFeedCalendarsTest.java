package io.borderflow.routing.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.checkpoint.v1.Checkpoint;
import io.borderflow.api.checkpoint.v1.Closure;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.OpeningSchedule;
import io.borderflow.support.grpc.ProtoTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calendars routing builds from a checkpoint and its closures: all of them, and each direction's own. */
class CheckpointFeedCalendarsTest {
    private static final Instant NOW = Instant.parse("2026-10-01T06:00:00Z");

    private static Closure closure(String reason, Direction direction, Instant start, Duration length) {
        return Closure.newBuilder()
                .setReason(reason)
                .setStartTime(ProtoTimes.timestamp(start))
                .setEndTime(ProtoTimes.timestamp(start.plus(length)))
                .setDirection(direction)
                .build();
    }

    @Test
    void aDirectionMeetsTheClosuresOfBothDirectionsAndOfItsOwnOnly() {
        Checkpoint nurZholy = Checkpoint.newBuilder()
                .setName("checkpoints/nur-zholy")
                .setSchedule(
                        OpeningSchedule.newBuilder().setTimeZone("Asia/Almaty").setAlwaysOpen(true))
                .build();
        List<Closure> closures = List.of(
                closure("PRC National Day", Direction.DIRECTION_EXIT, NOW, Duration.ofDays(7)),
                closure(
                        "Road works",
                        Direction.DIRECTION_UNSPECIFIED,
                        NOW.plus(Duration.ofDays(20)),
                        Duration.ofDays(1)),
                closure("Cancelled", Direction.DIRECTION_ENTRY, NOW, Duration.ofDays(3)).toBuilder()
                        .setCancelTime(ProtoTimes.timestamp(NOW.minusSeconds(60)))
                        .build());

        CheckpointFeed.Calendars calendars = CheckpointFeed.calendars(nurZholy, closures);

        Instant holiday = NOW.plus(Duration.ofDays(1));
        Instant works = NOW.plus(Duration.ofDays(20)).plus(Duration.ofHours(2));
        assertThat(calendars.directions().get("EXIT").isOpen(holiday)).isFalse();
        assertThat(calendars.directions().get("ENTRY").isOpen(holiday)).isTrue();
        assertThat(calendars.directions().get("ENTRY").isOpen(works)).isFalse();
        assertThat(calendars.directions().get("EXIT").isOpen(works)).isFalse();
        // for a caller that does not say which way: every standing closure
        assertThat(calendars.all().isOpen(holiday)).isFalse();
        assertThat(calendars.all().isOpen(NOW.plus(Duration.ofDays(10)))).isTrue();
    }
}
