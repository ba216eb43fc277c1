package io.borderflow.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.ListCheckpointsRequest;
import io.borderflow.api.inspection.v1.AssessDeclarationRequest;
import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.api.routing.v1.Cargo;
import io.borderflow.api.routing.v1.DataFreshness;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.api.routing.v1.ListLegsRequest;
import io.borderflow.api.routing.v1.ListPlacesRequest;
import io.borderflow.api.routing.v1.RoutingServiceGrpc;
import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged suite exactly as ./run-local does (embedded PostgreSQL, three service processes) on free ports,
 * and calls it like a partner would.
 */
class LocalSuiteTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path data;

    @Test
    void suiteServesEveryReadApiAndKeepsItsDataAcrossRestarts() throws Exception {
        SuiteSettings settings = settings(FreePorts.take(4));
        List<ProcessHandle> started;
        try (RunningSuite suite = RunningSuite.start(settings)) {
            started = suite.processes().values().stream().map(Process::toHandle).toList();
            assertThat(started).hasSize(3).allMatch(ProcessHandle::isAlive);
            for (SuiteSettings.Service service : settings.services()) {
                HttpResponse<String> ready = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + service.port() + "/q/health/ready"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).as(service.name()).isEqualTo(200);
                assertThat(ready.body()).contains("\"UP\"");
            }
            callEveryReadApi(settings, suite.issuer());
            assertThat(Files.readString(suite.log("checkpoint-service"))).contains("Loaded checkpoint reference data");
            assertThat(Files.readString(suite.log("inspection-service"))).contains("activated ruleset 2");
            ManagedChannel anonymous =
                    channel(settings.service("checkpoint-service").port());
            try {
                assertThatThrownBy(() -> CheckpointServiceGrpc.newBlockingStub(anonymous)
                                .withDeadlineAfter(10, TimeUnit.SECONDS)
                                .getCheckpoint(GetCheckpointRequest.newBuilder()
                                        .setName("checkpoints/zhaisan")
                                        .build()))
                        .isInstanceOfSatisfying(
                                StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
            } finally {
                anonymous.shutdownNow();
            }
        }
        assertThat(started).noneMatch(ProcessHandle::isAlive);
        assertThat(portFree(settings.postgresPort())).as("PostgreSQL stopped").isTrue();

        try (RunningSuite again = RunningSuite.start(settings)) {
            assertStartedFromClassDataArchives(settings, again);
            assertProdRefusesTheDevelopmentIssuer(settings, again);
            assertThat(Files.readString(again.log("checkpoint-service"))).contains("already loaded");
            assertThat(Files.readString(again.log("inspection-service")))
                    .contains("ruleset 1 already stored; ruleset 2 already stored; ruleset 2 was activated before");
            callEveryReadApi(settings, again.issuer());
        }
    }

    /**
     * The first suite stopped has written (or found) each service's class-data archive, so the second start maps it:
     * the JVM has the archive file in its memory map, not merely the option on its command line.
     */
    private static void assertStartedFromClassDataArchives(SuiteSettings settings, RunningSuite suite)
            throws IOException {
        if (!ServiceProcess.classDataSharing()) {
            return;
        }
        for (SuiteSettings.Service service : settings.services()) {
            ClassDataArchive archive = ClassDataArchive.forApplication(RunningSuite.jarOf(settings, service));
            assertThat(archive.path()).as(service.name()).isRegularFile();
            assertThat(suite.startedFromClassDataArchive(service.name()))
                    .as(service.name())
                    .isTrue();
            Path maps = Path.of(
                    "/proc",
                    String.valueOf(suite.processes().get(service.name()).pid()),
                    "maps");
            if (Files.exists(maps)) {
                assertThat(Files.readString(maps))
                        .as(service.name() + " maps its archive")
                        .contains(archive.path().toString());
            }
        }
        assertThat(LocalSuite.banner(suite)).contains("(from class-data archives)");
    }

    @Test
    void aTakenPortIsReportedAndNothingIsLeftRunning() throws IOException {
        int[] ports = FreePorts.take(4);
        try (ServerSocket squatter = new ServerSocket(ports[2])) {
            assertThatThrownBy(() -> RunningSuite.start(settings(ports)))
                    .isInstanceOf(SuiteStartException.class)
                    .hasMessageContaining(ports[2] + " (inspection-service, set INSPECTION_PORT)");
        }
        assertThat(ProcessHandle.current().children()).isEmpty();
        assertThat(portFree(ports[0])).isTrue();
    }

    @Test
    void aServiceThatCannotStartIsReportedWithItsLogAndEverythingStops(@TempDir Path fakeRoot) throws IOException {
        // the real checkpoint and routing services, and an inspection-service whose jar is broken: it exits at once
        for (String service : List.of("checkpoint-service", "routing-service")) {
            Files.createDirectories(fakeRoot.resolve(service).resolve("target"));
            Files.createSymbolicLink(
                    fakeRoot.resolve(service).resolve("target/quarkus-app"),
                    ROOT.resolve(service).resolve("target/quarkus-app"));
        }
        Path brokenJar = fakeRoot.resolve("inspection-service/target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(brokenJar.getParent());
        Files.writeString(brokenJar, "not a jar");
        int[] ports = FreePorts.take(4);
        SuiteSettings settings = settings(ports);
        SuiteSettings broken =
                new SuiteSettings(fakeRoot, settings.dataDir(), settings.postgresPort(), settings.services());

        assertThatThrownBy(() -> RunningSuite.start(broken))
                .isInstanceOf(SuiteStartException.class)
                .hasMessageContaining("inspection-service exited with code")
                .hasMessageContaining("Last lines of");
        assertThat(ProcessHandle.current().children()).isEmpty();
        assertThat(portFree(ports[0])).as("PostgreSQL stopped").isTrue();
        assertThat(portFree(ports[1])).as("checkpoint-service stopped").isTrue();
    }

    /** The packaged checkpoint-service in the prod profile, given the local run's database and development issuer. */
    private static void assertProdRefusesTheDevelopmentIssuer(SuiteSettings settings, RunningSuite suite)
            throws Exception {
        Path log = settings.dataDir().resolve("logs/prod-refusal.log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        ROOT.resolve("checkpoint-service/target/quarkus-app/quarkus-run.jar")
                                .toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment()
                .putAll(Map.of(
                        "CHECKPOINT_PORT",
                        String.valueOf(FreePorts.take(1)[0]),
                        "DB_PORT",
                        String.valueOf(settings.postgresPort()),
                        "DB_NAME",
                        "checkpoint",
                        "BORDERFLOW_JWT_ISSUER",
                        DevTokenIssuer.DEV_ISSUER,
                        "BORDERFLOW_JWT_PUBLIC_KEY",
                        settings.dataDir()
                                .resolve("dev-issuer/public-key.pem")
                                .toUri()
                                .toString()));
        Process prod = builder.start();
        try {
            assertThat(prod.waitFor(120, TimeUnit.SECONDS))
                    .as("prod exits by itself")
                    .isTrue();
            assertThat(prod.exitValue()).isNotZero();
            assertThat(Files.readString(log)).contains("the prod profile refuses the development token issuer");
        } finally {
            prod.destroyForcibly();
        }
    }

    private SuiteSettings settings(int[] ports) {
        return FreePorts.suite(data, ports);
    }

    private static void callEveryReadApi(SuiteSettings settings, DevTokenIssuer issuer) throws InterruptedException {
        CallCredentials token = TestTokens.bearer(issuer.token("local-suite-test")
                .roles(Roles.FREIGHT_PLATFORM, Roles.RISK_ANALYST)
                .sign());
        Map<String, ManagedChannel> channels = Map.of(
                "checkpoint", channel(settings.service("checkpoint-service").port()),
                "inspection", channel(settings.service("inspection-service").port()),
                "routing", channel(settings.service("routing-service").port()));
        try {
            var checkpoints = CheckpointServiceGrpc.newBlockingStub(channels.get("checkpoint"))
                    .withCallCredentials(token)
                    .withDeadlineAfter(10, TimeUnit.SECONDS);
            assertThat(checkpoints
                            .getCheckpoint(GetCheckpointRequest.newBuilder()
                                    .setName("checkpoints/zhaisan")
                                    .build())
                            .getCheckpoint()
                            .getBorder())
                    .isEqualTo("KZ-RU");
            assertThat(checkpoints
                            .listCheckpoints(ListCheckpointsRequest.newBuilder()
                                    .setBorder("KZ-RU")
                                    .build())
                            .getCheckpointsCount())
                    .isEqualTo(6);
            assertThat(InspectionServiceGrpc.newBlockingStub(channels.get("inspection"))
                            .withCallCredentials(token)
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .getRuleset(GetRulesetRequest.newBuilder()
                                    .setName("rulesets/active")
                                    .build())
                            .getRuleset()
                            .getName())
                    .isEqualTo("rulesets/2");
            // inspection-service asks checkpoint-service, with its own service token, whether a checkpoint exists
            var inspection = InspectionServiceGrpc.newBlockingStub(channels.get("inspection"))
                    .withCallCredentials(token)
                    .withDeadlineAfter(10, TimeUnit.SECONDS);
            assertThat(inspection
                            .assessDeclaration(AssessDeclarationRequest.newBuilder()
                                    .setDeclaration(trousersAt("checkpoints/zhaisan"))
                                    .build())
                            .getChannelChancesCount())
                    .isPositive();
            assertThatThrownBy(() -> inspection.assessDeclaration(AssessDeclarationRequest.newBuilder()
                            .setDeclaration(trousersAt("checkpoints/atlantis"))
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
            var routing = RoutingServiceGrpc.newBlockingStub(channels.get("routing"))
                    .withCallCredentials(token)
                    .withDeadlineAfter(10, TimeUnit.SECONDS);
            assertThat(routing.listPlaces(ListPlacesRequest.getDefaultInstance())
                            .getTotalSize())
                    .isGreaterThan(50);
            assertThat(routing.listLegs(ListLegsRequest.newBuilder()
                                    .setPlace("places/zhaisan")
                                    .build())
                            .getLegsCount())
                    .isGreaterThanOrEqualTo(2);
            // routing-service routes with checkpoint-service's live status stream and inspection-service's
            // assessment of the cargo, each called with routing's own service token
            FindRoutesRequest search = FindRoutesRequest.newBuilder()
                    .setOrigin("places/urumqi")
                    .setDestination("places/moscow")
                    .setCargo(Cargo.newBuilder()
                            .setOriginCountryCode("CN")
                            .setDestinationCountryCode("RU")
                            .addAllGoodsLines(trousersAt("checkpoints/zhaisan").getGoodsLinesList()))
                    .build();
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var route = RoutingServiceGrpc.newBlockingStub(channels.get("routing"))
                        .withCallCredentials(token)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .findRoutes(search)
                        .getRoutes(0);
                assertThat(route.getLegs(0).getFromPlace()).isEqualTo("places/urumqi");
                assertThat(route.getLiveData().getStale()).isFalse();
                assertThat(route.getCrossingsList()).isNotEmpty().allSatisfy(crossing -> {
                    assertThat(crossing.getWaitFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE);
                    assertThat(crossing.getChannelFreshness()).isEqualTo(DataFreshness.DATA_FRESHNESS_LIVE);
                });
            });
        } finally {
            for (ManagedChannel channel : channels.values()) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static Declaration trousersAt(String checkpoint) {
        return Declaration.newBuilder()
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
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("localhost", port)
                .usePlaintext()
                .build();
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
