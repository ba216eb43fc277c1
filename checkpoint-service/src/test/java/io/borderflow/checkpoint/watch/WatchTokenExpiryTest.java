package io.borderflow.checkpoint.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusResponse;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stream lives no longer than the token it was opened with: a watch opened with a token that expires in a few
 * seconds ends UNAUTHENTICATED then, while a watch opened at the same time with a token of an hour goes on.
 */
@QuarkusTest
class WatchTokenExpiryTest {

    @GrpcClient("watch")
    io.grpc.Channel channel;

    /** A running watch: its messages, and how it ended (never, while the future is not done). */
    private record Watch(
            BlockingQueue<WatchCheckpointStatusResponse> messages,
            CompletableFuture<Status> end,
            Context.CancellableContext context)
            implements AutoCloseable {
        @Override
        public void close() {
            context.cancel(null);
        }
    }

    private Watch watch(CallCredentials credentials) {
        BlockingQueue<WatchCheckpointStatusResponse> messages = new LinkedBlockingQueue<>();
        CompletableFuture<Status> end = new CompletableFuture<>();
        Context.CancellableContext context = Context.current().withCancellation();
        context.run(() -> CheckpointServiceGrpc.newStub(channel)
                .withCallCredentials(credentials)
                .watchCheckpointStatus(
                        WatchCheckpointStatusRequest.newBuilder()
                                .addNames("checkpoints/alakol/status")
                                .setHeartbeatInterval(Duration.newBuilder().setSeconds(1))
                                .build(),
                        new StreamObserver<>() {
                            @Override
                            public void onNext(WatchCheckpointStatusResponse value) {
                                messages.add(value);
                            }

                            @Override
                            public void onError(Throwable t) {
                                end.complete(Status.fromThrowable(t));
                            }

                            @Override
                            public void onCompleted() {
                                end.complete(Status.OK);
                            }
                        }));
        return new Watch(messages, end, context);
    }

    @Test
    void aWatchEndsUnauthenticatedWhenItsTokenExpiresAndAnotherGoesOn() throws Exception {
        Instant now = Instant.now();
        // expires 4 s from now (and the service allows no clock skew past exp beyond its verifier's own)
        CallCredentials shortLived = TestTokens.bearer(TestTokens.issuer()
                .token("short-lived-platform")
                .roles(Roles.FREIGHT_PLATFORM)
                .valid(now.minusSeconds(5), now.plusSeconds(4))
                .sign());
        try (Watch expiring = watch(shortLived);
                Watch lasting = watch(TestTokens.as(Roles.FREIGHT_PLATFORM))) {
            // both are served while the short token is valid: the current status comes first
            assertThat(expiring.messages().poll(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(lasting.messages().poll(10, TimeUnit.SECONDS)).isNotNull();

            Status end = expiring.end().get(20, TimeUnit.SECONDS);
            assertThat(end.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(end.getDescription()).contains("token expired");
            assertThat(Instant.now()).isAfterOrEqualTo(now.plusSeconds(3));

            // the other watch still gets its heartbeats
            lasting.messages().clear();
            assertThat(lasting.messages().poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(lasting.end()).isNotDone();
        }
    }
}
