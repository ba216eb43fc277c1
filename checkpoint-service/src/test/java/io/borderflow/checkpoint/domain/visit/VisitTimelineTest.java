package io.borderflow.checkpoint.domain.visit;

import static io.borderflow.checkpoint.domain.visit.VisitTimeline.Type.ARRIVED;
import static io.borderflow.checkpoint.domain.visit.VisitTimeline.Type.BOOKED;
import static io.borderflow.checkpoint.domain.visit.VisitTimeline.Type.CALLED_FORWARD;
import static io.borderflow.checkpoint.domain.visit.VisitTimeline.Type.CANCELLED;
import static io.borderflow.checkpoint.domain.visit.VisitTimeline.Type.CLEARED;
import static io.borderflow.checkpoint.domain.visit.VisitTimeline.Type.INSPECTION_STARTED;
import static io.borderflow.checkpoint.domain.visit.VisitTimeline.Type.NO_SHOW;
import static io.borderflow.checkpoint.domain.visit.VisitTimeline.Type.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.checkpoint.domain.visit.VisitTimeline.Event;
import io.borderflow.checkpoint.domain.visit.VisitTimeline.State;
import io.borderflow.checkpoint.domain.visit.VisitTimeline.Type;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VisitTimelineTest {
    private static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");

    private static Event at(Type type, int hour) {
        return new Event(type, T0.plusSeconds(hour * 3600L));
    }

    private static Optional<String> add(List<Event> events, Event added) {
        return VisitTimeline.problem(events, added);
    }

    @Test
    void aWholeVisitInOrderIsValidAndEndsCleared() {
        List<Event> visit = List.of(at(BOOKED, 0), at(ARRIVED, 2), at(CALLED_FORWARD, 30), at(INSPECTION_STARTED, 31));
        assertThat(add(visit, at(CLEARED, 33))).isEmpty();
        assertThat(VisitTimeline.state(visit)).isEqualTo(State.IN_INSPECTION);
        assertThat(VisitTimeline.state(List.of(at(ARRIVED, 2)))).isEqualTo(State.WAITING);
        assertThat(VisitTimeline.state(List.of(at(ARRIVED, 2), at(CALLED_FORWARD, 3))))
                .isEqualTo(State.CALLED);
        assertThat(VisitTimeline.state(List.of(at(BOOKED, 0)))).isEqualTo(State.BOOKED);
    }

    @Test
    void lateEventsFitWhereTheyHappened() {
        // received: ARRIVED at 2, CLEARED at 9; then, late, INSPECTION_STARTED at 8
        List<Event> received = List.of(at(ARRIVED, 2), at(CLEARED, 9));
        assertThat(add(received, at(INSPECTION_STARTED, 8))).isEmpty();
        assertThat(VisitTimeline.state(List.of(at(CLEARED, 9), at(INSPECTION_STARTED, 8), at(ARRIVED, 2))))
                .isEqualTo(State.CLEARED);
        // and a late booking before the arrival
        assertThat(add(received, at(BOOKED, 1))).isEmpty();
    }

    @Test
    void impossibleVisitsAreRefusedWithAReason() {
        assertThat(add(List.of(), at(CLEARED, 3)))
                .hasValueSatisfying(p -> assertThat(p).contains("before the truck was booked or arrived"));
        assertThat(add(List.of(at(ARRIVED, 5)), at(CLEARED, 4)))
                .hasValue("CLEARED at 2026-11-20T10:00:00Z comes before the truck was booked or arrived");
        assertThat(add(List.of(at(ARRIVED, 4)), at(CALLED_FORWARD, 3)))
                .hasValue("CALLED_FORWARD at 2026-11-20T09:00:00Z comes before the truck was booked or arrived");
        assertThat(add(List.of(at(ARRIVED, 1), at(CLEARED, 4)), at(CLEARED, 6)))
                .hasValueSatisfying(p -> assertThat(p).contains("after the visit ended (CLEARED"));
        assertThat(add(List.of(at(ARRIVED, 1)), at(ARRIVED, 2)))
                .hasValueSatisfying(p -> assertThat(p).contains("a second ARRIVED"));
        assertThat(add(List.of(at(BOOKED, 0), at(ARRIVED, 1)), at(NO_SHOW, 3)))
                .hasValueSatisfying(p -> assertThat(p).contains("the truck arrived"));
        assertThat(add(List.of(at(ARRIVED, 1)), at(NO_SHOW, 3)))
                .hasValueSatisfying(p -> assertThat(p).contains("not booked"));
        assertThat(add(List.of(at(ARRIVED, 1)), at(BOOKED, 2)))
                .hasValueSatisfying(p -> assertThat(p).contains("after the truck arrived"));
        assertThat(add(List.of(at(ARRIVED, 1), at(INSPECTION_STARTED, 2)), at(CALLED_FORWARD, 3)))
                .hasValueSatisfying(p -> assertThat(p).contains("after the inspection started"));
        assertThat(add(List.of(at(BOOKED, 1)), at(REFUSED, 2)))
                .hasValueSatisfying(p -> assertThat(p).contains("before the truck arrived"));
    }

    @Test
    void aBookingEndsByNoShowOrCancellation() {
        assertThat(add(List.of(at(BOOKED, 0)), at(NO_SHOW, 4))).isEmpty();
        assertThat(add(List.of(at(BOOKED, 0)), at(CANCELLED, 1))).isEmpty();
        assertThat(VisitTimeline.state(List.of(at(BOOKED, 0), at(NO_SHOW, 4)))).isEqualTo(State.NO_SHOW);
        assertThat(add(List.of(at(ARRIVED, 0)), at(CANCELLED, 1)))
                .as("a truck may leave the queue")
                .isEmpty();
    }

    @Test
    void eventsAtTheSameInstantFollowTheOrderOfAVisit() {
        assertThat(add(List.of(at(ARRIVED, 1)), at(CLEARED, 1))).isEmpty();
        assertThat(VisitTimeline.state(List.of(at(CLEARED, 1), at(ARRIVED, 1)))).isEqualTo(State.CLEARED);
    }

    @Test
    void onlyTheEndsEndAndOnlyBookingAndArrivalStart() {
        assertThat(List.of(Type.values()))
                .filteredOn(Type::ends)
                .containsExactly(CLEARED, REFUSED, Type.REDIRECTED, NO_SHOW, CANCELLED);
        assertThat(List.of(Type.values())).filteredOn(Type::starts).containsExactly(BOOKED, ARRIVED);
        assertThat(List.of(State.values()))
                .filteredOn(State::open)
                .containsExactly(State.BOOKED, State.WAITING, State.CALLED, State.IN_INSPECTION);
    }
}
