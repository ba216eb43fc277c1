package io.borderflow.routing.domain.search;

/**
 * A truck passing the border control {@code checkpointId} at place {@code placeId} on its way from {@code fromCountry}
 * into {@code toCountry} (the countries of the places before and after it on the route; the place's own country
 * stands in at either end of a route).
 */
public record BorderCrossing(String checkpointId, String placeId, String fromCountry, String toCountry) {}
