package io.borderflow.routing.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.routing.v1.BorderCrossing;
import io.borderflow.api.routing.v1.BorderDataCoverage;
import io.borderflow.api.routing.v1.Cargo;
import io.borderflow.api.routing.v1.DataFreshness;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.api.routing.v1.FindRoutesResponse;
import io.borderflow.api.routing.v1.Route;
import io.borderflow.api.routing.v1.RouteConstraints;
import io.borderflow.api.routing.v1.RoutingServiceGrpc.RoutingServiceBlockingStub;
import io.borderflow.api.routing.v1.TransportMode;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * routing-service started while checkpoint-service is slow to answer, as a freshly started one is: the stand-in's
 * status stream stays silent for 6 s and each calendar call takes 1.5 s against routing's deadline of 0.5 s. Until
 * the data comes, no crossing is labelled live and none is taken as open around the clock without saying so; each
 * figure turns live as its data arrives, the calendars once the stand-in answers in time again (fetched again with
 * back-off, not five minutes later).
 */
@QuarkusTest
@TestProfile(SlowCheckpointServiceTest.SlowCheckpointService.class)
class SlowCheckpointServiceTest {

    public static class SlowCheckpointService implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "fake-checkpoint.watch-delay",
                    "6s",
                    "fake-checkpoint.calendar-delay",
                    "1500ms",
                    "borderflow.routing.checkpoint-feed.deadline",
                    "500ms");
        }
    }

    @GrpcClient
    RoutingServiceBlockingStub routing;

    @AfterEach
    void fastAgain() {
        FakeCheckpointService.calendarDelay = null;
        FakeCheckpointService.watchDelay = null;
    }

    private FindRoutesResponse throughZhaisan() {
        Cargo cargo = Cargo.newBuilder()
                .setOriginCountryCode("CN")
                .setDestinationCountryCode("RU")
                .addGoodsLines(GoodsLine.newBuilder()
                        .setHsCode("940320")
                        .setDescription("metal furniture")
                        .setQuantity(100)
                        .setQuantityUnit("pcs")
                        .setNetWeightKg(12_000)
                        .setCustomsValue(50_000)
                        .setCurrency("USD")
                        .setOriginCountryCode("CN"))
                .build();
        return routing.withDeadlineAfter(20, TimeUnit.SECONDS)
                .withCallCredentials(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .findRoutes(FindRoutesRequest.newBuilder()
                        .setOrigin("places/urumqi")
                        .setDestination("places/moscow")
                        .setCargo(cargo)
                        .setConstraints(RouteConstraints.newBuilder()
                                .addAllowedModes(TransportMode.TRANSPORT_MODE_ROAD)
                                .addAllAvoidCheckpoints(List.of(
                                        "checkpoints/syrym",
                                        "checkpoints/zhelkuar",
                                        "checkpoints/mamlyutka",
                                        "checkpoints/kairak",
                                        "checkpoints/zabaykalsk",
                                        "checkpoints/blagoveshchensk",
                                        "checkpoints/pogranichny")))
                        .build());
    }

    private static BorderCrossing zhaisan(FindRoutesResponse response) {
        return response.getRoutesList().stream()
                .flatMap(r -> r.getCrossingsList().stream())
                .filter(c -> c.getCheckpoint().equals("checkpoints/zhaisan"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void noCrossingIsLabelledLiveOrSilentlyOpenUntilItsDataComesThenEachFigureTurnsLive() {
        FakeCheckpointService.publish(FakeCheckpointService.status("zhaisan", 2500, 12.5, 10));

        // at once: the stream has delivered nothing, no calendar came within its deadline
        FindRoutesResponse early = throughZhaisan();
        BorderDataCoverage coverage = early.getBorderData();
        assertThat(coverage.getCheckpoints()).isGreaterThan(10);
        assertThat(coverage.getStatusLive()).isZero();
        assertThat(coverage.getCalendarLive()).isZero();
        assertThat(coverage.getStatusUnknown()).isEqualTo(coverage.getCheckpoints());
        assertThat(coverage.getCalendarUnknown()).isEqualTo(coverage.getCheckpoints());
        assertThat(early.getRoutesList()).isNotEmpty();
        for (Route route : early.getRoutesList()) {
            assertThat(route.getLiveData().getUnknown()).isTrue();
            assertThat(route.getCrossingsList()).allSatisfy(crossing -> {
                assertThat(crossing.getWaitFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_UNKNOWN);
                assertThat(crossing.getCalendarFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_UNKNOWN);
                assertThat(crossing.hasWaitAge()).isFalse();
            });
        }

        // the stream delivers: Zhaisan's queue is live (2,500 trucks, 12.5 cleared and 10 arriving an hour: over a
        // week, less what drains by the truck's arrival days later); the calendars, still slower than their deadline,
        // stay unknown
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(zhaisan(throughZhaisan()).getWaitFreshness())
                        .isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE));
        FindRoutesResponse streamed = throughZhaisan();
        assertThat(duration(zhaisan(streamed).getWaitMedian())).isGreaterThan(Duration.ofDays(5));
        assertThat(zhaisan(streamed).getCalendarFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_UNKNOWN);
        assertThat(streamed.getBorderData().getStatusLive()).isEqualTo(1);
        assertThat(streamed.getBorderData().getCalendarUnknown()).isEqualTo(coverage.getCheckpoints());
        assertThat(failures("calendar")).isGreaterThan(0);

        // checkpoint-service answers in time again: every calendar is fetched on the next tries, not in 5 minutes
        FakeCheckpointService.calendarDelay = Duration.ZERO;
        await().atMost(Duration.ofSeconds(45))
                .untilAsserted(() -> assertThat(throughZhaisan().getBorderData().getCalendarLive())
                        .isEqualTo(coverage.getCheckpoints()));
        BorderCrossing live = zhaisan(throughZhaisan());
        assertThat(live.getCalendarFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE);
        assertThat(live.hasCalendarAge()).isTrue();
        assertThat(live.getWaitFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE);
    }

    private static Duration duration(com.google.protobuf.Duration d) {
        return Duration.ofSeconds(d.getSeconds(), d.getNanos());
    }

    /** {@code borderflow_checkpoint_feed_failures_total{call=...}} from the service's Prometheus metrics. */
    private static double failures(String call) {
        String metrics =
                RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher found = Pattern.compile(
                        "^borderflow_checkpoint_feed_failures_total\\{call=\"" + call + "\"[^}]*\\} ([0-9.E+]+)$",
                        Pattern.MULTILINE)
                .matcher(metrics);
        assertThat(found.find()).as("the failure counter is published").isTrue();
        return Double.parseDouble(found.group(1));
    }
}
