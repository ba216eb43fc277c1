package io.borderflow.routing.model.route;

/**
 * The chance that the trip fails or is held: {@code refusalOrRedirect} = 1 - product of (1 - p_refused) over the
 * crossings, the risk criterion of the search; {@code redInspection} = 1 - product of (1 - p_red), whose time is
 * already in the route's expected time and cost.
 */
public record RouteRisk(double refusalOrRedirect, double redInspection) {}
