package io.borderflow.checkpoint.model;

import java.util.List;

/** One page of a checkpoint listing; {@code nextPageToken} is empty on the last page. */
public record CheckpointPage(List<CheckpointDetails> checkpoints, String nextPageToken, int totalSize) {}
