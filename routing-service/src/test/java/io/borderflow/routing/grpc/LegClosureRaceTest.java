package io.borderflow.routing.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.routing.v1.CloseLegRequest;
import io.borderflow.api.routing.v1.ReopenLegRequest;
import io.borderflow.api.routing.v1.RoutingServiceGrpc.RoutingServiceBlockingStub;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Network operators closing and reopening the same leg at the same moment, as the mixed-load soak did when it found
 * a CloseLeg answering INTERNAL: a reopen deleted the closure between the close's read and its update. Each change
 * now takes the leg's lock first, so every call answers, and the leg ends closed or open, never half of either.
 */
@QuarkusTest
class LegClosureRaceTest {
    private static final String LEG = "legs/ankara-istanbul";

    @GrpcClient
    RoutingServiceBlockingStub routing;

    @Test
    void closesAndReopensOfOneLegAtOnceAllAnswer() throws Exception {
        RoutingServiceBlockingStub operator = routing.withCallCredentials(TestTokens.as(Roles.NETWORK_OPERATOR));
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Void>> calls = new ArrayList<>();
                for (int caller = 0; caller < 8; caller++) {
                    boolean close = caller % 2 == 0;
                    int n = round * 8 + caller;
                    calls.add(CompletableFuture.runAsync(
                            () -> {
                                try {
                                    start.await();
                                    var stub = operator.withDeadlineAfter(20, TimeUnit.SECONDS);
                                    if (close) {
                                        stub.closeLeg(CloseLegRequest.newBuilder()
                                                .setName(LEG)
                                                .setReason("rockfall " + n)
                                                .build());
                                    } else {
                                        stub.reopenLeg(ReopenLegRequest.newBuilder()
                                                .setName(LEG)
                                                .build());
                                    }
                                } catch (StatusRuntimeException e) {
                                    failures.add((close ? "close: " : "reopen: ") + e.getStatus());
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            callers));
                }
                start.countDown();
                CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
        } finally {
            operator.withDeadlineAfter(20, TimeUnit.SECONDS)
                    .reopenLeg(ReopenLegRequest.newBuilder().setName(LEG).build());
            callers.shutdownNow();
        }
        assertThat(failures).isEmpty();
    }
}
