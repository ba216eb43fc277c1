package io.borderflow.checkpoint.grpc;

import io.borderflow.support.security.Roles;
import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.testsupport.AuthenticationContract;
import io.grpc.CallCredentials;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.TimeUnit;

@QuarkusTest
class AuthenticationTest extends AuthenticationContract {

    @GrpcClient
    CheckpointServiceGrpc.CheckpointServiceBlockingStub client;

    @Override
    protected void readReferenceData(CallCredentials credentials) {
        var stub = client.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (credentials != null) {
            stub = stub.withCallCredentials(credentials);
        }
        stub.getCheckpoint(io.borderflow.api.checkpoint.v1.GetCheckpointRequest.newBuilder().setName("checkpoints/zhaisan").build());
    }

    @Override
    protected void harmlessWrite(CallCredentials credentials) {
        client.withDeadlineAfter(10, TimeUnit.SECONDS).withCallCredentials(credentials).recordCrossingEvent(
                io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest.getDefaultInstance());
    }

    @Override
    protected DevTokenIssuer.Token writer(DevTokenIssuer.Token token) {
        return token.roles(Roles.BORDER_OPERATOR).checkpoints(java.util.List.of("zhaisan"));
    }
}
