package io.borderflow.routing.route;

import com.google.protobuf.Duration;
import io.borderflow.api.inspection.v1.AssessDeclarationRequest;
import io.borderflow.api.inspection.v1.AssessDeclarationResponse;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.ChannelChance;
import io.borderflow.api.inspection.v1.MutinyInspectionServiceGrpc;
import io.borderflow.support.security.Caller;
import io.borderflow.support.security.Roles;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The inspection-service stand-in of routing-service's tests: integrated circuits (HS 8542...) and every stored
 * declaration go RED 60 %, YELLOW 30 %, GREEN 10 % at every checkpoint, anything else GREEN 95 %, YELLOW 5 %; a stored
 * declaration whose id starts with zeros does not exist. Every stored declaration is carrier {@link #OWNER}'s, and is
 * shown as inspection-service shows it: to a service acting for that carrier, never for another. {@link #down} makes
 * it refuse.
 */
@GrpcService
@RolesAllowed(Roles.SERVICE)
public class FakeInspectionService extends MutinyInspectionServiceGrpc.InspectionServiceImplBase {
    static final AtomicInteger ASSESSMENTS = new AtomicInteger();
    static final String OWNER = "kaz-trans-01";

    @Inject
    SecurityIdentity identity;

    static volatile boolean down;

    @Override
    public Uni<AssessDeclarationResponse> assessDeclaration(AssessDeclarationRequest request) {
        if (down) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
        }
        ASSESSMENTS.incrementAndGet();
        if (request.getStoredDeclaration().startsWith("declarations/00000000")
                || (!request.getStoredDeclaration().isEmpty()
                        && !Caller.of(identity).maySeeDeclarationOf(OWNER))) {
            return Uni.createFrom().failure(Status.NOT_FOUND.asRuntimeException());
        }
        // a stored declaration is taken to be of integrated circuits
        boolean chips = !request.getStoredDeclaration().isEmpty()
                || request.getDeclaration().getGoodsLinesList().stream()
                        .anyMatch(l -> l.getHsCode().startsWith("8542"));
        AssessDeclarationResponse.Builder response = AssessDeclarationResponse.newBuilder();
        if (chips) {
            response.addChannelChances(chance(Channel.CHANNEL_RED, 0.6, 4))
                    .addChannelChances(chance(Channel.CHANNEL_YELLOW, 0.3, 2))
                    .addChannelChances(chance(Channel.CHANNEL_GREEN, 0.1, 0));
        } else {
            response.addChannelChances(chance(Channel.CHANNEL_GREEN, 0.95, 0))
                    .addChannelChances(chance(Channel.CHANNEL_YELLOW, 0.05, 2));
        }
        return Uni.createFrom().item(response.build());
    }

    private static ChannelChance chance(Channel channel, double probability, int hours) {
        return ChannelChance.newBuilder()
                .setChannel(channel)
                .setProbability(probability)
                .setExpectedHandling(Duration.newBuilder().setSeconds(hours * 3600L))
                .build();
    }
}
