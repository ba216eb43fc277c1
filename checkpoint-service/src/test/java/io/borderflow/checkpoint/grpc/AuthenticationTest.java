package io.borderflow.checkpoint.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.AuthenticationContract;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Locale;
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
        stub.getCheckpoint(io.borderflow.api.checkpoint.v1.GetCheckpointRequest.newBuilder()
                .setName("checkpoints/zhaisan")
                .build());
    }

    /** An arrival at Zhaisan an hour ago of the truck whose plate is the key. */
    @Override
    protected void write(CallCredentials credentials, String key) {
        var stub = client.withDeadlineAfter(10, TimeUnit.SECONDS);
        if (credentials != null) {
            stub = stub.withCallCredentials(credentials);
        }
        var ack = stub.recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                        .setEvent(CrossingFixtures.event(
                                "zhaisan",
                                CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                                CrossingFixtures.now().minus(Duration.ofHours(1)),
                                plate(key),
                                CrossingFixtures.carrier()))
                        .build())
                .getAck();
        assertThat(ack.getOutcome()).isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED);
    }

    @Override
    protected boolean stored(String key) {
        try {
            client.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .withCallCredentials(TestTokens.as(Roles.CUSTOMS_OFFICER))
                    .getTruck(GetTruckRequest.newBuilder()
                            .setName("checkpoints/zhaisan/trucks/" + plate(key))
                            .build());
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private static String plate(String key) {
        return key.toUpperCase(Locale.ROOT);
    }

    @Override
    protected DevTokenIssuer.Token writer(DevTokenIssuer.Token token) {
        return token.roles(Roles.BORDER_OPERATOR).checkpoints(java.util.List.of("zhaisan"));
    }
}
