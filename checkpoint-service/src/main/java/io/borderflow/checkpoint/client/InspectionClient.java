package io.borderflow.checkpoint.client;

import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.GetDecisionRequest;
import io.borderflow.api.inspection.v1.MutinyInspectionServiceGrpc.MutinyInspectionServiceStub;
import io.borderflow.support.security.ServiceCredentials;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Asks inspection-service for the decision on a declaration, with the service's own token, for the carrier of the
 * truck ({@code borderflow-on-behalf-of-carrier}): inspection-service shows a declaration only to its own carrier, so
 * a booking or an arrival that names another carrier's declaration gets no channel from it (it is
 * {@link Outcome#UNKNOWN_DECLARATION}, exactly as one that does not exist). Deadline 2 s, one retry when unavailable
 * (a read). A peer that cannot answer is {@link Answer#unavailable()}, never an error: the caller keeps the truck filed
 * as awaiting its decision and asks again later.
 * <p>
 * At most {@link #IN_FLIGHT} calls run at once, {@link #WAITING} more wait their turn (a SmallRye Fault Tolerance
 * bulkhead), and beyond that a call is not made (the periodic sweep asks later): a burst of arrivals asked for every
 * decision at once, hundreds of calls against a peer that had just started. Behind the bulkhead a circuit breaker
 * stops asking a peer that keeps failing ({@link #asked}). Failures are counted by status code, and calls not made
 * while the breaker is open as {@code CIRCUIT_OPEN}, {@code borderflow_inspection_client_failures_total}.
 */
@ApplicationScoped
public class InspectionClient {
    private static final Logger LOG = Logger.getLogger(InspectionClient.class);
    static final Duration DEADLINE = Duration.ofSeconds(2);
    static final int IN_FLIGHT = 8;
    static final int WAITING = 2000;

    /** The decision's channel (GREEN...REFUSED) and expected handling; or that the declaration is unknown; or nothing. */
    public record Answer(Outcome outcome, String channel, Duration expectedHandling) {
        public static Answer unavailable() {
            return new Answer(Outcome.UNAVAILABLE, null, null);
        }
    }

    /** What inspection-service said. */
    public enum Outcome {
        DECIDED,
        UNKNOWN_DECLARATION,
        UNAVAILABLE
    }

    private final MutinyInspectionServiceStub stub;
    private final ServiceCredentials credentials;
    private final MeterRegistry registry;

    public InspectionClient(
            @GrpcClient("inspection") MutinyInspectionServiceStub stub,
            ServiceCredentials credentials,
            MeterRegistry registry) {
        this.stub = stub;
        this.credentials = credentials;
        this.registry = registry;
    }

    /** The failure counted for a call not made because the circuit breaker is open. */
    static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

    /**
     * Counts a failed call by its status code, or {@link #CIRCUIT_OPEN} for one not made
     * ({@code borderflow_inspection_client_failures_total}).
     */
    private void failed(String code) {
        Counter.builder("borderflow.inspection.client.failures")
                .tag("code", code)
                .description("Calls to inspection-service that failed, by status code")
                .register(registry)
                .increment();
    }

    /**
     * The decision, or that inspection-service does not know the declaration (for this carrier), or
     * {@link Answer#unavailable()} when it cannot answer now: its calls failing, the breaker open, the bulkhead full
     * (a {@code BulkheadException} in the Uni).
     */
    @Bulkhead(value = IN_FLIGHT, waitingTaskQueue = WAITING)
    public Uni<Answer> decision(String declarationId, String carrierId) {
        return asked(declarationId, carrierId)
                .onFailure(CircuitBreakerOpenException.class)
                .recoverWithItem(open -> {
                    failed(CIRCUIT_OPEN);
                    return Answer.unavailable();
                })
                .onFailure()
                .recoverWithItem(e -> {
                    Status status = Status.fromThrowable(e);
                    LOG.warnf(
                            "inspection-service did not answer for declarations/%s (%s%s); the truck awaits its"
                                    + " decision",
                            declarationId,
                            status.getCode(),
                            status.getDescription() == null ? "" : ": " + status.getDescription());
                    return Answer.unavailable();
                });
    }

    /**
     * The call itself, behind a circuit breaker: when half of the last 20 calls failed (unavailable, too slow, any
     * error but NOT_FOUND, which is an answer), no call is made for 10 s, then two that succeed close it again. A
     * peer that is down or drowning is then not asked by every sweep and every arrival of every replica at once.
     */
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    Uni<Answer> asked(String declarationId, String carrierId) {
        return Uni.createFrom()
                .deferred(() -> stub.withCallCredentials(credentials.actingForCarrier(carrierId))
                        .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .getDecision(GetDecisionRequest.newBuilder()
                                .setName("declarations/" + declarationId + "/decision")
                                .build()))
                .onFailure()
                .invoke(e -> failed(Status.fromThrowable(e).getCode().name()))
                .onFailure(e -> Status.fromThrowable(e).getCode() == Status.Code.UNAVAILABLE)
                .retry()
                .atMost(1)
                .map(response -> {
                    Channel channel = response.getDecision().getChannel();
                    return new Answer(
                            Outcome.DECIDED,
                            channel.name().substring("CHANNEL_".length()),
                            Duration.ofSeconds(
                                    response.getDecision().getExpectedHandling().getSeconds()));
                })
                .onFailure(e -> Status.fromThrowable(e).getCode() == Status.Code.NOT_FOUND)
                .recoverWithItem(() -> new Answer(Outcome.UNKNOWN_DECLARATION, null, null));
    }
}
