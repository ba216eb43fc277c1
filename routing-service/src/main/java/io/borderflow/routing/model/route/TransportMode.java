package io.borderflow.routing.model.route;

/**
 * How a truck covers a leg. A FERRY leg waits for a sailing and costs a tariff; ROAD and RAIL legs are driven. (The
 * network has no rail leg yet; one would be timed and costed like a road leg until rail tariffs exist.)
 */
public enum TransportMode {
    ROAD,
    RAIL,
    FERRY
}
