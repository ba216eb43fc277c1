package io.borderflow.inspection.grpc;

import io.borderflow.api.inspection.v1.InspectionServiceGrpc;
import io.borderflow.testsupport.AuthenticationContract;
import io.grpc.CallCredentials;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.TimeUnit;

@QuarkusTest
class AuthenticationTest extends AuthenticationContract {

    @GrpcClient
    InspectionServiceGrpc.InspectionServiceBlockingStub client;

    @Override
    protected void readReferenceData(CallCredentials credentials) {
        var stub = client.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (credentials != null) {
            stub = stub.withCallCredentials(credentials);
        }
        stub.getRuleset(io.borderflow.api.inspection.v1.GetRulesetRequest.newBuilder().setName("rulesets/active").build());
    }
}
