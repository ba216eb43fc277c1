package io.borderflow.routing.domain;

import static io.borderflow.support.reference.ReferenceDataCheck.notBlank;

import io.borderflow.routing.model.NetworkDataset;
import io.borderflow.routing.model.NetworkDataset.LegData;
import io.borderflow.routing.model.NetworkDataset.PlaceData;
import io.borderflow.support.paging.ResourceNames;
import io.borderflow.support.reference.ReferenceDataCheck;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a corridor network file must meet before any of it is loaded: ids usable in resource names, legs between
 * places that exist, known modes, kinds and corridors, positive distances and durations, a provenance for every figure.
 */
public final class NetworkDatasetCheck {
    public static final String DATASET = "corridor-network";
    private static final Pattern ID = Pattern.compile(ResourceNames.ID_REGEX);
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final List<String> KINDS = List.of("CITY", "TERMINAL", "PORT", "CHECKPOINT");
    private static final List<String> MODES = List.of("ROAD", "RAIL", "FERRY");
    public static final List<String> CORRIDORS = List.of("NORTHERN", "MIDDLE_CORRIDOR", "RUSSIA_CHINA_DIRECT");

    private NetworkDatasetCheck() {}

    /** @throws io.borderflow.support.reference.InvalidReferenceDataException listing every problem */
    public static void validate(NetworkDataset data) {
        ReferenceDataCheck check = new ReferenceDataCheck(DATASET, data.sources());
        check.require(DATASET.equals(data.dataset()), "dataset must be '" + DATASET + "'");
        check.require(notBlank(data.version()), "version is required");
        List<PlaceData> places = data.places() == null ? List.of() : data.places();
        List<LegData> legs = data.legs() == null ? List.of() : data.legs();
        check.require(!places.isEmpty() && !legs.isEmpty(), "places and legs must not be empty");
        Set<String> placeIds = new HashSet<>();
        for (PlaceData place : places) {
            String at = "place " + place.id();
            check.require(place.id() != null && ID.matcher(place.id()).matches(), at + ": malformed id");
            check.require(placeIds.add(place.id()), at + ": duplicate id");
            check.require(notBlank(place.displayName()), at + ": display_name is required");
            check.require(KINDS.contains(place.kind()), at + ": kind must be one of " + KINDS);
            check.require(
                    place.country() != null && COUNTRY.matcher(place.country()).matches(),
                    at + ": country must be an ISO 3166-1 alpha-2 code");
            check.require(
                    place.checkpoint() == null || ID.matcher(place.checkpoint()).matches(),
                    at + ": checkpoint must be a checkpoint id");
            check.require(
                    !"CHECKPOINT".equals(place.kind()) || place.checkpoint() != null,
                    at + ": a CHECKPOINT place names its checkpoint");
            var location = place.location();
            if (location == null || location.latitude() == null || location.longitude() == null) {
                check.require(false, at + ": location with latitude and longitude is required");
            } else {
                check.require(
                        Math.abs(location.latitude()) <= 90 && Math.abs(location.longitude()) <= 180,
                        at + ": location out of range");
                check.provenance(at + " location", location.provenance());
            }
        }
        Set<String> legIds = new HashSet<>();
        for (LegData leg : legs) {
            String at = "leg " + leg.id();
            check.require(leg.id() != null && ID.matcher(leg.id()).matches(), at + ": malformed id");
            check.require(legIds.add(leg.id()), at + ": duplicate id");
            check.require(
                    placeIds.contains(leg.from()) && placeIds.contains(leg.to()),
                    at + ": from and to must be places of the file");
            check.require(leg.from() == null || !leg.from().equals(leg.to()), at + ": from and to must differ");
            check.require(MODES.contains(leg.mode()), at + ": mode must be one of " + MODES);
            check.require(
                    leg.corridors() != null && !leg.corridors().isEmpty() && CORRIDORS.containsAll(leg.corridors()),
                    at + ": corridors must be a non-empty subset of " + CORRIDORS);
            check.require(leg.bidirectional() != null, at + ": bidirectional is required");
            check.require(leg.distanceKm() != null && leg.distanceKm() > 0, at + ": distance_km must be positive");
            check.require(
                    leg.typicalDurationHours() != null && leg.typicalDurationHours() > 0,
                    at + ": typical_duration_hours must be positive");
            check.provenance(at + " distance", leg.distanceProvenance());
            check.provenance(at + " duration", leg.durationProvenance());
        }
        check.finish();
    }
}
