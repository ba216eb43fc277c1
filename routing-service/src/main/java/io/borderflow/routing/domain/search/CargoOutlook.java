package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.ChannelOutlook;
import java.util.Map;
import java.util.Objects;

/**
 * The inspection outlook of the cargo being routed, crossing by crossing: the adapter derives it from the cargo's
 * declaration (e.g. inspection-service's assessment for each destination and transit country). Must be a pure
 * function of its argument for the duration of a search.
 */
@FunctionalInterface
public interface CargoOutlook {

    ChannelOutlook at(BorderCrossing crossing);

    /** Green everywhere with no inspection time: a cargo that is never stopped. */
    static CargoOutlook clear() {
        ChannelOutlook green = ChannelOutlook.allGreen();
        return crossing -> green;
    }

    /** The same outlook at every crossing. */
    static CargoOutlook everywhere(ChannelOutlook outlook) {
        Objects.requireNonNull(outlook, "outlook");
        return crossing -> outlook;
    }

    /**
     * By checkpoint id first, then by the country entered ({@link BorderCrossing#toCountry()}), else
     * {@code otherwise}.
     */
    static CargoOutlook of(
            Map<String, ChannelOutlook> byCheckpoint,
            Map<String, ChannelOutlook> byEnteredCountry,
            ChannelOutlook otherwise) {
        Map<String, ChannelOutlook> checkpoints = Map.copyOf(byCheckpoint);
        Map<String, ChannelOutlook> countries = Map.copyOf(byEnteredCountry);
        Objects.requireNonNull(otherwise, "otherwise");
        return crossing -> {
            ChannelOutlook outlook = checkpoints.get(crossing.checkpointId());
            if (outlook == null) {
                outlook = countries.getOrDefault(crossing.toCountry(), otherwise);
            }
            return outlook;
        };
    }
}
