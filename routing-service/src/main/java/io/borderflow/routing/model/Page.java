package io.borderflow.routing.model;

/** One page of a listing; {@code nextPageToken} is empty on the last page. */
public record Page<T>(Sourced<T> items, String nextPageToken, int totalSize) {}
