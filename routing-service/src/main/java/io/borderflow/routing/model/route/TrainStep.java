package io.borderflow.routing.model.route;

import java.time.Duration;
import java.time.Instant;

/**
 * One rail leg: the load is at the terminal ({@code readyAt}, after its customs), is handled there
 * ({@code handlingMedian}, p90 {@code handlingP90}: loading, or the change of wagons where the gauge changes), leaves
 * on the next train ({@code departure}) and arrives at {@code arrival}. {@code tariff} is in the parameters' currency.
 */
public record TrainStep(
        String legId,
        String from,
        String to,
        Instant readyAt,
        Duration handlingMedian,
        Duration handlingP90,
        Instant departure,
        Instant arrival,
        double tariff) {}
