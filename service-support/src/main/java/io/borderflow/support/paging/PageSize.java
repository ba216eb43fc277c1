package io.borderflow.support.paging;

import io.borderflow.support.error.InvalidArgumentException;

/** The page size rule of every List method: 0 means the default, 1..max is taken as is, anything else is refused. */
public final class PageSize {
    public static final int DEFAULT = 50;
    public static final int MAX = 500;

    private PageSize() {}

    /** @throws InvalidArgumentException reason {@code INVALID_PAGE_SIZE} when outside 0..{@value #MAX} */
    public static int resolve(int requested) {
        if (requested == 0) {
            return DEFAULT;
        }
        if (requested < 0 || requested > MAX) {
            throw new InvalidArgumentException(
                    "INVALID_PAGE_SIZE",
                    "page_size",
                    "page_size must be from 1 to " + MAX + " (0 for the default of " + DEFAULT + "), got " + requested);
        }
        return requested;
    }
}
