package io.borderflow.inspection.grpc;

import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc;
import io.borderflow.api.inspection.v1.ListDecisionsRequest;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.AuthenticationContract;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@QuarkusTest
class AuthenticationTest extends AuthenticationContract {

    @GrpcClient
    InspectionServiceGrpc.InspectionServiceBlockingStub client;

    /** Reads the active ruleset: rule internals, so not for carriers, platforms, border posts or partner customs. */
    @Override
    protected void readReferenceData(CallCredentials credentials) {
        var stub = client.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (credentials != null) {
            stub = stub.withCallCredentials(credentials);
        }
        stub.getRuleset(
                GetRulesetRequest.newBuilder().setName("rulesets/active").build());
    }

    @Override
    protected Set<String> readerRoles() {
        return Set.of(Roles.RISK_ANALYST, Roles.CUSTOMS_OFFICER, Roles.AUDITOR, Roles.SERVICE);
    }

    /** A declaration at a checkpoint of its own, {@code checkpoints/auth-<key>}. */
    @Override
    protected void write(CallCredentials credentials, String key) {
        var stub = client.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (credentials != null) {
            stub = stub.withCallCredentials(credentials);
        }
        stub.submitDeclaration(SubmitDeclarationRequest.newBuilder()
                .setRequestId("auth-" + key)
                .setDeclaration(DeclarationGrpcServiceTest.electronics(checkpoint(key), "8471300000"))
                .build());
    }

    @Override
    protected boolean stored(String key) {
        return client.withDeadlineAfter(10, TimeUnit.SECONDS)
                        .withCallCredentials(TestTokens.as(Roles.CUSTOMS_OFFICER))
                        .listDecisions(ListDecisionsRequest.newBuilder()
                                .setCheckpoint(checkpoint(key))
                                .build())
                        .getDecisionsCount()
                > 0;
    }

    private static String checkpoint(String key) {
        return "checkpoints/auth-" + key;
    }

    @Override
    protected DevTokenIssuer.Token writer(DevTokenIssuer.Token token) {
        return token.roles(Roles.CUSTOMS_OFFICER);
    }
}
