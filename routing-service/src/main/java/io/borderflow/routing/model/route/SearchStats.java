package io.borderflow.routing.model.route;

/**
 * How much work a search did: partial paths created and expanded, routes in the Pareto set before pruning, and
 * whether the label limit cut the search short (the alternatives are then the best found, not proven best).
 */
public record SearchStats(int labelsCreated, int labelsExpanded, int paretoRoutes, boolean truncated) {}
