package io.borderflow.inspection.client;

import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.MutinyCheckpointServiceGrpc.MutinyCheckpointServiceStub;
import io.borderflow.support.security.ServiceCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Asks checkpoint-service whether a checkpoint exists, with the service's own token. Answers are cached (a known
 * checkpoint for 10 minutes, an unknown one for a minute: checkpoints change with reference data, not with traffic).
 * One retry when the peer is unavailable (the call is a read). When checkpoint-service cannot answer, the last answer
 * stands, however old; with none, the checkpoint is {@link Existence#NOT_VERIFIED} and the caller goes on: customs
 * decisions must not stop because the checkpoint catalogue is down.
 */
@ApplicationScoped
public class CheckpointClient {
    private static final Logger LOG = Logger.getLogger(CheckpointClient.class);
    static final Duration DEADLINE = Duration.ofSeconds(2);
    static final Duration KNOWN_FOR = Duration.ofMinutes(10);
    static final Duration UNKNOWN_FOR = Duration.ofMinutes(1);

    /** What checkpoint-service says of a checkpoint id. */
    public enum Existence {
        EXISTS,
        UNKNOWN,
        NOT_VERIFIED
    }

    private record Answer(Existence existence, Instant until) {}

    private final MutinyCheckpointServiceStub stub;
    private final ServiceCredentials credentials;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    public CheckpointClient(
            @GrpcClient("checkpoint") MutinyCheckpointServiceStub stub, ServiceCredentials credentials) {
        this.stub = stub;
        this.credentials = credentials;
    }

    public Uni<Existence> existence(String checkpointId) {
        Answer cached = answers.get(checkpointId);
        if (cached != null && Instant.now().isBefore(cached.until())) {
            return Uni.createFrom().item(cached.existence());
        }
        return Uni.createFrom()
                .deferred(() -> stub.withCallCredentials(credentials.callCredentials())
                        .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .getCheckpoint(GetCheckpointRequest.newBuilder()
                                .setName("checkpoints/" + checkpointId)
                                .build()))
                .onFailure(e -> Status.fromThrowable(e).getCode() == Status.Code.UNAVAILABLE)
                .retry()
                .atMost(1)
                .map(found -> remember(checkpointId, Existence.EXISTS, KNOWN_FOR))
                .onFailure(e -> Status.fromThrowable(e).getCode() == Status.Code.NOT_FOUND)
                .recoverWithItem(() -> remember(checkpointId, Existence.UNKNOWN, UNKNOWN_FOR))
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf(
                            "checkpoint-service did not answer for checkpoints/%s (%s): %s",
                            checkpointId,
                            Status.fromThrowable(e).getCode(),
                            cached == null ? "not verified" : "using the last answer");
                    return cached == null ? Existence.NOT_VERIFIED : cached.existence();
                });
    }

    private Existence remember(String checkpointId, Existence existence, Duration lifetime) {
        answers.put(checkpointId, new Answer(existence, Instant.now().plus(lifetime)));
        return existence;
    }
}
