package io.borderflow.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.api.inspection.v1.SubmitDeclarationResponse;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to inspection-service with a burst of declarations in flight, the suite running as separate processes:
 * the calls it had taken are answered (graceful shutdown), calls that came too late are refused UNAVAILABLE without
 * being stored, the process exits on its own, and a declaration stored is a declaration answered.
 */
class GracefulShutdownTest {
    private static final int CALLS = 300;
    /** Where the services' logs of the last run are kept. */
    private static final Path KEPT_LOGS =
            Path.of("target", "graceful-shutdown-logs").toAbsolutePath();

    @TempDir
    Path data;

    @Test
    void callsInFlightAtSigtermAreAnsweredAndNothingUnansweredIsStored() throws Exception {
        int[] ports = FreePorts.take(4);
        SuiteSettings settings = FreePorts.suite(data, ports);
        try (RunningSuite suite = RunningSuite.start(settings)) {
            CallCredentials officer = TestTokens.bearer(
                    suite.issuer().token("officer").roles(Roles.CUSTOMS_OFFICER).sign());
            ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", ports[2])
                    .usePlaintext()
                    .build();
            var inspections = InspectionServiceGrpc.newStub(channel).withCallCredentials(officer);
            // one call first, so that the connection is up and the burst is in flight at once
            InspectionServiceGrpc.newBlockingStub(channel)
                    .withCallCredentials(officer)
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    .submitDeclaration(declaration("sigterm-warm-up"));

            Map<String, Status.Code> outcomes = new ConcurrentHashMap<>();
            CountDownLatch answered = new CountDownLatch(CALLS);
            CountDownLatch firstTen = new CountDownLatch(10);
            for (int i = 0; i < CALLS; i++) {
                String requestId = String.format("sigterm-%04d", i);
                inspections
                        .withDeadlineAfter(60, TimeUnit.SECONDS)
                        .submitDeclaration(declaration(requestId), new StreamObserver<>() {
                            @Override
                            public void onNext(SubmitDeclarationResponse response) {
                                outcomes.put(requestId, Status.Code.OK);
                                firstTen.countDown();
                            }

                            @Override
                            public void onError(Throwable t) {
                                outcomes.put(requestId, Status.fromThrowable(t).getCode());
                                answered.countDown();
                            }

                            @Override
                            public void onCompleted() {
                                answered.countDown();
                            }
                        });
            }
            assertThat(firstTen.await(60, TimeUnit.SECONDS))
                    .as("the burst is being answered")
                    .isTrue();
            Process inspection = suite.processes().get("inspection-service");
            inspection.destroy(); // SIGTERM
            int answeredAtSigterm = (int)
                    outcomes.values().stream().filter(c -> c == Status.Code.OK).count();

            assertThat(answered.await(60, TimeUnit.SECONDS))
                    .as("every call ends")
                    .isTrue();
            assertThat(inspection.waitFor(40, TimeUnit.SECONDS))
                    .as("the process exits by itself")
                    .isTrue();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);
            outcomes.values().forEach(code -> codes.merge(code, 1, Integer::sum));
            System.out.printf(
                    "SIGTERM after %d of %d answers; in the end %s; exit code %d%n",
                    answeredAtSigterm, CALLS, codes, inspection.exitValue());

            assertThat(codes.keySet()).as("%s", codes).isSubsetOf(Status.Code.OK, Status.Code.UNAVAILABLE);
            assertThat(codes.get(Status.Code.OK))
                    .as("calls in flight at SIGTERM were answered, not dropped")
                    .isGreaterThan(answeredAtSigterm);
            // stored exactly what was answered: no call was cut off after its declaration was written
            Set<String> stored = storedRequests(settings.postgresPort());
            stored.remove("sigterm-warm-up");
            Set<String> ok = new HashSet<>();
            outcomes.forEach((id, code) -> {
                if (code == Status.Code.OK) {
                    ok.add(id);
                }
            });
            assertThat(stored).as("declarations stored").isEqualTo(ok);
        } finally {
            keepLogs();
        }
    }

    private void keepLogs() throws java.io.IOException {
        java.nio.file.Files.createDirectories(KEPT_LOGS);
        try (var logs = java.nio.file.Files.list(data.resolve("logs"))) {
            for (Path log : logs.toList()) {
                java.nio.file.Files.copy(
                        log, KEPT_LOGS.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Set<String> storedRequests(int postgresPort) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection connection = SuiteDatabase.connect(postgresPort, "inspection");
                ResultSet rows = connection.createStatement().executeQuery("select request_id from declaration")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static SubmitDeclarationRequest declaration(String requestId) {
        return SubmitDeclarationRequest.newBuilder()
                .setRequestId(requestId)
                .setDeclaration(Declaration.newBuilder()
                        .addGoodsLines(GoodsLine.newBuilder()
                                .setHsCode("9403600000")
                                .setDescription("Wooden furniture")
                                .setQuantity(200)
                                .setQuantityUnit("pcs")
                                .setNetWeightKg(8000)
                                .setCustomsValue(20000)
                                .setCurrency("USD")
                                .setOriginCountryCode("CN"))
                        .setConsignor(
                                Party.newBuilder().setName("Foshan Furniture").setCountryCode("CN"))
                        .setConsignee(Party.newBuilder().setName("OOO Mebel").setCountryCode("RU"))
                        .setCarrierId("kaz-trans-01")
                        .setVehiclePlate("ST " + requestId.substring(requestId.length() - 4))
                        .setOriginCountryCode("CN")
                        .setDestinationCountryCode("RU")
                        .setCheckpoint("checkpoints/zhaisan"))
                .build();
    }
}
