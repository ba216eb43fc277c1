package io.borderflow.loadharness.scenario;

import io.borderflow.support.security.Roles;
import java.util.List;

/** The harness's five scenarios, in the order they run. */
public final class Scenarios {
    public static final String HEALTH = "health";
    public static final String SUBMIT_DECLARATION = "submit-declaration";
    public static final String CROSSING_EVENTS = "crossing-events";
    public static final String CHECKPOINT_STATUS = "checkpoint-status";
    public static final String FIND_ROUTES = "find-routes";
    /** Every scenario name, in run order. */
    public static final List<String> NAMES =
            List.of(HEALTH, SUBMIT_DECLARATION, CROSSING_EVENTS, CHECKPOINT_STATUS, FIND_ROUTES);

    /** Checkpoints of the corridor the declarations, events and status reads go to (ids of the shipped reference data). */
    static final List<String> CHECKPOINTS = List.of("zhaisan", "nur-zholy", "alakol", "bakhty", "kairak", "syrym");

    private static final String CHECKPOINT = "checkpoint-service";
    private static final String INSPECTION = "inspection-service";
    private static final String ROUTING = "routing-service";

    private Scenarios() {}

    /**
     * The scenarios against the suite behind {@code clients}. Probes checkpoint-service once for the gRPC health
     * service; without it the floor is the cheapest RPC, labelled so.
     *
     * @param eventStreams how many event streams the crossing-events scenario keeps open
     * @param eventWindow events each stream has in flight at maximum throughput (a border post sending a backlog)
     */
    private static final java.util.concurrent.atomic.AtomicInteger TARGETS =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The run tag and one more character, new for every call target made: the warm-up pass and the scenario's own
     * phases each make one, and their request ids, event ids and plates must not meet (a reused id with other
     * content is refused, ALREADY_EXISTS).
     */
    static String targetTag(SuiteClients clients) {
        return clients.runTag() + Character.toUpperCase(Character.forDigit(TARGETS.getAndIncrement() % 36, 36));
    }

    public static List<Scenario> all(SuiteClients clients, int eventStreams, int eventWindow) {
        String subject = "load-harness-" + clients.runTag();
        String officer =
                clients.issuer().token(subject).roles(Roles.CUSTOMS_OFFICER).sign();
        String operator = clients.issuer()
                .token(subject)
                .roles(Roles.BORDER_OPERATOR)
                .checkpoints(CHECKPOINTS)
                .sign();
        String platform =
                clients.issuer().token(subject).roles(Roles.FREIGHT_PLATFORM).sign();
        var checkpointChannel = clients.channel(CHECKPOINT);
        boolean healthServed = HealthCheckCalls.served(checkpointChannel);
        return List.of(
                new Scenario(
                        HEALTH,
                        CHECKPOINT,
                        healthServed ? HealthCheckCalls.HEALTH_RPC : HealthCheckCalls.FALLBACK_RPC,
                        healthServed
                                ? "an empty HealthCheckRequest (whole server), no token; OK when SERVING"
                                : "GetCheckpoint of checkpoints/zhaisan with a freight-platform token",
                        List.of(1000.0, 5000.0),
                        Target.NONE,
                        () -> healthServed
                                ? HealthCheckCalls.health(checkpointChannel, clients.callDeadline())
                                : HealthCheckCalls.cheapestRpc(checkpointChannel, platform, clients.callDeadline())),
                new Scenario(
                        SUBMIT_DECLARATION,
                        INSPECTION,
                        "InspectionService/SubmitDeclaration",
                        "a new declaration per call (own request id and plate), CN to RU via KZ, 5 kinds of goods, "
                                + "50 consignors, 6 checkpoints; customs-officer token",
                        List.of(500.0, 1000.0),
                        Target.throughput(3000).andP99(1000, 20),
                        () -> new DeclarationCalls(
                                clients.channel(INSPECTION),
                                officer,
                                CHECKPOINTS,
                                targetTag(clients),
                                clients.callDeadline())),
                new Scenario(
                        CROSSING_EVENTS,
                        CHECKPOINT,
                        "CheckpointService/StreamCrossingEvents",
                        "one event per call on " + eventStreams + " open streams (at maximum throughput " + eventWindow
                                + " unacknowledged per stream): each truck ARRIVED then CLEARED on its stream, unique "
                                + "event ids and plates, 6 checkpoints; OK = ACCEPTED/DUPLICATE ack (durably stored); "
                                + "border-operator token",
                        List.of(1000.0, 5000.0),
                        Target.throughput(20000),
                        () -> new CrossingEventStreams(
                                checkpointChannel,
                                operator,
                                CHECKPOINTS,
                                eventStreams,
                                targetTag(clients),
                                clients.streamDeadline()),
                        eventStreams * eventWindow),
                new Scenario(
                        CHECKPOINT_STATUS,
                        CHECKPOINT,
                        "CheckpointService/GetCheckpointStatus",
                        "checkpoints/{id}/status cycling over the 6 checkpoints the events went to; freight-platform token",
                        List.of(1000.0, 5000.0),
                        Target.throughput(10000),
                        () -> new CheckpointStatusCalls(
                                checkpointChannel, platform, CHECKPOINTS, clients.callDeadline())),
                new Scenario(
                        FIND_ROUTES,
                        ROUTING,
                        "RoutingService/FindRoutes",
                        "Urumqi to Moscow, 4 cargo variants x fastest/cheapest/least-risk; freight-platform token",
                        List.of(100.0, 200.0),
                        Target.p99(200, 25),
                        () -> new RouteSearchCalls(clients.channel(ROUTING), platform, clients.callDeadline())));
    }
}
