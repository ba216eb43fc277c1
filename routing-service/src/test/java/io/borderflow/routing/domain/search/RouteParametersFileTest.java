package io.borderflow.routing.domain.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.routing.model.RouteParametersFile;
import io.borderflow.routing.model.route.TransportMode;
import io.borderflow.support.reference.ReferenceFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RouteParametersFileTest {

    @Test
    void shippedFileHasEveryFigureWithItsProvenance() {
        assertThat(ReferenceData.PARAMETERS_FILE.problems()).isEmpty();
    }

    @Test
    void shippedFileMapsToTheParametersItSays() {
        RouteParameters parameters = ReferenceData.PARAMETERS;
        assertThat(parameters.currency()).isEqualTo("USD");
        assertThat(parameters.road().perKm("KZ")).isEqualTo(0.25 + 0.08 + 0.04);
        assertThat(parameters.road().perKm("GE")).isEqualTo(0.25 + 0.08 + 0.03);
        assertThat(parameters.timeCostPerHour()).isEqualTo(15);
        assertThat(parameters.borderFees().at("zhaisan")).isEqualTo(30);
        assertThat(parameters.driving()).isEqualTo(new DrivingRules(Duration.ofHours(9), Duration.ofHours(11)));
        assertThat(parameters.ferries()).hasSize(4).anySatisfy(ferry -> {
            assertThat(ferry.legId()).isEqualTo("kuryk-alat");
            assertThat(ferry.fromPlace()).isEqualTo("kuryk");
            assertThat(ferry.tariffPerMetre() * parameters.truckLengthMetres()).isEqualTo(899.25);
            assertThat(ferry.boardingWaitMedian()).isEqualTo(Duration.ofDays(3));
            assertThat(ferry.schedule().next(Instant.parse("2026-05-01T15:00:00Z")))
                    .isEqualTo(Instant.parse("2026-05-02T14:00:00Z"));
        });
    }

    @Test
    void shippedTrainsRunTheRailLineBothWays() {
        RouteParameters parameters = ReferenceData.PARAMETERS;
        assertThat(parameters.trains())
                .hasSize(8)
                .allSatisfy(train -> assertThat(ReferenceData.NETWORK
                                .link(train.legId())
                                .orElseThrow()
                                .mode())
                        .isEqualTo(TransportMode.RAIL));
        // across Kazakhstan from Altynkol: the gauge change, then a daily train
        assertThat(parameters.trains()).anySatisfy(train -> {
            assertThat(train.legId()).isEqualTo("altynkol-mamlyutka-station");
            assertThat(train.fromPlace()).isEqualTo("altynkol");
            assertThat(train.handlingMedian()).isEqualTo(Duration.ofDays(1));
            assertThat(train.schedule().next(Instant.parse("2026-05-01T07:00:00Z")))
                    .isEqualTo(Instant.parse("2026-05-02T06:00:00Z"));
        });
        // into Russia from Mamlyutka the train goes on once handled
        assertThat(parameters.trains()).anySatisfy(train -> {
            assertThat(train.legId()).isEqualTo("mamlyutka-station-moscow");
            assertThat(train.fromPlace()).isEqualTo("mamlyutka-station");
            assertThat(train.schedule()).isInstanceOf(Departures.WhenReady.class);
        });
    }

    @Test
    void everyFerryAndRailLegOfTheNetworkHasAServiceEachWayItRuns() {
        assertThatCode(ReferenceData::planner).doesNotThrowAnyException();
    }

    @Test
    void unknownKeysAreRejected() {
        assertThatThrownBy(() -> ReferenceFile.parse(
                        "route-parameters.json", """
                {"dataset":"route-parameters","truck":{"length_m":16.5,"lenght_provenance":{"estimate":"x"}}}""".getBytes(StandardCharsets.UTF_8), RouteParametersFile.class))
                .hasMessageContaining("lenght_provenance");
    }

    @Test
    void missingFiguresAndProvenanceAreAllReported() {
        RouteParametersFile file = ReferenceFile.parse(
                        "route-parameters.json", """
                {"dataset":"route-parameters","version":"1","currency":"USD","sources":{},
                 "road_costs":{"fuel_per_km":0.2,"fuel_provenance":{"estimate":"e"},"wear_per_km":0.1,
                   "wear_provenance":{"estimate":"e"},"tolls_per_km":0.03,"tolls_provenance":{"estimate":"e"},
                   "tolls_by_country":[],"time_p90_factor":1.1,"time_p90_provenance":{"estimate":"e"}},
                 "time_cost":{"per_hour":15},
                 "border_fees":{"per_crossing":30,"provenance":{"source":"nowhere"},"by_checkpoint":[]},
                 "driving_rules":{"max_daily_driving_hours":9,"max_daily_driving_provenance":{"estimate":"e"},
                   "daily_rest_provenance":{"estimate":"e"}},
                 "truck":{"length_m":16.5,"length_provenance":{"estimate":"e"}},
                 "ferries":[{"leg":"kuryk-alat","from":"kuryk","tariff_per_metre":54.5,
                   "tariff_provenance":{"estimate":"e"},"sailing_every_hours":24,
                   "schedule_provenance":{"estimate":"e"},"boarding_wait_median_hours":72,
                   "boarding_wait_median_provenance":{"estimate":"e"},"boarding_wait_p90_hours":168,
                   "boarding_wait_p90_provenance":{"estimate":"e"}}],
                 "trains":[{"leg":"altynkol-mamlyutka-station","from":"altynkol","tariff_per_load":2600,
                   "tariff_provenance":{"estimate":"e"},"departs_every_hours":24,"departs_when_ready":true,
                   "schedule_provenance":{"estimate":"e"},"handling_median_hours":24,
                   "handling_p90_hours":72,"handling_p90_provenance":{"estimate":"e"}},
                  {"leg":"urumqi-altynkol","from":"urumqi","tariff_per_load":1200,
                   "tariff_provenance":{"estimate":"e"},"departs_every_hours":24,
                   "schedule_provenance":{"estimate":"e"},"handling_median_hours":24,
                   "handling_median_provenance":{"estimate":"e"},"handling_p90_hours":48,
                   "handling_p90_provenance":{"estimate":"e"}}]}""".getBytes(StandardCharsets.UTF_8), RouteParametersFile.class)
                .content();
        assertThat(file.problems())
                .containsExactlyInAnyOrder(
                        "time cost: provenance is required",
                        "border fee: unknown source 'nowhere'",
                        "daily rest: a figure, not negative, is required",
                        "ferry kuryk-alat from kuryk: first_sailing is required",
                        "train altynkol-mamlyutka-station from altynkol: either departs_every_hours and first_departure, or"
                                + " departs_when_ready",
                        "train altynkol-mamlyutka-station from altynkol handling: provenance is required",
                        "train urumqi-altynkol from urumqi: either departs_every_hours and first_departure, or"
                                + " departs_when_ready");
    }
}
