package io.borderflow.routing.model.route;

/**
 * How a truck's load covers a leg. A ROAD leg is driven; a FERRY leg waits for a place on board and a sailing, a RAIL
 * leg for handling at the terminal and a train, and both cost a tariff (see the route parameters' services).
 */
public enum TransportMode {
    ROAD,
    RAIL,
    FERRY
}
