package io.borderflow.checkpoint.client;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.HandlingTimes;
import io.borderflow.api.inspection.v1.MutinyInspectionServiceGrpc.MutinyInspectionServiceStub;
import io.borderflow.checkpoint.model.RulesetHandling;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.security.ServiceCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The active ruleset's handling times, asked of inspection-service ({@code GetRuleset rulesets/active}) with the
 * service's own token, deadline 1 s, and kept in a Caffeine cache: figures a minute old are fetched anew in the
 * background while they are served (a ruleset activated meanwhile is seen within that), and kept at most 5 minutes;
 * {@link RulesetHandling#FALLBACK} is kept 30 s when inspection-service cannot answer, so that statuses are held up by
 * a peer that is down for one deadline every 30 s at most. Concurrent statuses share one call.
 */
@ApplicationScoped
public class RulesetHandlingClient {
    private static final Logger LOG = Logger.getLogger(RulesetHandlingClient.class);
    static final Duration DEADLINE = Duration.ofSeconds(1);
    static final Duration KEPT = Duration.ofMinutes(5);
    static final Duration FALLBACK_KEPT = Duration.ofSeconds(30);
    /** Figures older than this are fetched anew in the background, the kept ones served meanwhile. */
    static final Duration REFRESH = Duration.ofMinutes(1);

    private final MutinyInspectionServiceStub stub;
    private final ServiceCredentials credentials;
    private final AsyncLoadingCache<String, RulesetHandling> cache = Caffeine.newBuilder()
            .maximumSize(1)
            .expireAfter(
                    Expiry.<String, RulesetHandling>writing((key, value) -> value.fallback() ? FALLBACK_KEPT : KEPT))
            .refreshAfterWrite(REFRESH)
            .buildAsync((key, executor) -> fetch().subscribeAsCompletionStage().toCompletableFuture());

    public RulesetHandlingClient(
            @GrpcClient("inspection") MutinyInspectionServiceStub stub, ServiceCredentials credentials) {
        this.stub = stub;
        this.credentials = credentials;
    }

    /**
     * The active ruleset's figures, or {@link RulesetHandling#FALLBACK}; never fails. Kept figures come at once, on
     * the caller's thread; fetched ones are handed back on the caller's Vert.x context, where its session lives.
     */
    public Uni<RulesetHandling> current() {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<RulesetHandling> figures = cache.get("active");
            if (figures.isDone()) {
                return Uni.createFrom().item(figures.join());
            }
            Context context = Vertx.currentContext();
            Uni<RulesetHandling> fetched = Uni.createFrom().completionStage(figures);
            return context == null ? fetched : fetched.emitOn(run -> context.runOnContext(ignored -> run.run()));
        });
    }

    /** Forgets the figures (tests that change the active ruleset). */
    public void forget() {
        cache.synchronous().invalidateAll();
    }

    private Uni<RulesetHandling> fetch() {
        return Uni.createFrom()
                .deferred(() -> stub.withCallCredentials(credentials.callCredentials())
                        .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .getRuleset(GetRulesetRequest.newBuilder()
                                .setName("rulesets/active")
                                .build()))
                .map(response -> {
                    HandlingTimes h = response.getRuleset().getHandlingTimes();
                    return new RulesetHandling(
                            ProtoTimes.duration(h.getGreen()),
                            ProtoTimes.duration(h.getBlue()),
                            ProtoTimes.duration(h.getYellow()),
                            ProtoTimes.duration(h.getRedXray()),
                            ProtoTimes.duration(h.getRedUnloading()),
                            ProtoTimes.duration(h.getRefused()),
                            response.getRuleset().getName(),
                            false);
                })
                .onFailure()
                .recoverWithItem(e -> {
                    Status status = Status.fromThrowable(e);
                    LOG.warnf(
                            "inspection-service gave no active ruleset (%s%s); handling times fall back to the"
                                    + " shipped ruleset's for %s",
                            status.getCode(),
                            status.getDescription() == null ? "" : ": " + status.getDescription(),
                            FALLBACK_KEPT);
                    return RulesetHandling.FALLBACK;
                });
    }
}
