package io.borderflow.routing.domain.search;

/** What a place of the corridor network is; only checkpoints and ports carry a border control. */
public enum PlaceKind {
    CITY,
    TERMINAL,
    PORT,
    CHECKPOINT
}
