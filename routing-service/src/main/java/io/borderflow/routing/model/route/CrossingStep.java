package io.borderflow.routing.model.route;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One border crossing of a route. The truck arrives, waits for the opening if the crossing is closed
 * ({@code opensAt}, {@code waitForOpening}), queues ({@code waitMedian}, {@code waitP90}: the channel-weighted mean of
 * the queue waits of its possible channels), is controlled ({@code expectedInspection}: sum of p(channel) *
 * time(channel)) and leaves at {@code cleared}. {@code channels} is the cargo's outlook here; {@code freshness} says
 * where the wait came from (the least fresh of the channels asked), {@code calendarFreshness} where the opening
 * hours and closures came from; {@code fee} is in the parameters' currency.
 */
public record CrossingStep(
        String checkpointId,
        String placeId,
        String fromCountry,
        String toCountry,
        Instant arrival,
        Optional<Instant> opensAt,
        Duration waitForOpening,
        Duration waitMedian,
        Duration waitP90,
        ChannelOutlook channels,
        Duration expectedInspection,
        Instant cleared,
        Freshness freshness,
        Freshness calendarFreshness,
        double fee) {

    /** Opening plus queue wait (median), without the control itself. */
    public Duration queueTime() {
        return waitForOpening.plus(waitMedian);
    }
}
