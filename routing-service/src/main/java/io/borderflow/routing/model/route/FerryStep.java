package io.borderflow.routing.model.route;

import java.time.Duration;
import java.time.Instant;

/**
 * One ferry leg: the truck is ready at the port ({@code readyAt}, after its customs), waits for a place on board
 * ({@code boardingWaitMedian}, p90 {@code boardingWaitP90}) and then for the next sailing ({@code sailing}), and lands
 * at {@code landing}. {@code tariff} is in the parameters' currency.
 */
public record FerryStep(
        String legId,
        String from,
        String to,
        Instant readyAt,
        Duration boardingWaitMedian,
        Duration boardingWaitP90,
        Instant sailing,
        Instant landing,
        double tariff) {

    /** From ready at the port to the sailing. */
    public Duration waitBeforeSailing() {
        return Duration.between(readyAt, sailing);
    }
}
