package io.borderflow.checkpoint.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.checkpoint.v1.CancelClosureRequest;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.Closure;
import io.borderflow.api.checkpoint.v1.ListClosuresRequest;
import io.borderflow.checkpoint.model.HolidayDataset;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.reactive.FreshContext;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The holiday calendar becomes closures of the checkpoints it names at start-up, and a border post's cancellation of
 * one stands when the calendar is loaded again.
 */
@QuarkusTest
class HolidayCalendarTest {
    private static final CallCredentials KALZHAT_POST = TestTokens.bearer(TestTokens.issuer()
            .token("post-kalzhat")
            .roles(Roles.BORDER_OPERATOR)
            .checkpoints(List.of("kalzhat"))
            .sign());

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    @Inject
    HolidayCalendarLoader loader;

    @Inject
    Vertx vertx;

    private List<Closure> closures(String checkpoint) {
        return checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(TestTokens.as(Roles.CARRIER))
                .listClosures(ListClosuresRequest.newBuilder()
                        .setParent("checkpoints/" + checkpoint)
                        .build())
                .getClosuresList();
    }

    private static List<Closure> named(List<Closure> closures, String reasonStart) {
        return closures.stream()
                .filter(c -> c.getReason().startsWith(reasonStart))
                .toList();
    }

    @Test
    void theHolidayCalendarIsLoadedAsClosuresOfTheCheckpointsItNames() {
        // PRC National Day 2027: 1-3 October, Beijing time, at the five road crossings to China
        for (String checkpoint : List.of("nur-zholy", "alakol", "bakhty", "maikapchagai", "kalzhat")) {
            assertThat(named(closures(checkpoint), "PRC National Day"))
                    .as(checkpoint)
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(ProtoTimes.instant(c.getStartTime()))
                                .isEqualTo(Instant.parse("2027-09-30T16:00:00Z"));
                        assertThat(ProtoTimes.instant(c.getEndTime())).isEqualTo(Instant.parse("2027-10-03T16:00:00Z"));
                        assertThat(c.getCreatedBy()).isEqualTo(HolidayCalendarLoader.REQUESTER);
                        assertThat(c.hasCancelTime()).isFalse();
                    });
        }
        // not at the crossings to Russia
        assertThat(named(closures("zhaisan"), "PRC National Day")).isEmpty();
    }

    @Test
    void aHolidayAPostCancelledStaysCancelledWhenTheCalendarIsLoadedAgain() {
        Closure victoryDay = named(closures("kalzhat"), "Victory Day").get(0);
        checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(KALZHAT_POST)
                .cancelClosure(CancelClosureRequest.newBuilder()
                        .setName(victoryDay.getName())
                        .build());

        HolidayDataset calendar = ReferenceFile.read("reference/holiday-closures.json", HolidayDataset.class)
                .content();
        FreshContext.run(vertx, () -> loader.applyInTransaction(calendar))
                .await()
                .atMost(Duration.ofSeconds(30));

        assertThat(named(closures("kalzhat"), "Victory Day")).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo(victoryDay.getName());
            assertThat(c.hasCancelTime()).isTrue();
        });
        assertThat(named(closures("nur-zholy"), "Victory Day"))
                .singleElement()
                .satisfies(c -> assertThat(c.hasCancelTime()).isFalse());
    }
}
