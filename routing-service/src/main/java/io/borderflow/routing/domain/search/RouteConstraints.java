package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.TransportMode;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Limits on the routes a query accepts: countries and checkpoints never passed through (countries as ISO 3166-1
 * alpha-2 codes, checkpoints by id), the transport modes allowed (empty means every mode), the latest acceptable
 * median arrival, and how many alternatives to return (1 to 10).
 */
public record RouteConstraints(
        Set<String> avoidCountries,
        Set<String> avoidCheckpoints,
        Set<TransportMode> allowedModes,
        Optional<Instant> latestArrival,
        int maxAlternatives) {
    public static final int DEFAULT_MAX_ALTERNATIVES = 5;
    public static final int MAX_ALTERNATIVES = 10;

    public RouteConstraints {
        avoidCountries = Set.copyOf(avoidCountries);
        avoidCheckpoints = Set.copyOf(avoidCheckpoints);
        allowedModes = allowedModes.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.allOf(TransportMode.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(allowedModes));
        Objects.requireNonNull(latestArrival, "latestArrival");
        if (maxAlternatives < 1 || maxAlternatives > MAX_ALTERNATIVES) {
            throw new InvalidRouteQueryException(
                    "INVALID_MAX_ALTERNATIVES",
                    "constraints.max_alternatives",
                    "must be from 1 to " + MAX_ALTERNATIVES + ", not " + maxAlternatives);
        }
    }

    /** Every country, checkpoint and mode; no deadline; {@value #DEFAULT_MAX_ALTERNATIVES} alternatives. */
    public static RouteConstraints none() {
        return new RouteConstraints(Set.of(), Set.of(), Set.of(), Optional.empty(), DEFAULT_MAX_ALTERNATIVES);
    }

    public RouteConstraints avoidingCountries(Set<String> countries) {
        return new RouteConstraints(countries, avoidCheckpoints, allowedModes, latestArrival, maxAlternatives);
    }

    public RouteConstraints avoidingCheckpoints(Set<String> checkpoints) {
        return new RouteConstraints(avoidCountries, checkpoints, allowedModes, latestArrival, maxAlternatives);
    }

    public RouteConstraints withModes(Set<TransportMode> modes) {
        return new RouteConstraints(avoidCountries, avoidCheckpoints, modes, latestArrival, maxAlternatives);
    }

    public RouteConstraints arrivingBy(Instant latest) {
        return new RouteConstraints(
                avoidCountries, avoidCheckpoints, allowedModes, Optional.of(latest), maxAlternatives);
    }

    public RouteConstraints withMaxAlternatives(int max) {
        return new RouteConstraints(avoidCountries, avoidCheckpoints, allowedModes, latestArrival, max);
    }
}
