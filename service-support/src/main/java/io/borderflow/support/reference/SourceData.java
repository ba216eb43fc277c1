package io.borderflow.support.reference;

/** A publication figures are taken from: {@code kind} is REPORTED, OFFICIAL or RESEARCH. */
public record SourceData(String kind, String citation, String url) {}
