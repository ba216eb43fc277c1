package io.borderflow.routing.domain.search;

import io.borderflow.support.error.InvalidArgumentException;

/**
 * A route query that cannot be answered as asked: same origin and destination, weights or a number of alternatives out
 * of range, a latest arrival before the departure, an avoided origin or destination, an unknown checkpoint to avoid.
 * The field is named as the FindRoutes request would name it.
 */
public class InvalidRouteQueryException extends InvalidArgumentException {

    public InvalidRouteQueryException(String reason, String field, String description) {
        super(reason, field, description);
    }
}
