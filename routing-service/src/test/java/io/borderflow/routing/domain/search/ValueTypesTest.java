package io.borderflow.routing.domain.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.routing.model.route.ChannelOutlook;
import io.borderflow.routing.model.route.Corridor;
import io.borderflow.routing.model.route.NoRouteReason;
import io.borderflow.routing.model.route.TransportMode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks the search's input types make on construction, and their small computations. */
class ValueTypesTest {
    private static final Duration H = Duration.ofHours(1);

    @Test
    void expectedInspectionIsTheProbabilityWeightedSum() {
        var outlook = new ChannelOutlook(
                0.6,
                0.25,
                0.1,
                0.05,
                Duration.ofMinutes(10),
                H.multipliedBy(4),
                H.multipliedBy(24),
                H.multipliedBy(30));
        // 0.6 x 10 min + 0.25 x 240 min + 0.1 x 1440 min + 0.05 x 1800 min
        assertThat(outlook.expectedInspection()).isEqualTo(Duration.ofMinutes(6 + 60 + 144 + 90));
        assertThat(ChannelOutlook.allGreen().expectedInspection()).isZero();
    }

    @Test
    void channelProbabilitiesMustAddUpToOne() {
        assertThatThrownBy(() -> new ChannelOutlook(
                        0.5, 0.3, 0.1, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up to 1");
        assertThatThrownBy(() ->
                        new ChannelOutlook(1.2, -0.2, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCargoOutlookIsFoundByCheckpointThenByCountryEntered() {
        var special = ChannelOutlook.allGreen();
        var russia = new ChannelOutlook(0.5, 0, 0.5, 0, Duration.ZERO, Duration.ZERO, H, Duration.ZERO);
        var other = new ChannelOutlook(0.9, 0.1, 0, 0, Duration.ZERO, H, Duration.ZERO, Duration.ZERO);
        CargoOutlook cargo = CargoOutlook.of(Map.of("zhaisan", special), Map.of("RU", russia), other);

        assertThat(cargo.at(new BorderCrossing("zhaisan", "zhaisan", "KZ", "RU")))
                .isSameAs(special);
        assertThat(cargo.at(new BorderCrossing("syrym", "syrym", "KZ", "RU"))).isSameAs(russia);
        assertThat(cargo.at(new BorderCrossing("nur-zholy", "nur-zholy", "CN", "KZ")))
                .isSameAs(other);
    }

    @Test
    void roadCostsAddTheirPartsWithTheCountrysTolls() {
        var road = new RoadCosts(0.25, 0.08, 0.03, Map.of("CN", 0.25), 1.15);
        assertThat(road.perKm("CN")).isEqualTo(0.25 + 0.08 + 0.25);
        assertThat(road.perKm("GE")).isEqualTo(0.25 + 0.08 + 0.03);
        assertThatThrownBy(() -> new RoadCosts(0.25, 0.08, 0.03, Map.of(), 0.9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new BorderFees(30, Map.of("zhaisan", 45.0)).at("zhaisan")).isEqualTo(45);
        assertThat(new BorderFees(30, Map.of("zhaisan", 45.0)).at("syrym")).isEqualTo(30);
    }

    @Test
    void emptyAllowedModesMeanEveryMode() {
        assertThat(RouteConstraints.none().allowedModes()).containsExactlyInAnyOrder(TransportMode.values());
        assertThat(RouteConstraints.none().withModes(Set.of(TransportMode.ROAD)).allowedModes())
                .containsExactly(TransportMode.ROAD);
    }

    @Test
    void aNetworkRefusesInconsistentData() {
        Place a = new Place("a", "XX", null, PlaceKind.CITY);
        Place b = new Place("b", "YY", null, PlaceKind.CITY);
        Link ab = new Link("a-b", "a", "b", TransportMode.ROAD, EnumSet.of(Corridor.NORTHERN), 10, H, true);

        assertThatThrownBy(() -> Network.of(List.of(a, a), List.of())).hasMessageContaining("duplicate place a");
        assertThatThrownBy(() -> Network.of(List.of(a), List.of(ab))).hasMessageContaining("not in the network");
        assertThatThrownBy(() -> Network.of(List.of(a, b), List.of(ab, ab))).hasMessageContaining("duplicate leg");
        assertThatThrownBy(() -> new Place("c", "XX", null, PlaceKind.CHECKPOINT))
                .hasMessageContaining("names no checkpoint");
        assertThatThrownBy(
                        () -> new Link("a-a", "a", "a", TransportMode.ROAD, EnumSet.of(Corridor.NORTHERN), 10, H, true))
                .hasMessageContaining("starts where it ends");
        assertThatThrownBy(() -> new Link("a-b", "a", "b", TransportMode.ROAD, Set.of(), 10, H, true))
                .hasMessageContaining("no corridor");
    }

    @Test
    void aOneWayLinkIsOnlyTakenForwards() {
        Place a = new Place("a", "XX", null, PlaceKind.CITY);
        Place b = new Place("b", "XX", null, PlaceKind.CITY);
        Network network = Network.of(
                List.of(b, a),
                List.of(new Link("a-b", "a", "b", TransportMode.ROAD, EnumSet.of(Corridor.NORTHERN), 10, H, false)));
        RoutePlanner planner = new RoutePlanner(network, TinyNetworks.simpleParameters());

        assertThat(network.places()).extracting(Place::id).containsExactly("a", "b");
        assertThat(planner.findRoutes(
                                RouteQuery.of("a", "b", TinyNetworks.DEPARTURE),
                                FixedCrossingConditions.none(),
                                Set.of())
                        .found())
                .isTrue();
        assertThat(planner.findRoutes(
                                RouteQuery.of("b", "a", TinyNetworks.DEPARTURE),
                                FixedCrossingConditions.none(),
                                Set.of())
                        .noRoute())
                .contains(NoRouteReason.NO_CONNECTION);
    }

    @Test
    void readableFigures() {
        assertThat(RouteExplanations.duration(Duration.ofMinutes(40))).isEqualTo("40 minutes");
        assertThat(RouteExplanations.duration(Duration.ofMinutes(61))).isEqualTo("1 hour");
        assertThat(RouteExplanations.duration(Duration.ofHours(47))).isEqualTo("47 hours");
        assertThat(RouteExplanations.duration(Duration.ofDays(4))).isEqualTo("4 days");
        assertThat(RouteExplanations.duration(Duration.ofHours(31 + 24))).isEqualTo("2.3 days");
        assertThat(RouteExplanations.money(4_206, "USD")).isEqualTo("USD 4,210");
        assertThat(RouteExplanations.percent(0.0125)).isEqualTo("1.3%");
        assertThat(RouteExplanations.join(List.of("A", "B", "C"))).isEqualTo("A, B and C");
        assertThat(RouteExplanations.idName("red-bridge")).isEqualTo("Red Bridge");
    }
}
