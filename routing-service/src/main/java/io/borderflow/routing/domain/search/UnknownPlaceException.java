package io.borderflow.routing.domain.search;

import io.borderflow.support.error.NotFoundException;

/** The origin or destination of a route query is not a place of the network (reason {@code PLACE_NOT_FOUND}). */
public class UnknownPlaceException extends NotFoundException {

    public UnknownPlaceException(String placeId) {
        super("PLACE_NOT_FOUND", "places/" + placeId);
    }
}
