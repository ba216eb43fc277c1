package io.borderflow.routing.grpc;

import io.borderflow.api.routing.v1.CloseLegRequest;
import io.borderflow.api.routing.v1.Leg;
import io.borderflow.api.routing.v1.ListLegsRequest;
import io.borderflow.api.routing.v1.ReopenLegRequest;
import io.borderflow.api.routing.v1.RoutingServiceGrpc;
import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.AuthenticationContract;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.TimeUnit;

@QuarkusTest
class AuthenticationTest extends AuthenticationContract {

    @GrpcClient
    RoutingServiceGrpc.RoutingServiceBlockingStub client;

    @Override
    protected void readReferenceData(CallCredentials credentials) {
        var stub = client.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (credentials != null) {
            stub = stub.withCallCredentials(credentials);
        }
        stub.listPlaces(io.borderflow.api.routing.v1.ListPlacesRequest.getDefaultInstance());
    }

    /** Closes the network's first leg, giving the key as the reason (reopened by {@link #undo}). */
    @Override
    protected void write(CallCredentials credentials, String key) {
        var stub = client.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (credentials != null) {
            stub = stub.withCallCredentials(credentials);
        }
        stub.closeLeg(CloseLegRequest.newBuilder()
                .setName(firstLeg().getName())
                .setReason("authentication test " + key)
                .build());
    }

    @Override
    protected boolean stored(String key) {
        Leg leg = firstLeg();
        return leg.getClosed() && leg.getClosureReason().equals("authentication test " + key);
    }

    @Override
    protected void undo(String key) {
        if (stored(key)) {
            client.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .withCallCredentials(TestTokens.as(Roles.NETWORK_OPERATOR))
                    .reopenLeg(ReopenLegRequest.newBuilder()
                            .setName(firstLeg().getName())
                            .build());
        }
    }

    private Leg firstLeg() {
        return client.withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(TestTokens.as(Roles.FREIGHT_PLATFORM))
                .listLegs(ListLegsRequest.newBuilder().setPageSize(1).build())
                .getLegs(0);
    }

    @Override
    protected DevTokenIssuer.Token writer(DevTokenIssuer.Token token) {
        return token.roles(Roles.NETWORK_OPERATOR);
    }
}
