package io.borderflow.checkpoint.model;

import java.time.Duration;

/** A truck's visit as a reader sees it: the row, and for a queued truck its place and estimated wait (else null). */
public record TruckView(TruckVisitEntity visit, Integer trucksAhead, Duration estimatedWait) {}
