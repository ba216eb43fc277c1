package io.borderflow.checkpoint.client;

import com.google.protobuf.Duration;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.Decision;
import io.borderflow.api.inspection.v1.GetDecisionRequest;
import io.borderflow.api.inspection.v1.GetDecisionResponse;
import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.GetRulesetResponse;
import io.borderflow.api.inspection.v1.HandlingTimes;
import io.borderflow.api.inspection.v1.MutinyInspectionServiceGrpc;
import io.borderflow.api.inspection.v1.Ruleset;
import io.borderflow.support.security.Roles;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The inspection-service stand-in of checkpoint-service's tests, served by the service under test itself. A
 * declaration id starting with {@code 0000} is unknown; one starting with {@code d} is never answered (UNAVAILABLE, a
 * decision stuck behind a peer that is down); otherwise its first character picks the decision: {@code a} RED (45
 * min), {@code c} YELLOW (2 h), anything else GREEN (5 min); one starting with {@code e} is answered GREEN only after
 * {@link #SLOW} the first time it is asked (longer than the client's deadline: a peer too busy to answer in time),
 * at once after. While {@link #DOWN} is set
 * every call fails UNAVAILABLE.
 * {@link #asked} counts the calls per declaration, so tests can wait for the sweeps they expect. Only the {@code service} role may call it, so the tests also prove that the client sends the
 * service's own token. Every declaration is carrier {@link #OWNER}'s, shown as inspection-service shows it: to a
 * service acting for that carrier, never for another (NOT_FOUND, as if it did not exist).
 */
@GrpcService
@RolesAllowed(Roles.SERVICE)
public class FakeInspectionService extends MutinyInspectionServiceGrpc.InspectionServiceImplBase {
    static final AtomicBoolean DOWN = new AtomicBoolean();
    static final String OWNER = "kaz-trans-01";

    @jakarta.inject.Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    static final java.time.Duration SLOW = java.time.Duration.ofMillis(2500);
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    /** How many times the decision on this declaration was asked for. */
    static int asked(String declarationId) {
        return CALLS.getOrDefault(declarationId, new AtomicInteger()).get();
    }

    /** The active ruleset's handling times the stand-in publishes, as {@code rulesets/7}. */
    static final HandlingTimes HANDLING = HandlingTimes.newBuilder()
            .setGreen(minutes(4))
            .setBlue(minutes(6))
            .setYellow(minutes(100))
            .setRedXray(minutes(50))
            .setRedUnloading(minutes(300))
            .setRefused(minutes(25))
            .setBasis("test figures, distinct from the fallback's")
            .build();

    private static Duration minutes(long minutes) {
        return Duration.newBuilder().setSeconds(minutes * 60).build();
    }

    @Override
    public Uni<GetRulesetResponse> getRuleset(GetRulesetRequest request) {
        if (DOWN.get()) {
            return Uni.createFrom()
                    .failure(Status.UNAVAILABLE.withDescription("stopped").asRuntimeException());
        }
        return Uni.createFrom()
                .item(GetRulesetResponse.newBuilder()
                        .setRuleset(Ruleset.newBuilder().setName("rulesets/7").setHandlingTimes(HANDLING))
                        .build());
    }

    @Override
    public Uni<GetDecisionResponse> getDecision(GetDecisionRequest request) {
        String id = request.getName()
                .substring("declarations/".length(), request.getName().length() - "/decision".length());
        CALLS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (DOWN.get() || id.charAt(0) == 'd') {
            return Uni.createFrom()
                    .failure(Status.UNAVAILABLE.withDescription("stopped").asRuntimeException());
        }
        if (id.startsWith("0000")
                || !io.borderflow.support.security.Caller.of(identity).maySeeDeclarationOf(OWNER)) {
            return Uni.createFrom()
                    .failure(Status.NOT_FOUND.withDescription(request.getName()).asRuntimeException());
        }
        Channel channel = switch (id.charAt(0)) {
            case 'a' -> Channel.CHANNEL_RED;
            case 'c' -> Channel.CHANNEL_YELLOW;
            default -> Channel.CHANNEL_GREEN;
        };
        long seconds = switch (channel) {
            case CHANNEL_RED -> 45 * 60;
            case CHANNEL_YELLOW -> 2 * 3600;
            default -> 5 * 60;
        };
        Uni<GetDecisionResponse> answer = Uni.createFrom()
                .item(GetDecisionResponse.newBuilder()
                        .setDecision(Decision.newBuilder()
                                .setName(request.getName())
                                .setChannel(channel)
                                .setExpectedHandling(Duration.newBuilder().setSeconds(seconds)))
                        .build());
        boolean busy = id.charAt(0) == 'e' && CALLS.get(id).get() == 1;
        return busy ? answer.onItem().delayIt().by(SLOW) : answer;
    }
}
