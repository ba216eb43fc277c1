package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.CrossingStep;
import io.borderflow.routing.model.route.FerryStep;
import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.LegStep;
import io.borderflow.routing.model.route.LiveDataUse;
import io.borderflow.routing.model.route.TrainStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Records the steps of one route as {@link Journey} replays it, with the cost parts and data freshness. */
final class Itinerary {
    final List<LegStep> legs = new ArrayList<>();
    final List<CrossingStep> crossings = new ArrayList<>();
    final List<FerryStep> ferries = new ArrayList<>();
    final List<TrainStep> trains = new ArrayList<>();
    double distanceKm;
    double distanceCost;
    double ferryCost;
    double railCost;
    double borderFees;

    LiveDataUse liveData() {
        Optional<Duration> oldest = Optional.empty();
        boolean stale = false;
        boolean nominal = false;
        boolean unknown = false;
        for (CrossingStep crossing : crossings) {
            Freshness freshness = crossing.freshness();
            Freshness calendar = crossing.calendarFreshness();
            stale |= freshness.kind() == Freshness.Kind.STALE || calendar.kind() == Freshness.Kind.STALE;
            nominal |= freshness.kind() == Freshness.Kind.NOMINAL;
            unknown |= freshness.kind() == Freshness.Kind.UNKNOWN || calendar.kind() == Freshness.Kind.UNKNOWN;
            Optional<Duration> age = freshness.age();
            if (age.isPresent() && (oldest.isEmpty() || age.get().compareTo(oldest.get()) > 0)) {
                oldest = age;
            }
        }
        return new LiveDataUse(oldest, stale, nominal, unknown);
    }
}
