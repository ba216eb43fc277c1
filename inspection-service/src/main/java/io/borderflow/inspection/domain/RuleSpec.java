package io.borderflow.inspection.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rule as the engine reads it: a condition, further conditions that must hold as well, a weight and an optional
 * channel floor.
 */
public record RuleSpec(
        String ruleId,
        String description,
        int weight,
        InspectionChannel minimumChannel,
        Condition condition,
        List<Condition> alsoRequires) {

    public RuleSpec {
        alsoRequires = alsoRequires == null ? List.of() : List.copyOf(alsoRequires);
    }

    /** What a rule looks at. */
    public sealed interface Condition {}

    /** A goods line's HS-6 code is in one of {@code tiers} of goods list {@code listId} (empty tiers: any). */
    public record GoodsList(String listId, List<String> tiers) implements Condition {}

    /** A goods line's HS code starts with one of the prefixes. */
    public record HsPrefix(List<String> prefixes) implements Condition {}

    /** The origin (declaration's or a line's), a transit or the destination country is in {@code countries}. */
    public record Country(CountryRole role, Set<String> countries) implements Condition {}

    /** Which country of a declaration a {@link Country} condition looks at. */
    public enum CountryRole {
        ORIGIN,
        TRANSIT,
        DESTINATION
    }

    /** A goods line's brand is one of these, compared by {@link PartyNames#key}. */
    public record Brand(List<String> brands) implements Condition {}

    /** The consignor or consignee resembles a watched party at least {@code minSimilarity}. */
    public record PartyScreening(double minSimilarity, List<WatchedParty> parties) implements Condition {}

    /** A watched party: its listed name and aliases. */
    public record WatchedParty(String name, List<String> aliases) {}

    /**
     * A goods line's value per kg in USD is below {@code maxRatio} times the reference of the longest matching HS
     * prefix; {@code usdRates} converts other currencies.
     */
    public record ValueAnomaly(double maxRatio, Map<String, Double> usdPerKgByPrefix, Map<String, Double> usdRates)
            implements Condition {}

    /** The trader holds an AEO status. */
    public record TraderAeo() implements Condition {}

    /** A partner administration of one of these countries (empty: any) already inspected the cargo. */
    public record PartnerInspection(Set<String> administrations) implements Condition {}

    /** The consignor has no earlier declaration. */
    public record FirstTimeTrader() implements Condition {}
}
