package io.borderflow.routing.model.route;

import java.time.Duration;
import java.util.Optional;

/**
 * How fresh the border figures behind a route are: the age of the oldest live (or stale) figure used, whether any was
 * stale, and whether any crossing fell back to nominal figures.
 */
public record LiveDataUse(Optional<Duration> oldestLiveAge, boolean stale, boolean nominal) {
}
