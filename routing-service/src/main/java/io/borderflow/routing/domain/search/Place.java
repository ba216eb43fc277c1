package io.borderflow.routing.domain.search;

import java.util.Objects;

/**
 * A place of the network. {@code checkpointId} names the border control at the place (a checkpoint or a port), or is
 * null where there is none; a truck passing through such a place from one country into another crosses there. Labels
 * and explanations name a place after its id ("nur-zholy" reads "Nur Zholy").
 *
 * @param country ISO 3166-1 alpha-2 code
 */
public record Place(String id, String country, String checkpointId, PlaceKind kind) {

    public Place {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(kind, "kind");
        if (kind == PlaceKind.CHECKPOINT && checkpointId == null) {
            throw new IllegalArgumentException("checkpoint place " + id + " names no checkpoint");
        }
    }

    public boolean hasBorderControl() {
        return checkpointId != null;
    }
}
