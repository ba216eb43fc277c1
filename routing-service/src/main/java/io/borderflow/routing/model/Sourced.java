package io.borderflow.routing.model;

import io.borderflow.support.reference.SourceEntity;
import java.util.List;
import java.util.Map;

/** Rows of a listing together with the sources their figures cite. */
public record Sourced<T>(List<T> rows, Map<String, SourceEntity> sources) {}
