package io.borderflow.checkpoint.domain.estimation;

import java.time.Instant;
import java.util.Optional;

/**
 * The queue for lanes of one kind and how it was estimated.
 *
 * @param openLanes lanes of this kind staffed while the crossing is open (the servers)
 * @param trucksAhead trucks waiting for these lanes
 * @param clearancesPerOpenHour trucks these lanes clear per open hour at the arrival mix (observed or modelled)
 * @param arrivalsPerHour trucks joining this queue per hour, around the clock
 * @param utilisation arrivals over the clearance rate averaged over an ordinary week of opening hours; at 1 or more
 *     the queue grows week on week; infinite when arrivals meet no capacity
 * @param nextControlStart when a truck joining now starts its control; empty beyond the horizon or without lanes
 * @param queueClearsAt when the trucks ahead, with arrivals continuing, are first all worked off (fluid model); empty
 *     when that does not happen within {@link OpeningCalendar#HORIZON}
 */
public record LaneQueueEstimate(
        LaneKind laneKind,
        int openLanes,
        int trucksAhead,
        double clearancesPerOpenHour,
        double arrivalsPerHour,
        double utilisation,
        EstimateBasis basis,
        EstimationMethod method,
        Optional<Instant> nextControlStart,
        Optional<Instant> queueClearsAt) {}
