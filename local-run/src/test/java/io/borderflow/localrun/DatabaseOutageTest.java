package io.borderflow.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.GetDecisionRequest;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.api.routing.v1.Cargo;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.api.routing.v1.RoutingServiceGrpc;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped under load, the suite running as separate processes: every service reports not ready, every call
 * answers at once, UNAVAILABLE where it needs the database, never hangs and never answers INTERNAL; when PostgreSQL
 * is back on the same port the services recover by themselves, with no restart. What was acknowledged before the
 * outage is still there, and resending what got no acknowledgement stores each declaration and event once.
 */
class DatabaseOutageTest {
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(5);
    private static final String CHECKPOINT = "syrym";
    private static final String SUBMIT = "SubmitDeclaration";
    private static final String EVENT = "RecordCrossingEvent";
    private static final String STATUS = "GetCheckpointStatus";
    private static final String ROUTES = "FindRoutes";

    @TempDir
    Path data;

    private enum Phase {
        BEFORE,
        OUTAGE,
        AFTER
    }

    /** One finished call: which RPC, in which phase, how it ended and how long it took. */
    private record Outcome(String rpc, Phase phase, Status.Code code, Duration took) {}

    @Test
    void withPostgresDownServicesAreNotReadyAnswerUnavailableAndRecoverByThemselves() throws Exception {
        int[] ports = FreePorts.take(4);
        SuiteSettings settings = FreePorts.suite(data, ports);
        try (RunningSuite suite = RunningSuite.start(settings)) {
            CallCredentials officer = TestTokens.bearer(
                    suite.issuer().token("officer").roles(Roles.CUSTOMS_OFFICER).sign());
            CallCredentials post = TestTokens.bearer(suite.issuer()
                    .token("post-syrym")
                    .roles(Roles.BORDER_OPERATOR)
                    .checkpoints(List.of(CHECKPOINT))
                    .sign());
            CallCredentials platform = TestTokens.bearer(suite.issuer()
                    .token("platform")
                    .roles(Roles.FREIGHT_PLATFORM)
                    .sign());
            ManagedChannel checkpoint = channel(ports[1]);
            ManagedChannel inspection = channel(ports[2]);
            ManagedChannel routing = channel(ports[3]);
            var checkpoints = CheckpointServiceGrpc.newBlockingStub(checkpoint).withCallCredentials(post);
            var inspections = InspectionServiceGrpc.newBlockingStub(inspection).withCallCredentials(officer);
            var routes = RoutingServiceGrpc.newBlockingStub(routing).withCallCredentials(platform);

            AtomicReference<Phase> phase = new AtomicReference<>(Phase.BEFORE);
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            // what was acknowledged, and what was sent without an acknowledgement (to resend)
            Map<String, String> decisionByRequest = new ConcurrentHashMap<>();
            Set<String> unansweredDeclarations = ConcurrentHashMap.newKeySet();
            Set<String> acceptedEvents = ConcurrentHashMap.newKeySet();
            Set<String> unansweredEvents = ConcurrentHashMap.newKeySet();
            AtomicInteger declarations = new AtomicInteger();
            AtomicInteger events = new AtomicInteger();

            List<Thread> load = new ArrayList<>();
            load.add(loop(running, () -> {
                String requestId = String.format("db-outage-%05d", declarations.getAndIncrement());
                call(SUBMIT, phase, outcomes, () -> {
                    try {
                        decisionByRequest.put(
                                requestId,
                                inspections
                                        .withDeadlineAfter(deadline(), TimeUnit.MILLISECONDS)
                                        .submitDeclaration(declaration(requestId))
                                        .getDecision()
                                        .getName());
                    } catch (StatusRuntimeException e) {
                        unansweredDeclarations.add(requestId);
                        throw e;
                    }
                });
            }));
            load.add(loop(running, () -> {
                int n = events.getAndIncrement();
                call(EVENT, phase, outcomes, () -> {
                    try {
                        EventOutcome outcome = checkpoints
                                .withDeadlineAfter(deadline(), TimeUnit.MILLISECONDS)
                                .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                                        .setEvent(arrival(n))
                                        .build())
                                .getAck()
                                .getOutcome();
                        assertThat(outcome).isEqualTo(EventOutcome.EVENT_OUTCOME_ACCEPTED);
                        acceptedEvents.add(eventId(n));
                    } catch (StatusRuntimeException e) {
                        unansweredEvents.add(eventId(n));
                        throw e;
                    }
                });
            }));
            load.add(loop(
                    running,
                    () -> call(
                            STATUS,
                            phase,
                            outcomes,
                            () -> checkpoints
                                    .withDeadlineAfter(deadline(), TimeUnit.MILLISECONDS)
                                    .getCheckpointStatus(statusRequest()))));
            load.add(loop(
                    running,
                    () -> call(
                            ROUTES,
                            phase,
                            outcomes,
                            () -> routes.withDeadlineAfter(deadline(), TimeUnit.MILLISECONDS)
                                    .findRoutes(routeSearch()))));
            try {
                Thread.sleep(4000);
                assertThat(codes(outcomes, Phase.BEFORE).keySet())
                        .as("before the outage")
                        .containsOnly(Status.Code.OK);

                phase.set(Phase.OUTAGE);
                SuiteFaults.stopPostgres(suite);
                Instant stopped = Instant.now();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> settings.services()
                                .forEach(service -> assertThat(readiness(service.port()))
                                        .as(service.name() + " readiness without its database")
                                        .isEqualTo(503)));
                Duration toNotReady = Duration.between(stopped, Instant.now());
                Thread.sleep(Math.max(0, 8000 - toNotReady.toMillis()));

                phase.set(Phase.AFTER);
                SuiteFaults.startPostgresAgain(suite);
                Instant restarted = Instant.now();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> settings.services()
                                .forEach(service -> assertThat(readiness(service.port()))
                                        .as(service.name() + " readiness with its database back")
                                        .isEqualTo(200)));
                System.out.printf(
                        "not ready %d ms after PostgreSQL stopped; ready again %d ms after it was back%n",
                        toNotReady.toMillis(),
                        Duration.between(restarted, Instant.now()).toMillis());
                // recovered: a run of successful calls of every kind, with no restart of any service
                int seen = outcomes.size();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(outcomes.stream()
                                        .skip(seen)
                                        .filter(o -> o.code() == Status.Code.OK)
                                        .map(Outcome::rpc)
                                        .distinct())
                                .containsExactlyInAnyOrder(SUBMIT, EVENT, STATUS, ROUTES));
                int recovered = outcomes.size();
                Thread.sleep(3000);
                assertThat(outcomes.stream().skip(recovered).map(Outcome::code).distinct())
                        .as("every call once recovered")
                        .containsOnly(Status.Code.OK);
            } finally {
                running.set(false);
                for (Thread thread : load) {
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                }
            }
            assertThat(suite.processes().values())
                    .as("no service restarted or died")
                    .allMatch(Process::isAlive);

            // during the outage: at once, and UNAVAILABLE where the database is needed; never a hang, never INTERNAL
            List<Outcome> outage =
                    outcomes.stream().filter(o -> o.phase() == Phase.OUTAGE).toList();
            assertThat(codes(outcomes, Phase.OUTAGE).keySet())
                    .as(
                            "codes during the outage: %s by call %s%s",
                            codes(outcomes, Phase.OUTAGE), codesByRpc(outage), unexpectedFailures(suite, settings))
                    .isSubsetOf(Status.Code.OK, Status.Code.UNAVAILABLE);
            for (String rpc : List.of(SUBMIT, EVENT, STATUS)) {
                assertThat(outage)
                        .as(rpc + " needs the database")
                        .anyMatch(o -> o.rpc().equals(rpc) && o.code() == Status.Code.UNAVAILABLE);
            }
            assertThat(outage)
                    .allSatisfy(o -> assertThat(o.took())
                            .as(o.rpc() + " answered well before its deadline")
                            .isLessThan(CALL_DEADLINE.minusSeconds(2)));

            // nothing acknowledged is lost; resending what got no answer stores each declaration and event once
            for (Map.Entry<String, String> acknowledged : decisionByRequest.entrySet()) {
                assertThat(inspections
                                .withDeadlineAfter(deadline(), TimeUnit.MILLISECONDS)
                                .getDecision(GetDecisionRequest.newBuilder()
                                        .setName(acknowledged.getValue())
                                        .build())
                                .getDecision()
                                .getName())
                        .isEqualTo(acknowledged.getValue());
            }
            for (String requestId : unansweredDeclarations) {
                String decision = inspections
                        .withDeadlineAfter(deadline(), TimeUnit.MILLISECONDS)
                        .submitDeclaration(declaration(requestId))
                        .getDecision()
                        .getName();
                assertThat(decisionByRequest.putIfAbsent(requestId, decision))
                        .as(requestId)
                        .isIn(null, decision);
            }
            assertThat(decisionByRequest).hasSize(declarations.get());
            assertThat(Set.copyOf(decisionByRequest.values()))
                    .as("one decision per request")
                    .hasSize(declarations.get());
            for (String eventId : unansweredEvents) {
                int n = Integer.parseInt(eventId.substring(eventId.lastIndexOf('-') + 1));
                EventOutcome outcome = checkpoints
                        .withDeadlineAfter(deadline(), TimeUnit.MILLISECONDS)
                        .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                                .setEvent(arrival(n))
                                .build())
                        .getAck()
                        .getOutcome();
                assertThat(outcome).isIn(EventOutcome.EVENT_OUTCOME_ACCEPTED, EventOutcome.EVENT_OUTCOME_DUPLICATE);
                acceptedEvents.add(eventId);
            }
            assertThat(acceptedEvents).hasSize(events.get());
            int waiting = checkpoints
                    .withDeadlineAfter(deadline(), TimeUnit.MILLISECONDS)
                    .getCheckpointStatus(statusRequest())
                    .getStatus()
                    .getTrucksWaiting();
            assertThat(waiting).as("each arrival counted once").isEqualTo(events.get());
            System.out.printf(
                    "%d declarations, %d events; during the outage: %s%n",
                    declarations.get(), events.get(), codes(outcomes, Phase.OUTAGE));
            for (ManagedChannel channel : List.of(checkpoint, inspection, routing)) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static long deadline() {
        return CALL_DEADLINE.toMillis();
    }

    private static Thread loop(AtomicBoolean running, Runnable body) {
        Thread thread = new Thread(() -> {
            while (running.get()) {
                body.run();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void call(
            String rpc, AtomicReference<Phase> phase, ConcurrentLinkedQueue<Outcome> outcomes, Runnable call) {
        Phase at = phase.get();
        Instant started = Instant.now();
        Status.Code code;
        try {
            call.run();
            code = Status.Code.OK;
        } catch (StatusRuntimeException e) {
            code = e.getStatus().getCode();
        }
        outcomes.add(new Outcome(rpc, at, code, Duration.between(started, Instant.now())));
    }

    private static Map<Status.Code, Long> codes(ConcurrentLinkedQueue<Outcome> outcomes, Phase phase) {
        Map<Status.Code, Long> counts = new EnumMap<>(Status.Code.class);
        outcomes.stream().filter(o -> o.phase() == phase).forEach(o -> counts.merge(o.code(), 1L, Long::sum));
        return counts;
    }

    private static Map<String, Map<Status.Code, Long>> codesByRpc(List<Outcome> outcomes) {
        Map<String, Map<Status.Code, Long>> byRpc = new TreeMap<>();
        outcomes.forEach(o -> byRpc.computeIfAbsent(o.rpc(), rpc -> new EnumMap<>(Status.Code.class))
                .merge(o.code(), 1L, Long::sum));
        return byRpc;
    }

    /** What the services logged for an INTERNAL answer (the incident and the start of its cause), to see which bug. */
    private static String unexpectedFailures(RunningSuite suite, SuiteSettings settings) {
        StringBuilder found = new StringBuilder();
        for (var service : settings.services()) {
            try {
                List<String> lines = Files.readAllLines(suite.log(service.name()));
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains("Unexpected failure")) {
                        found.append("\n")
                                .append(service.name())
                                .append(": ")
                                .append(String.join("\n  ", lines.subList(i, Math.min(lines.size(), i + 12))));
                    }
                }
            } catch (IOException e) {
                found.append("\n")
                        .append(service.name())
                        .append(": log not readable, ")
                        .append(e.getMessage());
            }
        }
        return found.toString();
    }

    private static int readiness(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3))
                .build();
        try {
            return HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String eventId(int n) {
        return String.format("db-outage-event-%05d", n);
    }

    /** Each event a new truck arriving at Syrym, a little in the past. */
    private static CrossingEvent arrival(int n) {
        return CrossingEvent.newBuilder()
                .setEventId(eventId(n))
                .setCheckpoint("checkpoints/" + CHECKPOINT)
                .setType(CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED)
                .setOccurTime(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond() - 60))
                .setDirection(Direction.DIRECTION_EXIT)
                .setTruck(
                        Truck.newBuilder().setPlate(String.format("DB %05d", n)).setCarrierId("kaz-trans-01"))
                .build();
    }

    private static GetCheckpointStatusRequest statusRequest() {
        return GetCheckpointStatusRequest.newBuilder()
                .setName("checkpoints/" + CHECKPOINT + "/status")
                .build();
    }

    private static FindRoutesRequest routeSearch() {
        return FindRoutesRequest.newBuilder()
                .setOrigin("places/urumqi")
                .setDestination("places/moscow")
                .setCargo(Cargo.newBuilder()
                        .setOriginCountryCode("CN")
                        .setDestinationCountryCode("RU")
                        .addGoodsLines(furniture()))
                .build();
    }

    private static SubmitDeclarationRequest declaration(String requestId) {
        return SubmitDeclarationRequest.newBuilder()
                .setRequestId(requestId)
                .setDeclaration(Declaration.newBuilder()
                        .addGoodsLines(furniture())
                        .setConsignor(
                                Party.newBuilder().setName("Foshan Furniture").setCountryCode("CN"))
                        .setConsignee(Party.newBuilder().setName("OOO Mebel").setCountryCode("RU"))
                        .setCarrierId("kaz-trans-01")
                        .setVehiclePlate("DB " + requestId.substring(requestId.length() - 5))
                        .setOriginCountryCode("CN")
                        .setDestinationCountryCode("RU")
                        .setCheckpoint("checkpoints/" + CHECKPOINT))
                .build();
    }

    private static GoodsLine furniture() {
        return GoodsLine.newBuilder()
                .setHsCode("9403600000")
                .setDescription("Wooden furniture")
                .setQuantity(200)
                .setQuantityUnit("pcs")
                .setNetWeightKg(8000)
                .setCustomsValue(20000)
                .setCurrency("USD")
                .setOriginCountryCode("CN")
                .build();
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("localhost", port)
                .usePlaintext()
                .build();
    }
}
