package io.borderflow.loadharness.scenario;

import java.util.Locale;

/** Registration plates unique to a run: a letter, the run tag, the number in base 36 (at most 16 characters). */
final class Plates {
    private Plates() {}

    static String of(String prefix, String runTag, long n) {
        String plate = prefix + runTag + Long.toString(n, 36).toUpperCase(Locale.ROOT);
        if (plate.length() > 16) {
            throw new IllegalArgumentException("plate " + plate + " longer than 16 characters");
        }
        return plate;
    }
}
