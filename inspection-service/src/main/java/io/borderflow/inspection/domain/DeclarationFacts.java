package io.borderflow.inspection.domain;

import java.util.List;
import java.util.Set;

/**
 * What the engine needs to know of a declaration. {@code fingerprint} is a canonical text of the declaration's
 * content; the random compliance sample is drawn from its hash, so the same declaration always draws the same.
 * {@code firstTimeTrader} is a fact about the declaration's history (no earlier declaration of its consignor), fixed
 * when it is submitted.
 *
 * @param partnerAdministrations ISO country codes of the partner administrations that inspected the cargo
 */
public record DeclarationFacts(
        List<Line> lines,
        String consignor,
        String consignee,
        String originCountry,
        List<String> transitCountries,
        String destinationCountry,
        boolean traderAeo,
        Set<String> partnerAdministrations,
        boolean firstTimeTrader,
        String fingerprint) {

    public DeclarationFacts {
        lines = List.copyOf(lines);
        transitCountries = transitCountries == null ? List.of() : List.copyOf(transitCountries);
        partnerAdministrations = partnerAdministrations == null ? Set.of() : Set.copyOf(partnerAdministrations);
    }

    /** A goods line: HS code, brand (may be empty), net weight in kg, customs value and its ISO 4217 currency. */
    public record Line(
            String hsCode,
            String brand,
            String originCountry,
            double netWeightKg,
            double customsValue,
            String currency) {}
}
