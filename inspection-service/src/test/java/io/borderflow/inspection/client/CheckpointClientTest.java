package io.borderflow.inspection.client;

import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.checkpoint.v1.MutinyCheckpointServiceGrpc;
import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc.InspectionServiceBlockingStub;
import io.borderflow.api.inspection.v1.ListDecisionsRequest;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.support.security.Roles;
import io.borderflow.support.security.ServiceCredentials;
import io.borderflow.testsupport.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * inspection-service asks checkpoint-service (here its stand-in, {@link FakeCheckpointService}) whether a declaration's
 * checkpoint exists, with its own service token, and goes on when the peer cannot answer.
 */
@QuarkusTest
class CheckpointClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    CheckpointClient client;

    @Inject
    ServiceCredentials credentials;

    @GrpcClient
    InspectionServiceBlockingStub inspection;

    @GrpcClient("checkpoint")
    MutinyCheckpointServiceGrpc.MutinyCheckpointServiceStub checkpoints;

    /**
     * Checkpoint ids come from callers (a declaration names any it likes): 500 made-up ones leave at most the 50
     * answers the client may keep, not 500, and a known checkpoint asked for throughout is still answered from
     * memory.
     */
    @Test
    void madeUpCheckpointIdsKeepNoMoreAnswersThanTheBound() {
        CheckpointClient bounded = new CheckpointClient(checkpoints, credentials, 50);
        String known = "known-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 500; i++) {
            assertThat(bounded.existence(known).await().atMost(WAIT)).isEqualTo(CheckpointClient.Existence.EXISTS);
            assertThat(bounded.existence("unknown-made-up-" + i).await().atMost(WAIT))
                    .isEqualTo(CheckpointClient.Existence.UNKNOWN);
        }

        assertThat(bounded.answersKept()).isLessThanOrEqualTo(50);
        int calls = FakeCheckpointService.CALLS.get();
        assertThat(bounded.existence(known).await().atMost(WAIT)).isEqualTo(CheckpointClient.Existence.EXISTS);
        assertThat(FakeCheckpointService.CALLS.get())
                .as("the checkpoint asked for all along is still known")
                .isEqualTo(calls);
    }

    @Test
    void aKnownCheckpointExistsAnUnknownOneDoesNotAndAnswersAreKept() {
        String known = "known-" + UUID.randomUUID().toString().substring(0, 8);
        String unknown = "unknown-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(client.existence(known).await().atMost(WAIT)).isEqualTo(CheckpointClient.Existence.EXISTS);
        assertThat(client.existence(unknown).await().atMost(WAIT)).isEqualTo(CheckpointClient.Existence.UNKNOWN);

        int calls = FakeCheckpointService.CALLS.get();
        assertThat(client.existence(known).await().atMost(WAIT)).isEqualTo(CheckpointClient.Existence.EXISTS);
        assertThat(client.existence(unknown).await().atMost(WAIT)).isEqualTo(CheckpointClient.Existence.UNKNOWN);
        assertThat(FakeCheckpointService.CALLS.get())
                .as("answered from the cache")
                .isEqualTo(calls);
    }

    @Test
    void aPeerThatIsDownLeavesTheCheckpointNotVerifiedInsteadOfFailing() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", closedPort)
                .usePlaintext()
                .build();
        try {
            CheckpointClient down =
                    new CheckpointClient(MutinyCheckpointServiceGrpc.newMutinyStub(channel), credentials);
            assertThat(down.existence("zhaisan").await().atMost(WAIT))
                    .isEqualTo(CheckpointClient.Existence.NOT_VERIFIED);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aDeclarationForACheckpointNobodyKnowsIsRefusedAndNothingIsStored() {
        String checkpoint =
                "checkpoints/unknown-" + UUID.randomUUID().toString().substring(0, 8);
        String requestId = "req-" + UUID.randomUUID();
        var officer = inspection
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(TestTokens.as(Roles.CUSTOMS_OFFICER));
        Declaration declaration = Declaration.newBuilder()
                .addGoodsLines(GoodsLine.newBuilder()
                        .setHsCode("620342")
                        .setDescription("Cotton trousers")
                        .setQuantity(500)
                        .setQuantityUnit("pcs")
                        .setNetWeightKg(300)
                        .setCustomsValue(6000)
                        .setCurrency("USD")
                        .setOriginCountryCode("CN"))
                .setConsignor(Party.newBuilder().setName("Urumqi Garments").setCountryCode("CN"))
                .setConsignee(Party.newBuilder().setName("OOO Moda").setCountryCode("RU"))
                .setCarrierId("kaz-trans-01")
                .setVehiclePlate("123 ABC 02")
                .setOriginCountryCode("CN")
                .setDestinationCountryCode("RU")
                .setCheckpoint(checkpoint)
                .build();

        var refused = assertFails(
                () -> officer.submitDeclaration(SubmitDeclarationRequest.newBuilder()
                        .setRequestId(requestId)
                        .setDeclaration(declaration)
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_DECLARATION");
        assertThat(refused.badFields()).containsExactly("declaration.checkpoint");
        assertThat(officer.listDecisions(ListDecisionsRequest.newBuilder()
                                .setCheckpoint(checkpoint)
                                .build())
                        .getDecisionsList())
                .isEmpty();
    }
}
