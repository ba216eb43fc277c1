package io.borderflow.checkpoint.grpc;

import static io.borderflow.testsupport.GrpcAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.checkpoint.v1.Checkpoint;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.CrossingMode;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.LaneKind;
import io.borderflow.api.checkpoint.v1.ListCheckpointsRequest;
import io.borderflow.api.checkpoint.v1.ListCheckpointsResponse;
import io.borderflow.api.common.v1.ProvenanceKind;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class CheckpointGrpcServiceTest {

    @GrpcClient
    CheckpointServiceBlockingStub checkpoints;

    private CheckpointServiceBlockingStub stub() {
        return checkpoints
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withCallCredentials(TestTokens.as(Roles.FREIGHT_PLATFORM));
    }

    @Test
    void getCheckpointReturnsReferenceDataWithProvenance() {
        Checkpoint zhaisan = stub().getCheckpoint(GetCheckpointRequest.newBuilder()
                        .setName("checkpoints/zhaisan")
                        .build())
                .getCheckpoint();

        assertThat(zhaisan.getName()).isEqualTo("checkpoints/zhaisan");
        assertThat(zhaisan.getBorder()).isEqualTo("KZ-RU");
        assertThat(zhaisan.getCountryCode()).isEqualTo("KZ");
        assertThat(zhaisan.getMode()).isEqualTo(CrossingMode.CROSSING_MODE_ROAD);
        assertThat(zhaisan.getNominalCapacity().getVehiclesPerDay()).isEqualTo(300);
        assertThat(zhaisan.getNominalCapacity().getProvenance().getKind())
                .isEqualTo(ProvenanceKind.PROVENANCE_KIND_REPORTED);
        assertThat(zhaisan.getNominalCapacity().getProvenance().getCitation()).isNotBlank();
        assertThat(zhaisan.getLanesList()).anySatisfy(l -> {
            assertThat(l.getKind()).isEqualTo(LaneKind.LANE_KIND_REGULAR);
            assertThat(l.getCount()).isEqualTo(8);
        });
        assertThat(zhaisan.getCounterpart().getLanesList())
                .anySatisfy(l -> assertThat(l.getCount()).isEqualTo(2));
        assertThat(zhaisan.getLocation().getProvenance().getKind()).isEqualTo(ProvenanceKind.PROVENANCE_KIND_ESTIMATE);
        assertThat(zhaisan.getLocation().getProvenance().getEstimateBasis()).isNotBlank();
        assertThat(zhaisan.getSchedule().getTimeZone()).isEqualTo("Asia/Almaty");
        assertThat(zhaisan.getReferenceDataVersion()).isNotBlank();
    }

    @Test
    void everyFigureOfEveryCheckpointSaysWhereItComesFrom() {
        List<Checkpoint> all = stub().listCheckpoints(
                        ListCheckpointsRequest.newBuilder().setPageSize(500).build())
                .getCheckpointsList();

        assertThat(all).hasSizeGreaterThanOrEqualTo(18);
        for (Checkpoint c : all) {
            List<io.borderflow.api.common.v1.Provenance> figures = new ArrayList<>(List.of(
                    c.getLocation().getProvenance(), c.getSchedule().getProvenance(),
                    c.getNominalCapacity().getProvenance(), c.getCounterpart().getProvenance()));
            c.getLanesList().forEach(l -> figures.add(l.getProvenance()));
            assertThat(figures).as(c.getName()).allSatisfy(p -> {
                assertThat(p.getKind()).isNotEqualTo(ProvenanceKind.PROVENANCE_KIND_UNSPECIFIED);
                if (p.getKind() == ProvenanceKind.PROVENANCE_KIND_ESTIMATE) {
                    assertThat(p.getEstimateBasis()).isNotBlank();
                } else {
                    assertThat(p.getCitation()).isNotBlank();
                }
            });
        }
    }

    @Test
    void borderFilterMatchesEitherSpelling() {
        List<String> kzRu = names(stub().listCheckpoints(
                        ListCheckpointsRequest.newBuilder().setBorder("KZ-RU").build()));
        List<String> ruKz = names(stub().listCheckpoints(
                        ListCheckpointsRequest.newBuilder().setBorder("RU-KZ").build()));

        assertThat(kzRu)
                .containsExactly(
                        "checkpoints/kairak",
                        "checkpoints/mamlyutka",
                        "checkpoints/mamlyutka-station",
                        "checkpoints/syrym",
                        "checkpoints/zhaisan",
                        "checkpoints/zhelkuar");
        assertThat(ruKz).isEqualTo(kzRu);
        assertThat(names(stub().listCheckpoints(ListCheckpointsRequest.newBuilder()
                        .setBorder("CN-RU")
                        .build())))
                .containsExactly("checkpoints/blagoveshchensk", "checkpoints/pogranichny", "checkpoints/zabaykalsk");
    }

    @Test
    void modeFilterReturnsOnlyThatMode() {
        ListCheckpointsResponse ferries = stub().listCheckpoints(ListCheckpointsRequest.newBuilder()
                .setMode(CrossingMode.CROSSING_MODE_FERRY)
                .build());
        assertThat(names(ferries)).containsExactly("checkpoints/aktau", "checkpoints/alat", "checkpoints/kuryk");
        assertThat(ferries.getTotalSize()).isEqualTo(3);
        ListCheckpointsResponse railway = stub().listCheckpoints(ListCheckpointsRequest.newBuilder()
                .setMode(CrossingMode.CROSSING_MODE_RAIL)
                .build());
        assertThat(names(railway)).containsExactly("checkpoints/altynkol", "checkpoints/mamlyutka-station");
    }

    @Test
    void pagesWalkEveryCheckpointOnceInOrder() {
        List<String> all = names(stub().listCheckpoints(
                        ListCheckpointsRequest.newBuilder().setPageSize(500).build()));
        List<String> walked = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListCheckpointsResponse page = stub().listCheckpoints(ListCheckpointsRequest.newBuilder()
                    .setPageSize(4)
                    .setPageToken(token)
                    .build());
            assertThat(page.getCheckpointsCount()).isLessThanOrEqualTo(4);
            assertThat(page.getTotalSize()).isEqualTo(all.size());
            walked.addAll(names(page));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty() && pages < 100);

        assertThat(walked).isEqualTo(all).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo((all.size() + 3) / 4);
    }

    @Test
    void unknownCheckpointIsNotFound() {
        var failure = assertFails(
                () -> stub().getCheckpoint(GetCheckpointRequest.newBuilder()
                        .setName("checkpoints/atlantis")
                        .build()),
                Status.Code.NOT_FOUND,
                "CHECKPOINT_NOT_FOUND");
        assertThat(failure.errorInfo().getDomain()).isEqualTo("checkpoint.borderflow.io");
        assertThat(failure.errorInfo().getMetadataMap()).containsEntry("name", "checkpoints/atlantis");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "zhaisan", "checkpoints/Zhaisan", "places/zhaisan", "checkpoints/zhaisan/lanes/1"})
    void malformedNameIsInvalid(String name) {
        var failure = assertFails(
                () -> stub().getCheckpoint(
                                GetCheckpointRequest.newBuilder().setName(name).build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_NAME");
        assertThat(failure.badFields()).containsExactly("name");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 501})
    void pageSizeOutOfRangeIsInvalid(int size) {
        var failure = assertFails(
                () -> stub().listCheckpoints(ListCheckpointsRequest.newBuilder()
                        .setPageSize(size)
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PAGE_SIZE");
        assertThat(failure.badFields()).containsExactly("page_size");
    }

    @Test
    void malformedPageTokenIsInvalid() {
        var failure = assertFails(
                () -> stub().listCheckpoints(ListCheckpointsRequest.newBuilder()
                        .setPageToken("garbage!")
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PAGE_TOKEN");
        assertThat(failure.badFields()).containsExactly("page_token");
    }

    @Test
    void pageTokenOfOtherFiltersIsInvalid() {
        String token = stub().listCheckpoints(
                        ListCheckpointsRequest.newBuilder().setPageSize(1).build())
                .getNextPageToken();
        assertThat(token).isNotEmpty();
        assertFails(
                () -> stub().listCheckpoints(ListCheckpointsRequest.newBuilder()
                        .setPageSize(1)
                        .setBorder("KZ-CN")
                        .setPageToken(token)
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_PAGE_TOKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kz-ru", "KZRU", "KZ-KZ", "KAZ-RUS", "KZ_RU"})
    void malformedBorderIsInvalid(String border) {
        var failure = assertFails(
                () -> stub().listCheckpoints(ListCheckpointsRequest.newBuilder()
                        .setBorder(border)
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_BORDER");
        assertThat(failure.badFields()).containsExactly("border");
    }

    @Test
    void borderWithoutCheckpointsIsInvalidAndNamesTheKnownOnes() {
        var failure = assertFails(
                () -> stub().listCheckpoints(ListCheckpointsRequest.newBuilder()
                        .setBorder("FR-DE")
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "UNKNOWN_BORDER");
        assertThat(failure.errorInfo().getMetadataMap().get("known_borders")).contains("KZ-RU", "KZ-CN");
    }

    @Test
    void oversizedRequestIsRefusedWhole() {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> stub().getCheckpoint(
                        GetCheckpointRequest.newBuilder()
                                .setName("checkpoints/" + "a".repeat(2 * 1024 * 1024))
                                .build()));
        assertThat(Status.fromThrowable(thrown).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void longNameUnderTheMessageLimitIsInvalid() {
        assertFails(
                () -> stub().getCheckpoint(GetCheckpointRequest.newBuilder()
                        .setName("checkpoints/" + "a".repeat(10_000))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "INVALID_NAME");
    }

    private static List<String> names(ListCheckpointsResponse response) {
        return response.getCheckpointsList().stream().map(Checkpoint::getName).toList();
    }
}
