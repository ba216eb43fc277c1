package io.borderflow.loadharness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventAck;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.api.routing.v1.FindRoutesResponse;
import io.borderflow.api.routing.v1.Route;
import io.borderflow.loadharness.drive.CallTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The requests the scenarios send are valid and distinct, as the services' contracts ask. */
class ScenarioRequestsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void everyCallTargetOfARunGetsATagOfItsOwnThatStillFitsAPlate() {
        SuiteClients clients =
                new SuiteClients(java.util.Map.of(), null, "ZZ9A", Duration.ofSeconds(1), Duration.ofSeconds(1));
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            tags.add(Scenarios.targetTag(clients));
        }
        assertThat(tags)
                .hasSize(20)
                .allSatisfy(tag -> assertThat(tag).startsWith("ZZ9A").hasSize(5));
        // the warm-up pass's declarations and the measured ones never share a request id
        assertThat(DeclarationCalls.request(tags.toArray(String[]::new)[0], 0, Scenarios.CHECKPOINTS)
                        .getRequestId())
                .isNotEqualTo(DeclarationCalls.request(tags.toArray(String[]::new)[1], 0, Scenarios.CHECKPOINTS)
                        .getRequestId());
        assertThat(CrossingEventStreams.event(tags.iterator().next(), Scenarios.CHECKPOINTS, 0, 1, 1_000_000, NOW)
                        .getTruck()
                        .getPlate())
                .hasSizeLessThanOrEqualTo(16);
    }

    @Test
    void everyTruckArrivesThenClearsOnItsOwnStreamWithDistinctIdsAndPlausibleTimes() {
        int streams = 4;
        List<CrossingEvent> all = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            List<CrossingEvent> stream = new ArrayList<>();
            for (long k = 0; k < 500; k++) {
                stream.add(CrossingEventStreams.event("ZZ9A", Scenarios.CHECKPOINTS, s, streams, k, NOW));
            }
            for (int k = 0; k < stream.size(); k += 2) {
                CrossingEvent arrived = stream.get(k);
                CrossingEvent cleared = stream.get(k + 1);
                assertThat(arrived.getType()).isEqualTo(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED);
                assertThat(cleared.getType()).isEqualTo(CrossingEventType.CROSSING_EVENT_TYPE_CLEARED);
                assertThat(cleared.getTruck()).isEqualTo(arrived.getTruck());
                assertThat(cleared.getCheckpoint()).isEqualTo(arrived.getCheckpoint());
                assertThat(cleared.getOccurTime().getSeconds())
                        .isGreaterThan(arrived.getOccurTime().getSeconds());
            }
            all.addAll(stream);
        }
        assertThat(all)
                .extracting(CrossingEvent::getEventId)
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[A-Za-z0-9_-]{8,64}"));
        assertThat(all.stream().map(e -> e.getTruck().getPlate()).distinct().count())
                .isEqualTo(all.size() / 2);
        assertThat(all).allSatisfy(e -> {
            assertThat(e.getTruck().getPlate()).matches("[A-Z0-9]{2,16}");
            Instant at = Instant.ofEpochSecond(e.getOccurTime().getSeconds());
            assertThat(at).isBefore(NOW).isAfter(NOW.minus(Duration.ofDays(1)));
        });
        assertThat(all.stream().map(CrossingEvent::getCheckpoint).distinct()).hasSize(Scenarios.CHECKPOINTS.size());
    }

    @Test
    void onlyDurablyStoredEventsCountAsDone() {
        assertThat(CrossingEventStreams.outcome(ack(EventOutcome.EVENT_OUTCOME_ACCEPTED, "")))
                .isEqualTo(CallTarget.OK);
        assertThat(CrossingEventStreams.outcome(ack(EventOutcome.EVENT_OUTCOME_DUPLICATE, "")))
                .isEqualTo(CallTarget.OK);
        assertThat(CrossingEventStreams.outcome(ack(EventOutcome.EVENT_OUTCOME_REJECTED, "IMPOSSIBLE_TRANSITION")))
                .isEqualTo("REJECTED:IMPOSSIBLE_TRANSITION");
    }

    @Test
    void declarationsAreDistinctAndVaryGoodsPartiesAndCheckpoints() {
        List<SubmitDeclarationRequest> requests = LongStream.range(0, 300)
                .mapToObj(n -> DeclarationCalls.request("ZZ9A", n, Scenarios.CHECKPOINTS))
                .toList();

        assertThat(requests)
                .extracting(SubmitDeclarationRequest::getRequestId)
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[A-Za-z0-9_-]{8,64}"));
        assertThat(requests)
                .extracting(r -> r.getDeclaration().getVehiclePlate())
                .doesNotHaveDuplicates();
        Set<String> hsCodes = new HashSet<>();
        requests.forEach(r -> hsCodes.add(r.getDeclaration().getGoodsLines(0).getHsCode()));
        assertThat(hsCodes).hasSize(5);
        assertThat(requests)
                .extracting(r -> r.getDeclaration().getCheckpoint())
                .contains("checkpoints/zhaisan", "checkpoints/syrym");
        assertThat(requests)
                .allSatisfy(r -> assertThat(r.getDeclaration().getGoodsLinesList())
                        .allMatch(line -> line.getHsCode().matches("\\d{6,10}")
                                && line.getQuantity() > 0
                                && line.getNetWeightKg() > 0));
    }

    @Test
    void routeSearchesGoFromUrumqiToMoscowWithEveryCargoUnderEveryObjective() {
        List<FindRoutesRequest> variants = RouteSearchCalls.variants();

        assertThat(variants)
                .hasSize(12)
                .doesNotHaveDuplicates()
                .allMatch(r -> r.getOrigin().equals("places/urumqi")
                        && r.getDestination().equals("places/moscow"))
                .allMatch(r -> r.getCargo().getGoodsLinesCount() == 1);
        assertThat(RouteSearchCalls.outcome(FindRoutesResponse.newBuilder()
                        .addRoutes(Route.getDefaultInstance())
                        .build()))
                .isEqualTo(CallTarget.OK);
        assertThat(RouteSearchCalls.outcome(FindRoutesResponse.newBuilder()
                        .setNoRouteReason("NO_CONNECTION")
                        .build()))
                .isEqualTo("NO_ROUTE:NO_CONNECTION");
    }

    private static CrossingEventAck ack(EventOutcome outcome, String reason) {
        return CrossingEventAck.newBuilder()
                .setOutcome(outcome)
                .setReason(reason)
                .build();
    }
}
