package io.borderflow.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.ListCheckpointsRequest;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc;
import io.borderflow.api.routing.v1.ListLegsRequest;
import io.borderflow.api.routing.v1.RoutingServiceGrpc;
import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input sweep: every RPC of every service, found in the generated service descriptors (a new RPC is swept
 * without touching this test), gets the empty message, random messages, one-field mutations of a valid request,
 * messages near and above the server's inbound limit, and calls without a token, with a forged one and with a role
 * that may not call it. No call may answer INTERNAL or UNKNOWN, no process may die, and a refused call may store
 * nothing. Bytes that are not protobuf at all are a separate test: what answers them is the gRPC server's framework
 * (see {@link #bytesThatAreNotProtobufAreRefusedWithoutInternal()}), before any code of ours runs.
 *
 * <p>Reproducible: requests come from a seeded generator, {@code -Dborderflow.sweep.seed=...} (default
 * {@value #DEFAULT_SEED}); every failure names the seed, the method and the request. {@code
 * -Dborderflow.sweep.calls=...} sets the generated calls per method.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSweepTest {
    private static final long DEFAULT_SEED = 20_260_811L;
    private static final long SEED = Long.getLong("borderflow.sweep.seed", DEFAULT_SEED);
    private static final int CALLS_PER_METHOD = Integer.getInteger("borderflow.sweep.calls", 44);
    /** quarkus.grpc.server.max-inbound-message-size of every service. */
    private static final int MAX_INBOUND = 1_048_576;

    private static final long DEADLINE_MILLIS = 15_000;
    private static final long STREAM_DEADLINE_MILLIS = 3_000;
    private static final int SHOWN_REQUEST_CHARS = 400;
    private static final String CARRIER = "kaz-trans-01";
    /** Where the services' logs of the last sweep are kept. */
    private static final Path KEPT_LOGS =
            Path.of("target", "bad-input-sweep-logs").toAbsolutePath();
    /**
     * Tables that record refused calls by design, so their counts may grow by a call that is refused:
     * {@code audit_record} of each service is the audit trail of "every write this service accepts or rejects"
     * (V2__audit_trail.sql of each service).
     */
    private static final Set<String> RECORD_REFUSALS =
            Set.of("checkpoint.audit_record", "inspection.audit_record", "routing.audit_record");
    /** RPCs that change state: a valid token without the role they need must answer PERMISSION_DENIED. */
    private static final List<String> WRITE_VERBS = List.of(
            "Record",
            "Stream",
            "Set",
            "Schedule",
            "Cancel",
            "Book",
            "Reschedule",
            "Register",
            "Deregister",
            "Create",
            "Activate",
            "Submit",
            "Close",
            "Reopen");

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    @TempDir
    static Path data;

    private RunningSuite suite;
    private SuiteSettings settings;
    private final Map<String, ManagedChannel> channels = new LinkedHashMap<>();
    /** Channels without the client's 8 KiB limit on response metadata, to see what a reset stream really answered. */
    private final Map<String, ManagedChannel> roomyChannels = new LinkedHashMap<>();

    private final Map<String, Connection> databases = new LinkedHashMap<>();
    private final Map<String, List<String>> tables = new LinkedHashMap<>();
    private CallCredentials everything;
    private CallCredentials auditorOnly;
    private CallCredentials forged;
    private String leg;

    /** A service of the suite: its process and the generated descriptor of its API. */
    private record Target(String process, ServiceDescriptor descriptor) {}

    private List<Target> targets() {
        return List.of(
                new Target("checkpoint-service", CheckpointServiceGrpc.getServiceDescriptor()),
                new Target("inspection-service", InspectionServiceGrpc.getServiceDescriptor()),
                new Target("routing-service", RoutingServiceGrpc.getServiceDescriptor()));
    }

    @BeforeAll
    void startSuite() throws Exception {
        settings = FreePorts.suite(data, FreePorts.take(4));
        suite = RunningSuite.start(settings);
        for (SuiteSettings.Service service : settings.services()) {
            channels.put(
                    service.name(),
                    ManagedChannelBuilder.forAddress("localhost", service.port())
                            .usePlaintext()
                            .maxInboundMessageSize(16 * 1024 * 1024)
                            .build());
            roomyChannels.put(
                    service.name(),
                    ManagedChannelBuilder.forAddress("localhost", service.port())
                            .usePlaintext()
                            .maxInboundMessageSize(16 * 1024 * 1024)
                            .maxInboundMetadataSize(16 * 1024 * 1024)
                            .build());
            Connection connection = SuiteDatabase.connect(settings.postgresPort(), service.database());
            databases.put(service.database(), connection);
            List<String> names = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "select table_name from information_schema.tables where table_schema = 'public'"
                                    + " and table_type = 'BASE TABLE' order by table_name")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            tables.put(service.database(), names);
        }
        DevTokenIssuer issuer = suite.issuer();
        CallCredentials reader = TestTokens.bearer(
                issuer.token("sweep-reader").roles(Roles.FREIGHT_PLATFORM).sign());
        List<String> checkpointIds = new ArrayList<>();
        String page = "";
        do {
            var response = CheckpointServiceGrpc.newBlockingStub(channels.get("checkpoint-service"))
                    .withCallCredentials(reader)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listCheckpoints(ListCheckpointsRequest.newBuilder()
                            .setPageSize(500)
                            .setPageToken(page)
                            .build());
            response.getCheckpointsList()
                    .forEach(c ->
                            checkpointIds.add(c.getName().substring(c.getName().lastIndexOf('/') + 1)));
            page = response.getNextPageToken();
        } while (!page.isEmpty());
        everything = TestTokens.bearer(issuer.token("bad-input-sweep")
                .roles(Roles.all().toArray(String[]::new))
                .checkpoints(checkpointIds)
                .carrier(CARRIER)
                .sign());
        auditorOnly = TestTokens.bearer(
                issuer.token("bad-input-sweep-auditor").roles(Roles.AUDITOR).sign());
        forged = TestTokens.bearer(DevTokenIssuer.ephemeral()
                .token("bad-input-sweep-forger")
                .roles(Roles.all().toArray(String[]::new))
                .checkpoints(checkpointIds)
                .carrier(CARRIER)
                .sign());
        leg = RoutingServiceGrpc.newBlockingStub(channels.get("routing-service"))
                .withCallCredentials(reader)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .listLegs(
                        ListLegsRequest.newBuilder().setPlace("places/zhaisan").build())
                .getLegs(0)
                .getName();
    }

    @AfterAll
    void stopSuite() throws Exception {
        for (ManagedChannel channel : channels.values()) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (ManagedChannel channel : roomyChannels.values()) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Connection connection : databases.values()) {
            connection.close();
        }
        if (suite != null) {
            suite.close();
        }
        // the services' logs outlive the temporary folder: failures name incidents whose stack traces are there
        Files.createDirectories(KEPT_LOGS);
        try (var logs = Files.list(data.resolve("logs"))) {
            for (Path log : logs.toList()) {
                Files.copy(log, KEPT_LOGS.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void noRpcAnswersInternalOrUnknownDiesOrStoresWhatItRefuses() throws Exception {
        List<String> offenders = new ArrayList<>();
        List<String> report = new ArrayList<>();
        int methods = 0;
        int calls = 0;
        Instant start = Instant.now();
        for (Target target : targets()) {
            for (MethodDescriptor<?, ?> method : target.descriptor().getMethods()) {
                methods++;
                Sweep sweep = sweep(target, method);
                calls += sweep.calls;
                offenders.addAll(sweep.offenders);
                report.add(sweep.summary());
            }
        }
        System.out.printf(
                "Bad-input sweep, seed %d: %d methods, %d calls in %ds%n  %s%n",
                SEED,
                methods,
                calls,
                java.time.Duration.between(start, Instant.now()).toSeconds(),
                String.join("\n  ", report));
        offenders.addAll(deadOrUnready());
        assertThat(offenders)
                .as("bad-input sweep, seed %d (-Dborderflow.sweep.seed); service logs in %s", SEED, KEPT_LOGS)
                .isEmpty();
    }

    /**
     * Kept apart from the sweep above so that its answers do not mask the others'. With gRPC on the HTTP port
     * ({@code quarkus.grpc.server.use-separate-server=false}), Quarkus serves through the Vert.x gRPC server's bridge
     * (vertx-grpc-server 4.5, {@code GrpcServiceBridgeImpl}), which sets no invalid-message handler: a message that
     * does not decode is dropped without a word ({@code GrpcReadStreamBase}), so a unary or server-streaming call then
     * half-closes without a request and grpc-java's call handler answers INTERNAL "Half-closed without a request".
     */
    @Test
    void bytesThatAreNotProtobufAreRefusedWithoutInternal() throws Exception {
        List<String> offenders = new ArrayList<>();
        List<String> report = new ArrayList<>();
        for (Target target : targets()) {
            for (MethodDescriptor<?, ?> method : target.descriptor().getMethods()) {
                Map<String, Integer> codes = new TreeMap<>();
                Random random = new Random(SEED ^ method.getFullMethodName().hashCode());
                RandomMessages generator = new RandomMessages(random);
                Descriptor type = requestType(method);
                DynamicMessage base = base(method, generator);
                for (RandomMessages.NamedBytes bad :
                        generator.notProtobuf(type, (base == null ? generator.random(type) : base).toByteArray())) {
                    Outcome outcome = call(target, method, List.of(bad.bytes()), everything);
                    codes.merge(
                            outcome.status.getCode()
                                    + (outcome.status.getDescription() == null
                                            ? ""
                                            : " (" + outcome.status.getDescription() + ")"),
                            1,
                            Integer::sum);
                    if (internalOrUnknown(outcome.status)) {
                        offenders.add(describe(
                                method, "not protobuf: " + bad.name(), outcome.status, "bytes " + hex(bad.bytes())));
                    }
                }
                report.add(method.getFullMethodName() + ": " + codes);
            }
        }
        System.out.printf("Bytes that are not protobuf, seed %d:%n  %s%n", SEED, String.join("\n  ", report));
        offenders.addAll(deadOrUnready());
        assertThat(offenders)
                .as("bytes that are not protobuf, seed %d; service logs in %s", SEED, KEPT_LOGS)
                .isEmpty();
    }

    /** What one method's batch found. */
    private static final class Sweep {
        final String method;
        final List<String> offenders = new ArrayList<>();
        final Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);
        int calls;
        int accepted;

        Sweep(String method) {
            this.method = method;
        }

        String summary() {
            return method + ": " + calls + " calls, " + accepted + " accepted (not compared), " + codes;
        }
    }

    private Sweep sweep(Target target, MethodDescriptor<?, ?> method) throws Exception {
        Sweep sweep = new Sweep(method.getFullMethodName());
        Random random = new Random(SEED ^ method.getFullMethodName().hashCode());
        RandomMessages generator = new RandomMessages(random);
        Descriptor type = requestType(method);
        boolean streamsIn = !method.getType().clientSendsOneMessage();
        DynamicMessage empty = DynamicMessage.getDefaultInstance(type);

        // generated cases: each a name and the messages of one call
        List<Map.Entry<String, List<DynamicMessage>>> cases = new ArrayList<>();
        cases.add(Map.entry("the empty message", List.of(empty)));
        if (streamsIn) {
            cases.add(Map.entry("no message at all", List.of()));
        }
        DynamicMessage firstBase = base(method, generator);
        int mutations = firstBase == null ? 0 : CALLS_PER_METHOD / 2;
        if (firstBase != null) {
            cases.add(Map.entry("the valid request", List.of(firstBase)));
            for (int i = 0; i < mutations; i++) {
                cases.add(Map.entry(
                        "a valid request with one field broken", List.of(generator.mutate(base(method, generator)))));
            }
        }
        for (int i = 0; i < CALLS_PER_METHOD - mutations; i++) {
            List<DynamicMessage> messages = new ArrayList<>();
            int count = streamsIn && i % 5 == 4 ? 3 : 1;
            for (int m = 0; m < count; m++) {
                messages.add(generator.random(type));
            }
            cases.add(Map.entry("random", messages));
        }
        DynamicMessage grown = firstBase == null ? empty : firstBase;
        cases.add(Map.entry("just under the inbound limit", List.of(generator.oversize(grown, MAX_INBOUND - 2048))));
        DynamicMessage over = generator.oversize(grown, MAX_INBOUND + 1024);
        cases.add(Map.entry("over the inbound limit", List.of(over)));

        for (Map.Entry<String, List<DynamicMessage>> c : cases) {
            Map<String, Long> before = rowCounts();
            Outcome outcome = call(target, method, bytesOf(c.getValue()), everything);
            Map<String, Long> after = rowCounts();
            record(sweep, target, method, c.getKey(), c.getValue(), outcome);
            if (c.getKey().equals("over the inbound limit")
                    && outcome.status.getCode() != Status.Code.RESOURCE_EXHAUSTED) {
                sweep.offenders.add(describe(
                        method, c.getKey() + ": expected RESOURCE_EXHAUSTED", outcome.status, text(c.getValue())));
            }
            if (outcome.refused()) {
                Map<String, Long> grew = grown(before, after);
                if (!grew.isEmpty()) {
                    sweep.offenders.add(describe(
                            method, c.getKey() + ": refused but stored " + grew, outcome.status, text(c.getValue())));
                }
            } else {
                sweep.accepted++;
            }
        }

        // who may call: a valid request (or the empty one) without a token, with a forged one, with the wrong role
        List<DynamicMessage> probe = List.of(firstBase == null ? empty : base(method, generator));
        expect(
                sweep,
                method,
                "no token",
                call(target, method, bytesOf(probe), null),
                probe,
                Status.Code.UNAUTHENTICATED);
        expect(
                sweep,
                method,
                "a token of an unknown issuer",
                call(target, method, bytesOf(probe), forged),
                probe,
                Status.Code.UNAUTHENTICATED);
        Outcome wrongRole = call(target, method, bytesOf(probe), auditorOnly);
        sweep.calls += 3;
        sweep.codes.merge(wrongRole.status.getCode(), 1, Integer::sum);
        boolean writes =
                WRITE_VERBS.stream().anyMatch(verb -> method.getBareMethodName().startsWith(verb));
        if (writes && wrongRole.status.getCode() != Status.Code.PERMISSION_DENIED) {
            sweep.offenders.add(describe(
                    method,
                    "an auditor's token on a write: expected PERMISSION_DENIED",
                    wrongRole.status,
                    text(probe)));
        } else if (internalOrUnknown(wrongRole.status) || wrongRole.status.getCode() == Status.Code.UNAUTHENTICATED) {
            sweep.offenders.add(describe(method, "an auditor's (valid) token", wrongRole.status, text(probe)));
        }
        return sweep;
    }

    private void record(
            Sweep sweep,
            Target target,
            MethodDescriptor<?, ?> method,
            String kind,
            List<DynamicMessage> messages,
            Outcome outcome) {
        sweep.calls++;
        sweep.codes.merge(outcome.status.getCode(), 1, Integer::sum);
        if (internalOrUnknown(outcome.status)) {
            String diagnosis = "";
            if (String.valueOf(outcome.status.getDescription()).startsWith("RST_STREAM")) {
                // grpc-java resets a stream whose response metadata exceed its limit (8 KiB by default): ask again
                Outcome roomy = call(roomyChannels, target, method, bytesOf(messages), everything);
                diagnosis = " (again without the client's 8 KiB metadata limit: %s, %d bytes of trailers: %s)"
                        .formatted(
                                roomy.status.getCode(),
                                roomy.trailerBytes,
                                shorten(roomy.status.getDescription(), 200));
            }
            sweep.offenders.add(describe(method, kind + diagnosis, outcome.status, text(messages)));
        }
    }

    private void expect(
            Sweep sweep,
            MethodDescriptor<?, ?> method,
            String kind,
            Outcome outcome,
            List<DynamicMessage> messages,
            Status.Code expected) {
        sweep.codes.merge(outcome.status.getCode(), 1, Integer::sum);
        if (outcome.status.getCode() != expected) {
            sweep.offenders.add(describe(method, kind + ": expected " + expected, outcome.status, text(messages)));
        }
    }

    /**
     * A valid request of the method, fresh ids each time (so a valid create is not a mere replay), or null where none
     * is easy to build: then only the empty and random messages are sent.
     */
    private DynamicMessage base(MethodDescriptor<?, ?> method, RandomMessages generator) {
        long now = Instant.now().getEpochSecond();
        long nextHour = Instant.now().truncatedTo(ChronoUnit.HOURS).getEpochSecond() + 3600;
        String event = "event { event_id: \"%s\" checkpoint: \"checkpoints/syrym\" type: CROSSING_EVENT_TYPE_ARRIVED"
                + " occur_time { seconds: %d } direction: DIRECTION_EXIT truck { plate: \"%s\" carrier_id: \"%s\" } }";
        String declaration = "goods_lines { hs_code: \"620342\" description: \"Cotton trousers\" quantity: 500"
                + " quantity_unit: \"pcs\" net_weight_kg: 300 customs_value: 6000 currency: \"USD\""
                + " origin_country_code: \"CN\" } consignor { name: \"Urumqi Garments\" country_code: \"CN\" }"
                + " consignee { name: \"OOO Vektor\" country_code: \"RU\" } carrier_id: \"" + CARRIER + "\""
                + " vehicle_plate: \"123 ABC 02\" origin_country_code: \"CN\" transit_country_codes: \"KZ\""
                + " destination_country_code: \"RU\" checkpoint: \"checkpoints/zhaisan\"";
        Function<String, String> plate = prefix ->
                prefix + " " + (10_000 + Math.floorMod(generator.uniqueId("").hashCode(), 89_999));
        String text = switch (method.getFullMethodName()
                .substring(method.getFullMethodName().lastIndexOf('.') + 1)) {
            case "CheckpointService/GetCheckpoint" -> "name: \"checkpoints/zhaisan\"";
            case "CheckpointService/ListCheckpoints" -> "border: \"KZ-RU\" page_size: 3";
            case "CheckpointService/RecordCrossingEvent", "CheckpointService/StreamCrossingEvents" ->
                event.formatted(generator.uniqueId("sweep"), now - 600, plate.apply("SW"), CARRIER);
            case "CheckpointService/GetCheckpointStatus" -> "name: \"checkpoints/zhaisan/status\"";
            case "CheckpointService/ForecastWaits" ->
                ("queries { checkpoint: \"checkpoints/zhaisan\" direction: DIRECTION_EXIT arrival_time { seconds: %d }"
                                + " channel: INSPECTION_CHANNEL_GREEN }")
                        .formatted(now + 3600);
            case "CheckpointService/BatchGetCheckpointStatuses" ->
                "names: \"checkpoints/zhaisan/status\" names: \"checkpoints/syrym/status\"";
            case "CheckpointService/WatchCheckpointStatus" ->
                "names: \"checkpoints/zhaisan/status\" heartbeat_interval { seconds: 1 }";
            case "CheckpointService/ListTrucks",
                    "CheckpointService/ListClosures",
                    "CheckpointService/ListLaneSettings",
                    "CheckpointService/ListBookings" -> "parent: \"checkpoints/syrym\"";
            case "CheckpointService/SetOpenLanes" ->
                "checkpoint: \"checkpoints/syrym\" kind: LANE_KIND_REGULAR open: 2 reason: \"bad-input sweep\"";
            case "CheckpointService/SetNominalCapacity" ->
                "checkpoint: \"checkpoints/syrym\" vehicles_per_day: 400 reason: \"bad-input sweep\"";
            case "CheckpointService/ScheduleClosure" ->
                ("parent: \"checkpoints/mamlyutka\" request_id: \"%s\" closure {"
                                + " start_time { seconds: %d } end_time { seconds: %d } reason: \"bad-input sweep\" }")
                        .formatted(generator.uniqueId("sweep"), nextHour + 40 * 86400, nextHour + 40 * 86400 + 3600);
            case "CheckpointService/BookSlot" ->
                ("parent: \"checkpoints/mamlyutka\" request_id: \"%s\" booking {"
                                + " window_start_time { seconds: %d } direction: DIRECTION_EXIT truck { plate: \"%s\" carrier_id: \"%s\" } }")
                        .formatted(generator.uniqueId("sweep"), nextHour + 2 * 86400, plate.apply("BK"), CARRIER);
            case "CheckpointService/SetBookingQuota" ->
                "checkpoint: \"checkpoints/syrym\" bookings_per_window: 40 bookings_per_day: 400 reason: \"bad-input sweep\"";
            case "CheckpointService/RegisterVehicle" ->
                "parent: \"carriers/%s\" vehicle { plate: \"%s\" }".formatted(CARRIER, plate.apply("RV"));
            case "CheckpointService/ListVehicles" -> "parent: \"carriers/%s\" page_size: 5".formatted(CARRIER);
            case "CheckpointService/DeregisterVehicle" ->
                "name: \"carriers/%s/vehicles/%s\""
                        .formatted(CARRIER, plate.apply("RV").replace(" ", ""));
            case "CheckpointService/ListSlots" ->
                "parent: \"checkpoints/mamlyutka\" start_time { seconds: %d } end_time { seconds: %d }"
                        .formatted(nextHour, nextHour + 86400);
            case "InspectionService/GetRuleset" -> "name: \"rulesets/active\"";
            case "InspectionService/ListRulesets",
                    "InspectionService/ListDecisions",
                    "InspectionService/ListAuditRecords",
                    "CheckpointService/ListAuditRecords",
                    "RoutingService/ListAuditRecords",
                    "RoutingService/ListPlaces" -> "page_size: 5";
            case "InspectionService/CreateRuleset" ->
                ("request_id: \"%s\" ruleset { display_name: \"Sweep\""
                                + " description: \"drones only\" thresholds { yellow_from_score: 30 red_from_score: 60 }"
                                + " random_sample_rate: 0 random_sample_basis: \"estimate: none\" rules { rule_id: \"DRONES\""
                                + " description: \"drones\" weight: 60 minimum_channel: CHANNEL_RED"
                                + " condition { hs_prefix { prefixes: \"8806\" } } } }")
                        .formatted(generator.uniqueId("sweep"));
            case "InspectionService/SimulateRuleset" ->
                "ruleset_name: \"rulesets/2\" start_time { seconds: %d } end_time { seconds: %d }"
                        .formatted(now - 7 * 86400, now);
            case "InspectionService/SubmitDeclaration" ->
                "request_id: \"%s\" declaration { %s }".formatted(generator.uniqueId("sweep"), declaration);
            case "InspectionService/AssessDeclaration" -> "declaration { %s }".formatted(declaration);
            case "InspectionService/GetRulePerformance" ->
                "start_time { seconds: %d } end_time { seconds: %d }".formatted(now - 30 * 86400, now);
            case "RoutingService/ListLegs" -> "place: \"places/zhaisan\"";
            case "RoutingService/FindRoutes" ->
                ("origin: \"places/urumqi\" destination: \"places/moscow\" cargo {"
                        + " origin_country_code: \"CN\" destination_country_code: \"RU\" goods_lines { hs_code: \"620342\""
                        + " description: \"Cotton trousers\" quantity: 500 quantity_unit: \"pcs\" net_weight_kg: 300"
                        + " customs_value: 6000 currency: \"USD\" origin_country_code: \"CN\" } }");
            case "RoutingService/CloseLeg" -> "name: \"%s\" reason: \"bad-input sweep\"".formatted(leg);
            case "RoutingService/ReopenLeg" -> "name: \"%s\"".formatted(leg);
            default -> null;
        };
        if (text == null) {
            return null;
        }
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(requestType(method));
        try {
            TextFormat.merge(text, builder);
        } catch (TextFormat.ParseException e) {
            throw new IllegalStateException(
                    "the valid request of " + method.getFullMethodName() + " does not parse", e);
        }
        return builder.build();
    }

    /** How one call ended, and what it answered. */
    private record Outcome(Status status, List<Message> responses, boolean streamStarted, int trailerBytes) {
        /**
         * Refused: an error status before any answer, or answers that are all refusals (a stream of crossing events
         * acknowledges a refused event REJECTED and goes on).
         */
        boolean refused() {
            if (streamStarted) {
                return false;
            }
            if (!status.isOk()) {
                return status.getCode() != Status.Code.DEADLINE_EXCEEDED; // may still be stored after the deadline
            }
            return !responses.isEmpty() && responses.stream().allMatch(Outcome::rejectedAck);
        }

        private static boolean rejectedAck(Message response) {
            var ackField = response.getDescriptorForType().findFieldByName("ack");
            if (ackField == null || !response.hasField(ackField)) {
                return false;
            }
            Message ack = (Message) response.getField(ackField);
            var outcome = ack.getDescriptorForType().findFieldByName("outcome");
            return outcome != null && ack.getField(outcome).toString().endsWith("_REJECTED");
        }
    }

    /**
     * One call of any kind (unary, server, client or bidirectional streaming) with the request messages as bytes,
     * under a deadline. A server stream that has answered once is cancelled: it started cleanly.
     */
    private Outcome call(
            Target target, MethodDescriptor<?, ?> method, List<byte[]> messages, CallCredentials credentials) {
        return call(channels, target, method, messages, credentials);
    }

    private Outcome call(
            Map<String, ManagedChannel> through,
            Target target,
            MethodDescriptor<?, ?> method,
            List<byte[]> messages,
            CallCredentials credentials) {
        MethodDescriptor<byte[], byte[]> raw = method.toBuilder(BYTES, BYTES).build();
        boolean serverStreams = !method.getType().serverSendsOneMessage();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(
                serverStreams ? STREAM_DEADLINE_MILLIS : DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        if (credentials != null) {
            options = options.withCallCredentials(credentials);
        }
        ClientCall<byte[], byte[]> call = through.get(target.process()).newCall(raw, options);
        List<byte[]> answers = new CopyOnWriteArrayList<>();
        CompletableFuture<Status> closed = new CompletableFuture<>();
        int[] trailerBytes = {0};
        boolean[] started = {false};
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onMessage(byte[] message) {
                        answers.add(message);
                        if (serverStreams && method.getType() == MethodDescriptor.MethodType.SERVER_STREAMING) {
                            started[0] = true;
                            call.cancel("the stream started cleanly", null);
                        } else {
                            call.request(1);
                        }
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        try {
                            for (String key : trailers.keys()) {
                                trailerBytes[0] += key.length()
                                        + (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)
                                                ? lengthOf(trailers.get(
                                                        Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER)))
                                                : String.valueOf(trailers.get(
                                                                Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)))
                                                        .length());
                            }
                        } catch (RuntimeException e) {
                            trailerBytes[0] = -1; // not measurable; the status is what counts
                        } finally {
                            closed.complete(status);
                        }
                    }
                },
                new Metadata());
        call.request(1);
        for (byte[] message : messages) {
            call.sendMessage(message);
        }
        call.halfClose();
        Status status;
        try {
            status = closed.get(DEADLINE_MILLIS + 10_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            call.cancel("no answer", e);
            status = Status.DEADLINE_EXCEEDED.withDescription("no close from the client library: " + e);
        }
        Message prototype = responsePrototype(method);
        List<Message> responses = new ArrayList<>();
        for (byte[] answer : answers) {
            try {
                responses.add(prototype.getParserForType().parseFrom(answer));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        boolean streamStarted = started[0]
                && (status.getCode() == Status.Code.CANCELLED
                        || status.getCode() == Status.Code.DEADLINE_EXCEEDED
                        || status.isOk());
        return new Outcome(status, responses, streamStarted, trailerBytes[0]);
    }

    /** Exact row counts of every table of the three databases, keyed {@code database.table}. */
    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (Map.Entry<String, Connection> database : databases.entrySet()) {
            String query = tables.get(database.getKey()).stream()
                    .map(t -> "select '" + t + "', count(*) from \"" + t + "\"")
                    .collect(Collectors.joining(" union all "));
            try (Statement statement = database.getValue().createStatement();
                    ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    counts.put(database.getKey() + "." + rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    /** Tables whose row counts changed, with the change, except those that record refusals by design. */
    private static Map<String, Long> grown(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grew = new TreeMap<>();
        after.forEach((table, count) -> {
            long change = count - before.getOrDefault(table, 0L);
            if (change != 0 && !RECORD_REFUSALS.contains(table)) {
                grew.put(table, change);
            }
        });
        return grew;
    }

    /** Processes that died and services not ready, after a sweep. */
    private List<String> deadOrUnready() throws InterruptedException {
        List<String> problems = new ArrayList<>();
        suite.processes().forEach((name, process) -> {
            if (!process.isAlive()) {
                problems.add(name + " died (exit code " + process.exitValue() + ")");
            }
        });
        HttpClient http = HttpClient.newHttpClient();
        for (SuiteSettings.Service service : settings.services()) {
            try {
                HttpResponse<String> ready = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + "/q/health/ready"))
                                .timeout(java.time.Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() != 200) {
                    problems.add(service.name() + " not ready: " + ready.statusCode() + " " + ready.body());
                }
            } catch (IOException e) {
                problems.add(service.name() + " does not answer /q/health/ready: " + e);
            }
        }
        return problems;
    }

    private static boolean internalOrUnknown(Status status) {
        return status.getCode() == Status.Code.INTERNAL || status.getCode() == Status.Code.UNKNOWN;
    }

    private static String describe(MethodDescriptor<?, ?> method, String kind, Status status, String request) {
        return "%s [%s, seed %d] answered %s: %s%n    request: %s"
                .formatted(
                        method.getFullMethodName(),
                        kind,
                        SEED,
                        status.getCode(),
                        shorten(status.getDescription(), 300),
                        request);
    }

    private static String text(List<DynamicMessage> messages) {
        String text = messages.stream()
                .map(m -> TextFormat.printer().emittingSingleLine(true).printToString(m))
                .collect(Collectors.joining(" | ", "[", "]"));
        return text.length() <= SHOWN_REQUEST_CHARS
                ? text
                : text.substring(0, SHOWN_REQUEST_CHARS) + "... (" + text.length() + " chars)";
    }

    private static int lengthOf(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static String shorten(String text, int length) {
        return text == null || text.length() <= length
                ? text
                : text.substring(0, length) + "... (" + text.length() + " chars)";
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 48); i++) {
            hex.append("%02x".formatted(bytes[i]));
        }
        return hex + (bytes.length > 48 ? "... (" + bytes.length + " bytes)" : "");
    }

    private static List<byte[]> bytesOf(List<DynamicMessage> messages) {
        return messages.stream().map(DynamicMessage::toByteArray).toList();
    }

    private static Descriptor requestType(MethodDescriptor<?, ?> method) {
        return ((Message)
                        ((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller()).getMessagePrototype())
                .getDescriptorForType();
    }

    private static Message responsePrototype(MethodDescriptor<?, ?> method) {
        return (Message)
                ((MethodDescriptor.PrototypeMarshaller<?>) method.getResponseMarshaller()).getMessagePrototype();
    }
}
