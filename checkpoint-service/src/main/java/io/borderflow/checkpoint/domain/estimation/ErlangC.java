package io.borderflow.checkpoint.domain.estimation;

import io.borderflow.support.calendar.Hours;
import java.time.Duration;

/**
 * The M/M/c queue in steady state: {@code servers} lanes, Poisson arrivals at {@code arrivalsPerHour} (trucks per
 * hour), exponential handling at {@code servicesPerHourPerServer} (trucks per hour one lane clears, 1 / mean handling
 * time). Only defined under capacity, arrivals below {@code servers * servicesPerHourPerServer}. The probability of
 * waiting comes from the Erlang B recursion, which stays accurate for hundreds of servers where the textbook sum of
 * powers and factorials overflows.
 */
public record ErlangC(int servers, double arrivalsPerHour, double servicesPerHourPerServer) {

    public ErlangC {
        if (servers < 1) {
            throw new IllegalArgumentException("Erlang C needs at least one server: " + servers);
        }
        if (!(arrivalsPerHour >= 0) || !(servicesPerHourPerServer > 0) || Double.isInfinite(servicesPerHourPerServer)) {
            throw new IllegalArgumentException("rates must be finite, arrivals >= 0, service > 0: " + arrivalsPerHour
                    + ", " + servicesPerHourPerServer);
        }
        if (arrivalsPerHour >= servers * servicesPerHourPerServer) {
            throw new IllegalArgumentException("Erlang C needs arrivals below capacity: " + arrivalsPerHour
                    + " per hour against " + servers * servicesPerHourPerServer);
        }
    }

    /** Offered load in erlangs, arrivals / service rate of one server. */
    public double offeredLoad() {
        return arrivalsPerHour / servicesPerHourPerServer;
    }

    /** Share of time a server is busy, between 0 and 1 (exclusive). */
    public double utilisation() {
        return offeredLoad() / servers;
    }

    /** Probability that an arriving truck finds every server busy and has to wait (Erlang's C formula). */
    public double probabilityOfWaiting() {
        double load = offeredLoad();
        double blocking = 1; // Erlang B with 0 servers
        for (int k = 1; k <= servers; k++) {
            blocking = load * blocking / (k + load * blocking);
        }
        double rho = utilisation();
        return blocking / (1 - rho * (1 - blocking));
    }

    /** Mean time in queue before a server takes the truck, in hours: C / (c * mu - lambda). */
    public double meanWaitHours() {
        return probabilityOfWaiting() / (servers * servicesPerHourPerServer - arrivalsPerHour);
    }

    /** {@link #meanWaitHours()} as a duration. */
    public Duration meanWait() {
        return Hours.toDuration(meanWaitHours());
    }
}
