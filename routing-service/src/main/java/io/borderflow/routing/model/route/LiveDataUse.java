package io.borderflow.routing.model.route;

import java.time.Duration;
import java.util.Optional;

/**
 * How fresh the border figures behind a route are: the age of the oldest live (or stale) wait used, whether any
 * figure (a wait or a calendar) was stale, whether any crossing fell back to nominal figures, and whether any figure
 * could not be had at all (unknown: an assumption stands in its place).
 */
public record LiveDataUse(Optional<Duration> oldestLiveAge, boolean stale, boolean nominal, boolean unknown) {}
