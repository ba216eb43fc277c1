package io.borderflow.inspection.domain;

import java.util.List;

/**
 * What the engine needs to know of a declaration. {@code fingerprint} is a canonical text of the declaration's
 * content; the random compliance sample is drawn from its hash, so the same declaration always draws the same.
 */
public record DeclarationFacts(List<String> hsCodes, boolean traderAeo, boolean partnerInspected, String fingerprint) {
}
