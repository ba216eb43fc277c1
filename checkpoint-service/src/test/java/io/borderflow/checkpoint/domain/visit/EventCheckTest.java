package io.borderflow.checkpoint.domain.visit;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.support.error.FieldViolation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCheckTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static CrossingEventData arrived(Instant at) {
        return new CrossingEventData(
                "evt-00000001",
                "zhaisan",
                "ARRIVED",
                at,
                "EXIT",
                "123 ABC 02",
                "kaz-trans-01",
                null,
                "REGULAR",
                null,
                null);
    }

    @Test
    void aWellFormedEventHasNoProblem() {
        assertThat(EventCheck.problems(arrived(NOW.minusSeconds(60)), NOW)).isEmpty();
        // the sender's clock may run up to two minutes ahead
        assertThat(EventCheck.problems(arrived(NOW.plus(Duration.ofMinutes(2))), NOW))
                .isEmpty();
    }

    @Test
    void timesOutsideTheWindowAreRefused() {
        assertThat(EventCheck.problems(arrived(NOW.plus(Duration.ofMinutes(3))), NOW))
                .extracting(FieldViolation::field)
                .containsExactly("event.occur_time");
        assertThat(EventCheck.problems(arrived(NOW.minus(Duration.ofDays(31))), NOW))
                .extracting(FieldViolation::field)
                .containsExactly("event.occur_time");
    }

    @Test
    void everyProblemIsNamed() {
        CrossingEventData bad = new CrossingEventData(
                "short",
                "zhaisan",
                "INSPECTION_STARTED",
                null,
                null,
                "!!",
                "carrier with spaces",
                "not-a-uuid",
                "XRAY",
                null,
                "x".repeat(501));
        assertThat(EventCheck.problems(bad, NOW))
                .extracting(FieldViolation::field)
                .containsExactly(
                        "event.event_id",
                        "event.occur_time",
                        "event.direction",
                        "event.truck.plate",
                        "event.truck.carrier_id",
                        "event.declaration",
                        "event.lane_kind",
                        "event.lane_kind",
                        "event.channel",
                        "event.reason");
    }

    @Test
    void aChannelOnlyComesWithAnInspection() {
        CrossingEventData cleared = new CrossingEventData(
                "evt-00000002", "zhaisan", "CLEARED", NOW, "EXIT", "123ABC02", "kaz-trans-01", null, null, "RED", null);
        assertThat(EventCheck.problems(cleared, NOW))
                .extracting(FieldViolation::field)
                .containsExactly("event.channel");
    }

    @Test
    void platesCompareWithoutCaseSpacesAndHyphens() {
        assertThat(EventCheck.plateKey("123 abc-02")).isEqualTo("123ABC02");
    }
}
