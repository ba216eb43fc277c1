package io.borderflow.routing.model.route;

/**
 * A route's cost by part: road distance (fuel, wear, tolls), time (truck and driver for every hour from departure to
 * arrival, waits included), ferry tariffs, rail tariffs (terminal handling included) and border fees.
 */
public record CostBreakdown(
        String currency, double distance, double time, double ferry, double rail, double borderFees) {

    public double total() {
        return distance + time + ferry + rail + borderFees;
    }
}
