package io.borderflow.checkpoint.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A border between two countries, written {@code AA-BB} with ISO 3166-1 alpha-2 codes. A border has no direction:
 * {@code KZ-RU} and {@code RU-KZ} are the same border, so a filter matches either spelling.
 */
public record Border(String first, String second) {
    private static final Pattern FORMAT = Pattern.compile("[A-Z]{2}-[A-Z]{2}");

    public static boolean isWellFormed(String text) {
        return text != null
                && FORMAT.matcher(text).matches()
                && !text.substring(0, 2).equals(text.substring(3));
    }

    /** @throws IllegalArgumentException when {@code text} is not {@code AA-BB} with two different countries */
    public static Border parse(String text) {
        if (!isWellFormed(text)) {
            throw new IllegalArgumentException("not a border: " + text);
        }
        return new Border(text.substring(0, 2), text.substring(3));
    }

    /** Both spellings, for matching stored borders whichever way they were written. */
    public List<String> spellings() {
        return List.of(first + "-" + second, second + "-" + first);
    }

    public boolean joins(String countryA, String countryB) {
        return (first.equals(countryA) && second.equals(countryB))
                || (first.equals(countryB) && second.equals(countryA));
    }

    @Override
    public String toString() {
        return first + "-" + second;
    }
}
