package io.borderflow.checkpoint.domain.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.checkpoint.model.CrossingEventData;
import io.borderflow.checkpoint.model.CrossingEventEntity;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.borderflow.support.error.AlreadyExistsException;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.reference.ReferenceFile;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TruckHistoryTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-01T20:00:00Z");

    private static CrossingEventData event(String id, String type, Instant at) {
        return new CrossingEventData(
                id, "zhaisan", type, at, "EXIT", "123 ABC 02", "kaz-trans", null, null, null, null);
    }

    private static TruckHistory.Placement place(TruckHistory history, CrossingEventData event) {
        String content = TruckHistory.content(event);
        return history.place(event, content, ReferenceFile.sha256(content), NOW, "post");
    }

    private static CrossingEventData event(String id, String type, Instant at, String carrierId) {
        return new CrossingEventData(id, "zhaisan", type, at, "EXIT", "123 ABC 02", carrierId, null, null, null, null);
    }

    @Test
    void anArrivalOfAnotherCarrierNeverJoinsABookedVisitAndItsCancellationNeverEndsTheArrival() {
        TruckHistory history = new TruckHistory(List.of(), List.of());
        // a squatter booked the plate; the truck that comes is the owner's
        TruckHistory.Placement booked = place(history, event("b1", "BOOKED", T0, "squatter"));
        TruckHistory.Placement arrived = place(history, event("a1", "ARRIVED", T0.plusSeconds(3600), "owner"));

        assertThat(arrived.newVisit()).isTrue();
        assertThat(arrived.visit()).isNotSameAs(booked.visit());
        assertThat(arrived.visit().carrierId).isEqualTo("owner");
        assertThat(arrived.visit().bookTime).isNull();
        assertThat(booked.visit().state).isEqualTo("BOOKED");

        // the squatter's booking ends on its own visit; the owner's truck stays in the queue
        TruckHistory.Placement cancelled = place(history, event("b2", "CANCELLED", T0.plusSeconds(7200), "squatter"));
        assertThat(cancelled.visit()).isSameAs(booked.visit());
        assertThat(cancelled.visit().state).isEqualTo("CANCELLED");
        assertThat(arrived.visit().state).isEqualTo("WAITING");
        // the owner's next event joins the owner's visit
        TruckHistory.Placement cleared = place(history, event("a2", "CLEARED", T0.plusSeconds(9000), "owner"));
        assertThat(cleared.visit()).isSameAs(arrived.visit());
    }

    @Test
    void eventsOfOneTruckPlacedInTurnMakeOneVisitThatSeesEachOfThem() {
        TruckHistory history = new TruckHistory(List.of(), List.of());

        TruckHistory.Placement arrived = place(history, event("e1", "ARRIVED", T0));
        TruckHistory.Placement cleared = place(history, event("e2", "CLEARED", T0.plusSeconds(3600)));

        assertThat(arrived.newVisit()).isTrue();
        assertThat(cleared.newVisit()).isFalse();
        assertThat(cleared.visit()).isSameAs(arrived.visit());
        assertThat(cleared.visit().state).isEqualTo("CLEARED");
        assertThat(cleared.visit().plateKey).isEqualTo("123ABC02");
        assertThat(cleared.event().visitId).isEqualTo(arrived.visit().id);
    }

    @Test
    void aLateEventFitsWhereItHappenedInAStoredVisit() {
        TruckHistory first = new TruckHistory(List.of(), List.of());
        TruckHistory.Placement arrived = place(first, event("e1", "ARRIVED", T0));
        TruckHistory.Placement cleared = place(first, event("e3", "CLEARED", T0.plusSeconds(7200)));
        // as the next group reads them back: the visit and its events from storage
        List<CrossingEventEntity> stored = new ArrayList<>(List.of(cleared.event(), arrived.event()));
        TruckHistory reread = new TruckHistory(List.of(cleared.visit()), stored);

        TruckHistory.Placement called = place(reread, event("e2", "CALLED_FORWARD", T0.plusSeconds(3600)));

        assertThat(called.newVisit()).isFalse();
        assertThat(called.visit().callTime.toInstant()).isEqualTo(T0.plusSeconds(3600));
        assertThat(called.visit().state).isEqualTo("CLEARED");
    }

    @Test
    void aClearanceWithoutAnArrivalBeforeItIsImpossibleAndChangesNothing() {
        TruckHistory history = new TruckHistory(List.of(), List.of());
        assertThatThrownBy(() -> place(history, event("e1", "CLEARED", T0)))
                .isInstanceOf(FailedPreconditionException.class)
                .hasMessageContaining("no visit");

        // the refused event left no trace: an arrival after it starts the visit as usual
        TruckHistory.Placement arrived = place(history, event("e2", "ARRIVED", T0.plusSeconds(60)));
        assertThat(arrived.newVisit()).isTrue();
        assertThat(arrived.visit().state).isEqualTo("WAITING");
    }

    @Test
    void twoClearancesOfOneVisitAreImpossible() {
        TruckHistory history = new TruckHistory(List.of(), List.of());
        place(history, event("e1", "ARRIVED", T0));
        place(history, event("e2", "CLEARED", T0.plusSeconds(60)));
        assertThatThrownBy(() -> place(history, event("e3", "CLEARED", T0.plusSeconds(30))))
                .isInstanceOf(FailedPreconditionException.class);
    }

    @Test
    void anArrivalAfterTheVisitEndedStartsAnother() {
        TruckHistory history = new TruckHistory(List.of(), List.of());
        TruckVisitEntity first = place(history, event("e1", "ARRIVED", T0)).visit();
        place(history, event("e2", "CLEARED", T0.plusSeconds(60)));

        TruckHistory.Placement again = place(history, event("e3", "ARRIVED", T0.plusSeconds(86_400)));

        assertThat(again.newVisit()).isTrue();
        assertThat(again.visit().id).isNotEqualTo(first.id);
        assertThat(first.state).isEqualTo("CLEARED");
    }

    @Test
    void aResendIsHarmlessButAnIdReusedForOtherContentIsRefused() {
        String content = TruckHistory.content(event("e1", "ARRIVED", T0));
        String sha = ReferenceFile.sha256(content);
        TruckHistory.sameAsStored("e1", sha, sha);
        String other = ReferenceFile.sha256(TruckHistory.content(event("e1", "ARRIVED", T0.plusSeconds(1))));
        assertThatThrownBy(() -> TruckHistory.sameAsStored("e1", sha, other))
                .isInstanceOf(AlreadyExistsException.class);
    }
}
