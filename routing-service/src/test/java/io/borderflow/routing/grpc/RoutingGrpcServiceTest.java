package io.borderflow.routing.grpc;

import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.common.v1.ProvenanceKind;
import io.borderflow.api.routing.v1.Corridor;
import io.borderflow.api.routing.v1.Leg;
import io.borderflow.api.routing.v1.ListLegsRequest;
import io.borderflow.api.routing.v1.ListLegsResponse;
import io.borderflow.api.routing.v1.ListPlacesRequest;
import io.borderflow.api.routing.v1.ListPlacesResponse;
import io.borderflow.api.routing.v1.Place;
import io.borderflow.api.routing.v1.PlaceKind;
import io.borderflow.api.routing.v1.RoutingServiceGrpc.RoutingServiceBlockingStub;
import io.borderflow.api.routing.v1.TransportMode;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class RoutingGrpcServiceTest {

    @GrpcClient
    RoutingServiceBlockingStub routing;

    private RoutingServiceBlockingStub stub() {
        return routing.withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(TestTokens.as(Roles.FREIGHT_PLATFORM));
    }

    @Test
    void checkpointPlacesReferToTheirCheckpoint() {
        ListPlacesResponse checkpoints = stub().listPlaces(ListPlacesRequest.newBuilder()
                .setKind(PlaceKind.PLACE_KIND_CHECKPOINT)
                .setPageSize(500)
                .build());

        assertThat(checkpoints.getPlacesList()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.getKind()).isEqualTo(PlaceKind.PLACE_KIND_CHECKPOINT);
            assertThat(p.getCheckpoint()).isEqualTo("checkpoints/" + p.getName().substring("places/".length()));
        });
        assertThat(checkpoints.getPlacesList())
                .extracting(Place::getName)
                .contains("places/zhaisan", "places/nur-zholy", "places/zabaykalsk", "places/red-bridge");
    }

    @Test
    void countryFilterAndProvenance() {
        List<Place> kazakh = stub().listPlaces(ListPlacesRequest.newBuilder()
                        .setCountryCode("KZ")
                        .setPageSize(500)
                        .build())
                .getPlacesList();

        assertThat(kazakh).extracting(Place::getName).contains("places/almaty", "places/aktobe", "places/aktau");
        assertThat(kazakh).allSatisfy(p -> {
            assertThat(p.getCountryCode()).isEqualTo("KZ");
            assertThat(p.getLocation().getProvenance().getKind())
                    .isNotEqualTo(ProvenanceKind.PROVENANCE_KIND_UNSPECIFIED);
        });
    }

    @Test
    void placesPageThroughEveryPlaceOnce() {
        List<String> all =
                stub()
                        .listPlaces(
                                ListPlacesRequest.newBuilder().setPageSize(500).build())
                        .getPlacesList()
                        .stream()
                        .map(Place::getName)
                        .toList();
        List<String> walked = new ArrayList<>();
        String token = "";
        do {
            ListPlacesResponse page = stub().listPlaces(ListPlacesRequest.newBuilder()
                    .setPageSize(7)
                    .setPageToken(token)
                    .build());
            assertThat(page.getTotalSize()).isEqualTo(all.size());
            page.getPlacesList().forEach(p -> walked.add(p.getName()));
            token = page.getNextPageToken();
        } while (!token.isEmpty() && walked.size() <= all.size());

        assertThat(all).hasSizeGreaterThan(50);
        assertThat(walked).isEqualTo(all).doesNotHaveDuplicates();
    }

    @Test
    void middleCorridorHasTheCaspianFerries() {
        ListLegsResponse middle = stub().listLegs(ListLegsRequest.newBuilder()
                .setCorridor(Corridor.CORRIDOR_MIDDLE_CORRIDOR)
                .setPageSize(500)
                .build());

        assertThat(middle.getLegsList())
                .allSatisfy(l -> assertThat(l.getCorridorsList()).contains(Corridor.CORRIDOR_MIDDLE_CORRIDOR));
        List<Leg> ferries = middle.getLegsList().stream()
                .filter(l -> l.getMode() == TransportMode.TRANSPORT_MODE_FERRY)
                .toList();
        assertThat(ferries).extracting(Leg::getToPlace).containsOnly("places/alat");
        assertThat(ferries)
                .allSatisfy(f -> assertThat(f.getTypicalDuration().getSeconds()).isBetween(17 * 3600L, 23 * 3600L));
    }

    @Test
    void legsAtAPlaceTouchIt() {
        List<Leg> atZhaisan = stub().listLegs(
                        ListLegsRequest.newBuilder().setPlace("places/zhaisan").build())
                .getLegsList();

        assertThat(atZhaisan)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(l ->
                        assertThat(List.of(l.getFromPlace(), l.getToPlace())).contains("places/zhaisan"));
        assertThat(atZhaisan).allSatisfy(l -> {
            assertThat(l.getDistanceKm()).isPositive();
            assertThat(l.getDistanceProvenance().getKind()).isNotEqualTo(ProvenanceKind.PROVENANCE_KIND_UNSPECIFIED);
        });
    }

    @Test
    void unknownPlaceIsNotFound() {
        var failure = assertFails(
                () -> stub().listLegs(ListLegsRequest.newBuilder()
                        .setPlace("places/atlantis")
                        .build()),
                Status.Code.NOT_FOUND,
                "PLACE_NOT_FOUND");
        assertThat(failure.errorInfo().getDomain()).isEqualTo("routing.borderflow.io");
    }

    @ParameterizedTest
    @ValueSource(strings = {"almaty", "places/Almaty", "checkpoints/zhaisan"})
    void malformedPlaceIsInvalid(String place) {
        var failure = assertFails(
                () -> stub().listLegs(
                                ListLegsRequest.newBuilder().setPlace(place).build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_NAME");
        assertThat(failure.badFields()).containsExactly("place");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kz", "KAZ", "K1"})
    void malformedCountryIsInvalid(String country) {
        assertFails(
                () -> stub().listPlaces(ListPlacesRequest.newBuilder()
                        .setCountryCode(country)
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_COUNTRY_CODE");
    }

    @Test
    void pageSizeAndTokenAreChecked() {
        assertFails(
                () -> stub().listLegs(
                                ListLegsRequest.newBuilder().setPageSize(-5).build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PAGE_SIZE");
        assertFails(
                () -> stub().listPlaces(
                                ListPlacesRequest.newBuilder().setPageSize(1000).build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PAGE_SIZE");
        assertFails(
                () -> stub().listLegs(
                                ListLegsRequest.newBuilder().setPageToken("%%%").build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PAGE_TOKEN");
        String token = stub().listLegs(
                        ListLegsRequest.newBuilder().setPageSize(1).build())
                .getNextPageToken();
        assertFails(
                () -> stub().listLegs(ListLegsRequest.newBuilder()
                        .setPageSize(1)
                        .setPageToken(token)
                        .setCorridor(Corridor.CORRIDOR_NORTHERN)
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PAGE_TOKEN");
    }

    @Test
    void unknownEnumNumberIsInvalid() {
        assertFails(
                () -> stub().listLegs(ListLegsRequest.newBuilder()
                        .setCorridorValue(42)
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_ENUM_VALUE");
    }
}
