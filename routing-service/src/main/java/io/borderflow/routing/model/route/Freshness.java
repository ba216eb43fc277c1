package io.borderflow.routing.model.route;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a figure the search used comes from, and how old it was when the search ran: LIVE (recent observations),
 * STALE (observations older than the adapter trusts, used for want of better), NOMINAL (reference values, no age) or
 * UNKNOWN (the source could not be asked yet: the figure is an assumption, no age).
 */
public record Freshness(Kind kind, Optional<Duration> age) {

    public enum Kind {
        LIVE,
        STALE,
        NOMINAL,
        UNKNOWN
    }

    public Freshness {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(age, "age");
        if ((kind == Kind.NOMINAL || kind == Kind.UNKNOWN) == age.isPresent()) {
            throw new IllegalArgumentException("live and stale data have an age, nominal and unknown data have none");
        }
        if (age.isPresent() && age.get().isNegative()) {
            throw new IllegalArgumentException("age must not be negative");
        }
    }

    public static Freshness live(Duration age) {
        return new Freshness(Kind.LIVE, Optional.of(age));
    }

    public static Freshness stale(Duration age) {
        return new Freshness(Kind.STALE, Optional.of(age));
    }

    public static Freshness nominal() {
        return new Freshness(Kind.NOMINAL, Optional.empty());
    }

    public static Freshness unknown() {
        return new Freshness(Kind.UNKNOWN, Optional.empty());
    }

    /** Live or stale by age: live while no older than {@code trustedFor} and its source still confirms it. */
    public static Freshness byAge(Duration age, Duration trustedFor, boolean confirmed) {
        Duration notNegative = age.isNegative() ? Duration.ZERO : age;
        return confirmed && notNegative.compareTo(trustedFor) <= 0 ? live(notNegative) : stale(notNegative);
    }
}
