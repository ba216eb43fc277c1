package io.borderflow.routing.grpc;

import io.borderflow.support.security.Roles;
import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.api.routing.v1.RoutingServiceGrpc;
import io.borderflow.testsupport.AuthenticationContract;
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

    @Override
    protected void harmlessWrite(CallCredentials credentials) {
        client.withDeadlineAfter(10, TimeUnit.SECONDS).withCallCredentials(credentials).reopenLeg(
                io.borderflow.api.routing.v1.ReopenLegRequest.newBuilder().setName("legs/no-such-leg").build());
    }

    @Override
    protected DevTokenIssuer.Token writer(DevTokenIssuer.Token token) {
        return token.roles(Roles.NETWORK_OPERATOR);
    }
}
