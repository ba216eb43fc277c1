package io.borderflow.routing.model.route;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A route search as asked for, ids without collection prefixes, enum values by name.
 *
 * @param departure null: now
 * @param objective FASTEST, CHEAPEST, LEAST_RISK or WEIGHTED; null: FASTEST
 * @param latestArrival null: no deadline
 * @param maxAlternatives 0: the default
 * @param cargo what the truck carries, or null when {@code declarationId} names a stored declaration instead
 */
public record RouteRequest(
        String origin,
        String destination,
        Instant departure,
        String objective,
        double timeWeight,
        double costWeight,
        double riskWeight,
        Set<String> avoidCountries,
        Set<String> avoidCheckpoints,
        Set<String> modes,
        Instant latestArrival,
        int maxAlternatives,
        CargoProfile cargo,
        String declarationId) {

    /** What the truck carries: the goods and parties as a declaration would give them (parties may be null). */
    public record CargoProfile(
            List<GoodsLineData> lines,
            String originCountry,
            String destinationCountry,
            PartyData consignor,
            PartyData consignee,
            boolean traderAeo) {}

    /** One line of goods, as in a declaration. */
    public record GoodsLineData(
            String hsCode,
            String description,
            String brand,
            double quantity,
            String quantityUnit,
            double netWeightKg,
            double customsValue,
            String currency,
            String originCountry) {}

    /** A consignor or consignee. */
    public record PartyData(String name, String countryCode) {}
}
