package io.borderflow.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.routing.model.NetworkDataset;
import io.borderflow.routing.model.NetworkDataset.LegData;
import io.borderflow.support.reference.InvalidReferenceDataException;
import io.borderflow.support.reference.ProvenanceData;
import io.borderflow.support.reference.ReferenceFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkDatasetCheckTest {
    private static final NetworkDataset NETWORK = ReferenceFile.read(
                    "reference/corridor-network.json", NetworkDataset.class)
            .content();

    @Test
    void shippedNetworkIsValid() {
        assertThatCode(() -> NetworkDatasetCheck.validate(NETWORK)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} to {1} along {2}")
    @CsvSource({
        "urumqi, moscow, NORTHERN",
        "urumqi, moscow, RUSSIA_CHINA_DIRECT",
        "urumqi, moscow, MIDDLE_CORRIDOR",
        "urumqi, istanbul, MIDDLE_CORRIDOR"
    })
    void eachCorridorConnectsChinaToEurope(String from, String to, String corridor) {
        Map<String, List<String>> next = new HashMap<>();
        for (LegData leg : NETWORK.legs()) {
            if (leg.corridors().contains(corridor)) {
                next.computeIfAbsent(leg.from(), k -> new ArrayList<>()).add(leg.to());
                if (leg.bidirectional()) {
                    next.computeIfAbsent(leg.to(), k -> new ArrayList<>()).add(leg.from());
                }
            }
        }
        Set<String> seen = new HashSet<>(List.of(from));
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            for (String place : next.getOrDefault(queue.poll(), List.of())) {
                if (seen.add(place)) {
                    queue.add(place);
                }
            }
        }
        assertThat(seen).contains(to);
    }

    @Test
    void brokenLegsAreReportedTogether() {
        List<LegData> legs = new ArrayList<>(NETWORK.legs());
        legs.add(new LegData(
                "bad-leg",
                "urumqi",
                "nowhere",
                "HOVERCRAFT",
                List.of("SILK_ROAD"),
                true,
                -1.0,
                new ProvenanceData(null, null, "guess"),
                1.0,
                new ProvenanceData("no-such-source", null, null)));
        NetworkDataset broken = new NetworkDataset(
                NETWORK.dataset(), NETWORK.version(), NETWORK.description(), NETWORK.sources(), NETWORK.places(), legs);

        assertThatThrownBy(() -> NetworkDatasetCheck.validate(broken))
                .isInstanceOfSatisfying(
                        InvalidReferenceDataException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "leg bad-leg: from and to must be places of the file",
                                        "leg bad-leg: mode must be one of [ROAD, RAIL, FERRY]",
                                        "leg bad-leg: distance_km must be positive",
                                        "leg bad-leg duration: unknown source 'no-such-source'"));
    }
}
