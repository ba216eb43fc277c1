package io.borderflow.loadharness.scenario;

import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.loadharness.drive.CallTarget;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The floor of the stack: {@code grpc.health.v1.Health/Check} on checkpoint-service's port (no token, no database),
 * answered SERVING. Where the service does not serve it, the cheapest RPC of the suite instead,
 * {@code CheckpointService/GetCheckpoint} of {@code checkpoints/zhaisan}, labelled so.
 */
final class HealthCheckCalls implements CallTarget {
    static final String HEALTH_RPC = "grpc.health.v1.Health/Check";
    static final String FALLBACK_RPC = "CheckpointService/GetCheckpoint (grpc health not served)";

    private final Consumer<Consumer<String>> call;

    private HealthCheckCalls(Consumer<Consumer<String>> call) {
        this.call = call;
    }

    /** Whether the channel's server answers the health check at all (anything but UNIMPLEMENTED). */
    static boolean served(Channel channel) {
        try {
            HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            return true;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() != io.grpc.Status.Code.UNIMPLEMENTED;
        }
    }

    static HealthCheckCalls health(Channel channel, Duration deadline) {
        HealthGrpc.HealthStub stub = HealthGrpc.newStub(channel);
        HealthCheckRequest request = HealthCheckRequest.getDefaultInstance();
        return new HealthCheckCalls(done -> stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .check(request, Answer.checked(HealthCheckCalls::serving, done)));
    }

    static HealthCheckCalls cheapestRpc(Channel channel, String jwt, Duration deadline) {
        CheckpointServiceGrpc.CheckpointServiceStub stub =
                CheckpointServiceGrpc.newStub(ClientInterceptors.intercept(channel, SuiteClients.bearer(jwt)));
        GetCheckpointRequest request =
                GetCheckpointRequest.newBuilder().setName("checkpoints/zhaisan").build();
        return new HealthCheckCalls(done -> stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .getCheckpoint(request, Answer.any(done)));
    }

    private static String serving(HealthCheckResponse response) {
        return response.getStatus() == HealthCheckResponse.ServingStatus.SERVING
                ? OK
                : response.getStatus().name();
    }

    @Override
    public void start(Consumer<String> done) {
        call.accept(done);
    }
}
