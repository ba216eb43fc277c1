package io.borderflow.checkpoint.model;

import java.util.List;

/**
 * What a listing is restricted to: stored border spellings (empty: any border) and a mode (null: any mode).
 * {@link #key()} identifies the filter inside page tokens.
 */
public record CheckpointFilter(List<String> borderSpellings, String mode) {

    public String key() {
        return "border=" + String.join("|", borderSpellings) + ";mode=" + (mode == null ? "" : mode);
    }
}
