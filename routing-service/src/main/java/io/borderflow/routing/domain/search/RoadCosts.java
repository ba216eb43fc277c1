package io.borderflow.routing.domain.search;

import java.util.Map;

/**
 * What a truck costs per km of road, by part (fuel, tyres and maintenance, tolls; tolls may differ by country), and
 * how much a road leg's moving time spreads: its 90th percentile is {@code timeP90Factor} times the typical time.
 */
public record RoadCosts(
        double fuelPerKm,
        double wearPerKm,
        double tollsPerKm,
        Map<String, Double> tollsPerKmByCountry,
        double timeP90Factor) {

    public RoadCosts {
        for (double figure : new double[] {fuelPerKm, wearPerKm, tollsPerKm}) {
            if (!(figure >= 0) || Double.isInfinite(figure)) {
                throw new IllegalArgumentException("road costs must be finite and not negative");
            }
        }
        tollsPerKmByCountry = Map.copyOf(tollsPerKmByCountry);
        if (!(timeP90Factor >= 1) || Double.isInfinite(timeP90Factor)) {
            throw new IllegalArgumentException("the p90 factor of road time must be at least 1");
        }
    }

    /** Fuel, wear and the country's tolls, per km. */
    public double perKm(String country) {
        return fuelPerKm + wearPerKm + tollsPerKmByCountry.getOrDefault(country, tollsPerKm);
    }
}
