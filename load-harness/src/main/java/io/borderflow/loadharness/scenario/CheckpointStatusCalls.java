package io.borderflow.loadharness.scenario;

import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.loadharness.drive.CallTarget;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * {@code CheckpointService/GetCheckpointStatus} as a freight platform reads it, cycling over the given checkpoints
 * (the event scenario's, which by then hold this run's trucks).
 */
final class CheckpointStatusCalls implements CallTarget {
    private final CheckpointServiceGrpc.CheckpointServiceStub stub;
    private final List<GetCheckpointStatusRequest> requests;
    private final Duration deadline;
    private final AtomicLong sequence = new AtomicLong();

    CheckpointStatusCalls(Channel channel, String readerJwt, List<String> checkpoints, Duration deadline) {
        this.stub =
                CheckpointServiceGrpc.newStub(ClientInterceptors.intercept(channel, SuiteClients.bearer(readerJwt)));
        this.requests = checkpoints.stream()
                .map(id -> GetCheckpointStatusRequest.newBuilder()
                        .setName("checkpoints/" + id + "/status")
                        .build())
                .toList();
        this.deadline = deadline;
    }

    @Override
    public void start(Consumer<String> done) {
        GetCheckpointStatusRequest request = requests.get((int) (sequence.getAndIncrement() % requests.size()));
        stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .getCheckpointStatus(
                        request, Answer.checked(response -> response.hasStatus() ? OK : "NO_STATUS", done));
    }
}
