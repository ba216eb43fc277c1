package io.borderflow.inspection.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.MutinyCheckpointServiceGrpc.MutinyCheckpointServiceStub;
import io.borderflow.support.security.ServiceCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Asks checkpoint-service whether a checkpoint exists, with the service's own token. Answers are cached (a known
 * checkpoint for 10 minutes, an unknown one for a minute: checkpoints change with reference data, not with traffic).
 * One retry when the peer is unavailable (the call is a read). When checkpoint-service cannot answer, the last answer
 * stands, up to {@link #KEPT_FOR} old; with none, the checkpoint is {@link Existence#NOT_VERIFIED} and the caller goes
 * on: customs decisions must not stop because the checkpoint catalogue is down.
 * <p>
 * Checkpoint ids come from callers (a declaration names any), so the answers are a Caffeine cache of at most
 * {@link #MAX_ANSWERS} ids, each dropped {@link #KEPT_FOR} after it was last answered: made-up ids cannot grow it
 * without bound, and Caffeine's frequency-aware eviction keeps the few real checkpoints, asked for all the time, over
 * ids seen once.
 */
@ApplicationScoped
public class CheckpointClient {
    private static final Logger LOG = Logger.getLogger(CheckpointClient.class);
    static final Duration DEADLINE = Duration.ofSeconds(2);
    static final Duration KNOWN_FOR = Duration.ofMinutes(10);
    static final Duration UNKNOWN_FOR = Duration.ofMinutes(1);
    /**
     * How long an answer is kept to stand in for checkpoint-service while it cannot answer: a day, longer than any
     * outage we plan for; checkpoints change with reference data releases, not within a day.
     */
    static final Duration KEPT_FOR = Duration.ofDays(1);
    /**
     * Ids whose answers are kept: the catalogue has tens of checkpoints, so 10,000 leaves room for every real one
     * beside a flood of made-up ids, at about 200 bytes each (2 MiB).
     */
    static final int MAX_ANSWERS = 10_000;

    /** What checkpoint-service says of a checkpoint id. */
    public enum Existence {
        EXISTS,
        UNKNOWN,
        NOT_VERIFIED
    }

    private record Answer(Existence existence, Instant until) {}

    private final MutinyCheckpointServiceStub stub;
    private final ServiceCredentials credentials;
    private final Cache<String, Answer> answers;

    @Inject
    public CheckpointClient(
            @GrpcClient("checkpoint") MutinyCheckpointServiceStub stub, ServiceCredentials credentials) {
        this(stub, credentials, MAX_ANSWERS);
    }

    CheckpointClient(MutinyCheckpointServiceStub stub, ServiceCredentials credentials, int maxAnswers) {
        this.stub = stub;
        this.credentials = credentials;
        this.answers = Caffeine.newBuilder()
                .maximumSize(maxAnswers)
                .expireAfterWrite(KEPT_FOR)
                .build();
    }

    /** How many answers are kept now (for tests). */
    long answersKept() {
        answers.cleanUp();
        return answers.estimatedSize();
    }

    public Uni<Existence> existence(String checkpointId) {
        Answer cached = answers.getIfPresent(checkpointId);
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
