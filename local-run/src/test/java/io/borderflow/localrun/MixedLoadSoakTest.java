package io.borderflow.localrun;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.api.checkpoint.v1.BatchGetCheckpointStatusesRequest;
import io.borderflow.api.checkpoint.v1.BookSlotRequest;
import io.borderflow.api.checkpoint.v1.BookSlotResponse;
import io.borderflow.api.checkpoint.v1.Booking;
import io.borderflow.api.checkpoint.v1.BookingState;
import io.borderflow.api.checkpoint.v1.CancelBookingRequest;
import io.borderflow.api.checkpoint.v1.CancelClosureRequest;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc;
import io.borderflow.api.checkpoint.v1.CheckpointServiceGrpc.CheckpointServiceBlockingStub;
import io.borderflow.api.checkpoint.v1.Closure;
import io.borderflow.api.checkpoint.v1.CrossingEvent;
import io.borderflow.api.checkpoint.v1.CrossingEventAck;
import io.borderflow.api.checkpoint.v1.CrossingEventType;
import io.borderflow.api.checkpoint.v1.DeregisterVehicleRequest;
import io.borderflow.api.checkpoint.v1.Direction;
import io.borderflow.api.checkpoint.v1.EventOutcome;
import io.borderflow.api.checkpoint.v1.ForecastWaitsRequest;
import io.borderflow.api.checkpoint.v1.GetBookingRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointRequest;
import io.borderflow.api.checkpoint.v1.GetCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.GetTruckRequest;
import io.borderflow.api.checkpoint.v1.InspectionChannel;
import io.borderflow.api.checkpoint.v1.LaneSetting;
import io.borderflow.api.checkpoint.v1.ListBookingsRequest;
import io.borderflow.api.checkpoint.v1.ListCheckpointsRequest;
import io.borderflow.api.checkpoint.v1.ListCheckpointsResponse;
import io.borderflow.api.checkpoint.v1.ListClosuresRequest;
import io.borderflow.api.checkpoint.v1.ListLaneSettingsRequest;
import io.borderflow.api.checkpoint.v1.ListLaneSettingsResponse;
import io.borderflow.api.checkpoint.v1.ListSlotsRequest;
import io.borderflow.api.checkpoint.v1.ListSlotsResponse;
import io.borderflow.api.checkpoint.v1.ListTrucksRequest;
import io.borderflow.api.checkpoint.v1.ListTrucksResponse;
import io.borderflow.api.checkpoint.v1.ListVehiclesRequest;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventRequest;
import io.borderflow.api.checkpoint.v1.RecordCrossingEventResponse;
import io.borderflow.api.checkpoint.v1.RegisterVehicleRequest;
import io.borderflow.api.checkpoint.v1.RescheduleBookingRequest;
import io.borderflow.api.checkpoint.v1.ScheduleClosureRequest;
import io.borderflow.api.checkpoint.v1.ScheduleClosureResponse;
import io.borderflow.api.checkpoint.v1.SetBookingQuotaRequest;
import io.borderflow.api.checkpoint.v1.SetNominalCapacityRequest;
import io.borderflow.api.checkpoint.v1.SetOpenLanesRequest;
import io.borderflow.api.checkpoint.v1.SlotWindow;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsRequest;
import io.borderflow.api.checkpoint.v1.StreamCrossingEventsResponse;
import io.borderflow.api.checkpoint.v1.Truck;
import io.borderflow.api.checkpoint.v1.TruckState;
import io.borderflow.api.checkpoint.v1.Vehicle;
import io.borderflow.api.checkpoint.v1.WaitQuery;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusRequest;
import io.borderflow.api.checkpoint.v1.WatchCheckpointStatusResponse;
import io.borderflow.api.inspection.v1.ActivateRulesetRequest;
import io.borderflow.api.inspection.v1.AssessDeclarationRequest;
import io.borderflow.api.inspection.v1.Channel;
import io.borderflow.api.inspection.v1.CreateRulesetRequest;
import io.borderflow.api.inspection.v1.CreateRulesetResponse;
import io.borderflow.api.inspection.v1.Decision;
import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.GetDecisionRequest;
import io.borderflow.api.inspection.v1.GetRulePerformanceRequest;
import io.borderflow.api.inspection.v1.GetRulesetRequest;
import io.borderflow.api.inspection.v1.GetRulesetResponse;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.InspectionOutcome;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc;
import io.borderflow.api.inspection.v1.InspectionServiceGrpc.InspectionServiceBlockingStub;
import io.borderflow.api.inspection.v1.ListDecisionsRequest;
import io.borderflow.api.inspection.v1.ListRulesetsRequest;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.api.inspection.v1.RecordInspectionResultRequest;
import io.borderflow.api.inspection.v1.Ruleset;
import io.borderflow.api.inspection.v1.SimulateRulesetRequest;
import io.borderflow.api.inspection.v1.SubmitDeclarationRequest;
import io.borderflow.api.inspection.v1.SubmitDeclarationResponse;
import io.borderflow.api.routing.v1.BorderCrossing;
import io.borderflow.api.routing.v1.BorderDataCoverage;
import io.borderflow.api.routing.v1.Cargo;
import io.borderflow.api.routing.v1.CloseLegRequest;
import io.borderflow.api.routing.v1.DataFreshness;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.api.routing.v1.FindRoutesResponse;
import io.borderflow.api.routing.v1.ListLegsRequest;
import io.borderflow.api.routing.v1.ListPlacesRequest;
import io.borderflow.api.routing.v1.ListPlacesResponse;
import io.borderflow.api.routing.v1.Objective;
import io.borderflow.api.routing.v1.ReopenLegRequest;
import io.borderflow.api.routing.v1.Route;
import io.borderflow.api.routing.v1.RouteConstraints;
import io.borderflow.api.routing.v1.RoutingServiceGrpc;
import io.borderflow.api.routing.v1.RoutingServiceGrpc.RoutingServiceBlockingStub;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.security.DevTokenIssuer;
import io.borderflow.support.security.Roles;
import io.borderflow.testsupport.TestTokens;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, items 4 and 5, against the suite as separate processes on one embedded PostgreSQL. Right after a backlog is
 * streamed in at the five Kazakhstan-Russia road crossings, the status of one crossing, of several at once and of every
 * checkpoint watched all answer. Then, for a minute, concurrent clients call every RPC of the three services in the
 * roles and rough proportions partners would: no call answers INTERNAL or UNKNOWN, no service logs an error, no route
 * crossing is labelled LIVE without the age of its figure, and once the suite is warm every crossing of every route
 * stands on a fetched (LIVE) calendar. Business refusals (a full window, a result recorded twice) are counted, not
 * failures.
 *
 * <p>Every random choice comes from {@code -Dborderflow.soak.seed} (default {@value #DEFAULT_SEED}); the interleaving
 * of the clients is the machine's. {@code -Dborderflow.soak.seconds} sets the soak's length (default 60).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MixedLoadSoakTest {
    private static final long DEFAULT_SEED = 20_261_207L;
    private static final long SEED = Long.getLong("borderflow.soak.seed", DEFAULT_SEED);
    private static final Duration SOAK = Duration.ofSeconds(Long.getLong("borderflow.soak.seconds", 60));
    /** From this far into the soak, routing-service has had the time to fetch every calendar. */
    private static final Duration WARM_AFTER = Duration.ofSeconds(10);

    private static final long DEADLINE_SECONDS = 20;
    /** Concurrent clients of the soak, besides the border post's event stream. */
    private static final int CLIENTS = 7;
    /** Pause between two events of the border post's stream: about 40 events a second. */
    private static final long STREAM_PAUSE_MILLIS = 25;
    /** Calls each RPC must have had for the soak to count, but for those made once or twice by design. */
    private static final int MIN_CALLS = 3;

    private static final int MAX_ACTIVATIONS = 2;
    private static final Map<String, Integer> FEWER_CALLS =
            Map.of("CheckpointService/StreamCrossingEvents", 1, "InspectionService/ActivateRuleset", 1);

    /** The Kazakhstan-Russia road crossings (checkpoint-service's reference/checkpoints.json). */
    private static final List<String> KZ_RU_ROAD = List.of("zhaisan", "syrym", "zhelkuar", "mamlyutka", "kairak");
    /** Where the soak's border post, customs officers and carrier act: the road crossings above and three more. */
    private static final List<String> WRITTEN =
            List.of("zhaisan", "syrym", "zhelkuar", "mamlyutka", "kairak", "nur-zholy", "alakol", "zabaykalsk");
    /** Read in one batch with the road crossings right after a load. */
    private static final List<String> ALSO_READ_AFTER_A_LOAD =
            List.of("nur-zholy", "alakol", "zabaykalsk", "blagoveshchensk", "aktau", "sarpi");

    private static final int LOAD_ROUNDS = 5;
    private static final int WAITING_PER_ROUND = 200;
    private static final int CLEARED_PER_ROUND = 10;
    private static final int WATCHES_PER_ROUND = 3;
    private static final String CARRIER_ID = "soak-carrier-01";
    /** A leg no route from Urumqi to Moscow takes, closed and reopened by the network operator. */
    private static final String QUIET_LEG = "legs/ankara-istanbul";
    /** Where the services' logs of the last run are kept. */
    private static final Path KEPT_LOGS =
            Path.of("target", "mixed-load-soak-logs").toAbsolutePath();

    @TempDir
    static Path data;

    private RunningSuite suite;
    private ManagedChannel checkpointChannel;
    private ManagedChannel inspectionChannel;
    private ManagedChannel routingChannel;
    private List<String> checkpointIds;
    private CallCredentials post;
    private CallCredentials officer;
    private CallCredentials analyst;
    private CallCredentials carrier;
    private CallCredentials platform;
    private CallCredentials networkOperator;
    private CallCredentials auditor;

    @BeforeAll
    void startTheSuite() throws Exception {
        suite = RunningSuite.start(FreePorts.suite(data, FreePorts.take(4)));
        checkpointChannel =
                channel(suite.settings().service("checkpoint-service").port());
        inspectionChannel =
                channel(suite.settings().service("inspection-service").port());
        routingChannel = channel(suite.settings().service("routing-service").port());
        DevTokenIssuer issuer = suite.issuer();
        post = TestTokens.bearer(issuer.token("soak-post")
                .roles(Roles.BORDER_OPERATOR)
                .checkpoints(WRITTEN)
                .sign());
        officer = TestTokens.bearer(
                issuer.token("soak-officer").roles(Roles.CUSTOMS_OFFICER).sign());
        analyst = TestTokens.bearer(
                issuer.token("soak-analyst").roles(Roles.RISK_ANALYST).sign());
        carrier = TestTokens.bearer(issuer.token("soak-carrier")
                .roles(Roles.CARRIER)
                .carrier(CARRIER_ID)
                .sign());
        platform = TestTokens.bearer(
                issuer.token("soak-platform").roles(Roles.FREIGHT_PLATFORM).sign());
        networkOperator = TestTokens.bearer(
                issuer.token("soak-network").roles(Roles.NETWORK_OPERATOR).sign());
        auditor = TestTokens.bearer(
                issuer.token("soak-auditor").roles(Roles.AUDITOR).sign());
        ListCheckpointsResponse all = checkpoints(platform)
                .listCheckpoints(
                        ListCheckpointsRequest.newBuilder().setPageSize(100).build());
        checkpointIds = all.getCheckpointsList().stream()
                .map(c -> c.getName().substring("checkpoints/".length()))
                .toList();
        assertThat(checkpointIds).containsAll(WRITTEN).containsAll(ALSO_READ_AFTER_A_LOAD);
    }

    @AfterAll
    void stopTheSuite() throws Exception {
        for (ManagedChannel channel : Stream.of(checkpointChannel, inspectionChannel, routingChannel)
                .filter(c -> c != null)
                .toList()) {
            channel.shutdownNow().awaitTermination(5, SECONDS);
        }
        if (suite != null) {
            suite.close();
        }
        // the logs outlive the temporary folder: a failure names lines whose context is there
        Files.createDirectories(KEPT_LOGS);
        try (var logs = Files.list(data.resolve("logs"))) {
            for (Path log : logs.toList()) {
                Files.copy(log, KEPT_LOGS.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Issue 20, defect 1: a backlog streamed in at the five road crossings (200 more trucks waiting at each per round,
     * and a few cleared), then at once the status of Zhaisan, 1.5 s later a batch of the five and six others, then
     * watches of every checkpoint until each has sent its first status. Five rounds, as the backlog grows: every call
     * answers, every event is accepted, and no service logs an error.
     */
    @Test
    void readsOfManyCheckpointsRightAfterALoadNeverFail() throws Exception {
        Tally tally = new Tally(code -> code != Status.Code.OK);
        Map<String, Long> logMark = logSizes();
        List<String> batch = Stream.concat(KZ_RU_ROAD.stream(), ALSO_READ_AFTER_A_LOAD.stream())
                .toList();
        for (int round = 0; round < LOAD_ROUNDS; round++) {
            loadABacklog(round, tally);
            tally.call(
                    "CheckpointService/GetCheckpointStatus",
                    () -> checkpoints(platform)
                            .getCheckpointStatus(GetCheckpointStatusRequest.newBuilder()
                                    .setName(statusName("zhaisan"))
                                    .build()));
            Thread.sleep(1500);
            tally.call(
                    "CheckpointService/BatchGetCheckpointStatuses",
                    () -> checkpoints(platform)
                            .batchGetCheckpointStatuses(BatchGetCheckpointStatusesRequest.newBuilder()
                                    .addAllNames(batch.stream()
                                            .map(MixedLoadSoakTest::statusName)
                                            .toList())
                                    .build()));
            for (int i = 0; i < WATCHES_PER_ROUND; i++) {
                watchUntilTheFirstStatusOfEach(tally, checkpointIds, Duration.ofSeconds(30));
            }
        }
        System.out.print(tally.summary("Reads right after a load, " + LOAD_ROUNDS + " rounds"));
        assertThat(tally.offenders()).as("calls that failed right after a load").isEmpty();
        assertThat(errorsLoggedSince(logMark))
                .as("errors the services logged (logs kept in %s)", KEPT_LOGS)
                .isEmpty();
    }

    /**
     * A minute of mixed load ({@link Soak}): no call answers INTERNAL or UNKNOWN, no service logs a SEVERE or ERROR
     * line, every route crossing labelled LIVE carries the age of its figure and, once warm, stands on a LIVE
     * calendar; every RPC of the three services was called, and every service is still running.
     */
    @Test
    void aMinuteOfMixedLoadNeverAnswersInternalNorLogsAnError() throws Exception {
        Map<String, Long> logMark = logSizes();
        Soak soak = new Soak();
        soak.run();
        System.out.print(soak.tally.summary("Mixed load for " + SOAK.toSeconds() + " s, seed " + SEED));
        List<String> errors = errorsLoggedSince(logMark);
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(soak.tally.offenders())
                    .as("calls answered INTERNAL or UNKNOWN, seed %d (-Dborderflow.soak.seed)", SEED)
                    .isEmpty();
            softly.assertThat(errors)
                    .as("errors the services logged during the soak (logs kept in %s)", KEPT_LOGS)
                    .isEmpty();
            softly.assertThat(soak.freshnessViolations)
                    .as("route crossings whose freshness labels do not hold (%d in all)", soak.violationCount.get())
                    .isEmpty();
            softly.assertThat(soak.warmRouteAnswers.get())
                    .as("route answers checked once the suite was warm")
                    .isPositive();
            softly.assertThat(soak.tally.rarelyCalled(everyRpc()))
                    .as("RPCs called fewer than %d times: the soak did not exercise them", MIN_CALLS)
                    .isEmpty();
            softly.assertThat(deadServices()).as("services that exited").isEmpty();
        });
    }

    /**
     * The mixed load: a border post's long event stream, and {@link #CLIENTS} clients each picking calls at random by
     * weight (the weights are roughly calls per hundred) until the time is up. Each client first makes its share of
     * every kind of call once, so that however short the soak, every RPC is called. What the calls create
     * (declarations, trucks in the queue, bookings, closures, drafts) is pooled for later calls to read, move, cancel
     * or inspect.
     */
    private final class Soak {
        final Tally tally = new Tally(code -> code == Status.Code.INTERNAL || code == Status.Code.UNKNOWN);
        final List<String> freshnessViolations = new CopyOnWriteArrayList<>();
        final AtomicInteger violationCount = new AtomicInteger();
        final AtomicInteger warmRouteAnswers = new AtomicInteger();

        private final Instant start = Instant.now();
        private final Instant end = start.plus(SOAK);
        private final AtomicLong serial = new AtomicLong();
        private final AtomicInteger activations = new AtomicInteger();
        private final Pool<Declared> declared = new Pool<>();
        private final Pool<Decision> decisions = new Pool<>();
        private final Pool<Decision> redDecisions = new Pool<>();
        private final Pool<Waiting> waiting = new Pool<>();
        private final Pool<String> trucks = new Pool<>();
        private final Pool<Booked> bookings = new Pool<>();
        private final Pool<String> bookingNames = new Pool<>();
        private final Pool<String> closures = new Pool<>();
        private final Pool<String> drafts = new Pool<>();

        private final List<Action> actions = List.of(
                new Action(10, this::readAStatus),
                new Action(5, this::readStatusesInABatch),
                new Action(3, this::forecastSomeWaits),
                new Action(3, this::watchSomeStatuses),
                new Action(2, this::readACheckpoint),
                new Action(2, this::listCheckpoints),
                new Action(5, this::reportAnArrival),
                new Action(3, this::reportATrucksProgress),
                new Action(4, this::readATruck),
                new Action(3, this::listTrucks),
                new Action(3, this::listSlots),
                new Action(4, this::bookASlot),
                new Action(2, this::rescheduleABooking),
                new Action(2, this::cancelABooking),
                new Action(2, this::readABooking),
                new Action(2, this::listBookings),
                new Action(1, this::setOpenLanes),
                new Action(1, this::scheduleAClosure),
                new Action(1, this::cancelAClosure),
                new Action(2, this::listClosures),
                new Action(2, this::listLaneSettings),
                new Action(1, this::setNominalCapacity),
                new Action(1, this::setBookingQuota),
                new Action(1, this::listVehicles),
                new Action(1, this::deregisterAVehicle),
                new Action(6, this::submitADeclaration),
                new Action(4, this::readADecision),
                new Action(2, this::listDecisions),
                new Action(3, this::assessADeclaration),
                new Action(2, this::recordAnInspectionResult),
                new Action(2, this::readARuleset),
                new Action(1, this::listRulesets),
                new Action(1, this::readRulePerformance),
                new Action(1, this::simulateARuleset),
                new Action(1, this::draftARuleset),
                new Action(8, this::findRoutes),
                new Action(1, this::listPlaces),
                new Action(1, this::listLegs),
                new Action(1, this::closeAndReopenALeg),
                new Action(2, this::readAnAuditTrail));
        private final int totalWeight =
                actions.stream().mapToInt(Action::weight).sum();

        void run() throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
            try {
                List<Future<Void>> running = new ArrayList<>();
                running.add(threads.submit(this::streamEvents));
                for (int i = 0; i < CLIENTS; i++) {
                    int client = i;
                    running.add(threads.submit(() -> client(client)));
                }
                for (Future<Void> one : running) {
                    one.get(SOAK.toSeconds() + 300, SECONDS);
                }
            } finally {
                threads.shutdownNow();
                threads.awaitTermination(30, SECONDS);
            }
        }

        private Void client(int index) throws InterruptedException {
            Random random = new Random(SEED + index);
            for (int i = index; i < actions.size(); i += CLIENTS) {
                actions.get(i).call().make(random);
            }
            while (Instant.now().isBefore(end)) {
                pick(random).call().make(random);
            }
            return null;
        }

        private Action pick(Random random) {
            int drawn = random.nextInt(totalWeight);
            for (Action action : actions) {
                drawn -= action.weight();
                if (drawn < 0) {
                    return action;
                }
            }
            throw new IllegalStateException("weights drawn beyond their sum");
        }

        /** The border post: one stream for the whole soak, trucks arriving and the waiting ones cleared. */
        private Void streamEvents() throws InterruptedException {
            Random random = new Random(SEED - 1);
            Map<String, CrossingEvent> unacknowledged = new ConcurrentHashMap<>();
            EventStream stream = EventStream.open(checkpointChannel, post, SOAK.plus(Duration.ofMinutes(3)), ack -> {
                tally.acknowledged("CheckpointService/StreamCrossingEvents", ack, false);
                CrossingEvent event = unacknowledged.remove(ack.getEventId());
                if (event != null) {
                    settled(event, ack, InspectionChannel.INSPECTION_CHANNEL_YELLOW);
                }
            });
            while (Instant.now().isBefore(end)) {
                Optional<Waiting> leaving = random.nextInt(3) == 0 ? waiting.take(random) : Optional.empty();
                CrossingEvent event = leaving.map(truck -> event(
                                truck.checkpoint(),
                                CrossingEventType.CROSSING_EVENT_TYPE_CLEARED,
                                Instant.now(),
                                truck.plate(),
                                ""))
                        .orElseGet(() -> event(
                                checkpointName(any(WRITTEN, random)),
                                CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                                Instant.now().minusSeconds(60 + random.nextInt(12 * 3600)),
                                plate("ST"),
                                ""));
                unacknowledged.put(event.getEventId(), event);
                if (!stream.send(event)) {
                    break;
                }
                Thread.sleep(STREAM_PAUSE_MILLIS);
            }
            stream.finish(tally, "CheckpointService/StreamCrossingEvents", Duration.ofSeconds(60));
            return null;
        }

        /** An accepted arrival joins the trucks waiting (to be cleared or inspected later) and the trucks read. */
        private void settled(CrossingEvent event, CrossingEventAck ack, InspectionChannel channel) {
            if (ack.getOutcome() == EventOutcome.EVENT_OUTCOME_ACCEPTED
                    && event.getType() == CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED) {
                waiting.add(new Waiting(event.getCheckpoint(), event.getTruck().getPlate(), channel, false));
                trucks.add(ack.getTruck().getName());
            }
        }

        private CrossingEvent event(
                String checkpoint, CrossingEventType type, Instant at, String plate, String declaration) {
            return MixedLoadSoakTest.event(nextId("soak-event"), checkpoint, type, at, plate, declaration);
        }

        // --- status and checkpoints

        private void readAStatus(Random random) {
            tally.call(
                    "CheckpointService/GetCheckpointStatus",
                    () -> checkpoints(platform)
                            .getCheckpointStatus(GetCheckpointStatusRequest.newBuilder()
                                    .setName(statusName(any(checkpointIds, random)))
                                    .build()));
        }

        private void readStatusesInABatch(Random random) {
            List<String> names = some(checkpointIds, 2 + random.nextInt(checkpointIds.size() - 1), random).stream()
                    .map(MixedLoadSoakTest::statusName)
                    .toList();
            tally.call(
                    "CheckpointService/BatchGetCheckpointStatuses",
                    () -> checkpoints(platform)
                            .batchGetCheckpointStatuses(BatchGetCheckpointStatusesRequest.newBuilder()
                                    .addAllNames(names)
                                    .build()));
        }

        private void forecastSomeWaits(Random random) {
            ForecastWaitsRequest.Builder request = ForecastWaitsRequest.newBuilder();
            Instant now = Instant.now();
            for (String id : some(checkpointIds, 1 + random.nextInt(checkpointIds.size()), random)) {
                request.addQueries(WaitQuery.newBuilder()
                        .setCheckpoint("checkpoints/" + id)
                        .setDirection(random.nextBoolean() ? Direction.DIRECTION_EXIT : Direction.DIRECTION_ENTRY)
                        .setArrivalTime(ProtoTimes.timestamp(now.plus(Duration.ofHours(random.nextInt(24 * 14))))));
            }
            tally.call(
                    "CheckpointService/ForecastWaits",
                    () -> checkpoints(platform).forecastWaits(request.build()));
        }

        private void watchSomeStatuses(Random random) throws InterruptedException {
            watchUntilTheFirstStatusOfEach(
                    tally,
                    some(checkpointIds, 1 + random.nextInt(checkpointIds.size()), random),
                    Duration.ofSeconds(20));
        }

        private void readACheckpoint(Random random) {
            String name = random.nextInt(10) == 0 ? "checkpoints/atlantis" : checkpointName(any(checkpointIds, random));
            tally.call(
                    "CheckpointService/GetCheckpoint",
                    () -> checkpoints(platform)
                            .getCheckpoint(GetCheckpointRequest.newBuilder()
                                    .setName(name)
                                    .build()));
        }

        private void listCheckpoints(Random random) {
            String border = any(List.of("", "KZ-RU", "RU-KZ", "KZ-CN", "RU-CN"), random);
            String page = "";
            do {
                String token = page;
                ListCheckpointsResponse response = tally.call(
                        "CheckpointService/ListCheckpoints",
                        () -> checkpoints(platform)
                                .listCheckpoints(ListCheckpointsRequest.newBuilder()
                                        .setPageSize(5)
                                        .setBorder(border)
                                        .setPageToken(token)
                                        .build()));
                page = response == null ? "" : response.getNextPageToken();
            } while (!page.isEmpty());
        }

        // --- trucks and their events

        /** A declared truck arrives with its declaration, or a truck without one when none is declared. */
        private void reportAnArrival(Random random) {
            Instant at = Instant.now().minusSeconds(10 + random.nextInt(1800));
            Optional<Declared> truck = declared.take(random);
            CrossingEvent arrival = truck.map(d -> event(
                            d.checkpoint(),
                            CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                            at,
                            d.plate(),
                            d.declaration()))
                    .orElseGet(() -> event(
                            checkpointName(any(WRITTEN, random)),
                            CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                            at,
                            plate("UA"),
                            ""));
            RecordCrossingEventResponse recorded = record(arrival);
            if (recorded != null) {
                settled(
                        arrival,
                        recorded.getAck(),
                        truck.map(Declared::inspectedIn).orElse(InspectionChannel.INSPECTION_CHANNEL_YELLOW));
            }
        }

        /** A waiting truck's inspection starts, or it is cleared. */
        private void reportATrucksProgress(Random random) {
            Optional<Waiting> next = waiting.take(random);
            if (next.isEmpty()) {
                reportAnArrival(random);
                return;
            }
            Waiting truck = next.get();
            boolean inspect = !truck.inInspection() && random.nextInt(3) == 0;
            CrossingEvent.Builder event = event(
                    truck.checkpoint(),
                    inspect
                            ? CrossingEventType.CROSSING_EVENT_TYPE_INSPECTION_STARTED
                            : CrossingEventType.CROSSING_EVENT_TYPE_CLEARED,
                    Instant.now(),
                    truck.plate(),
                    "")
                    .toBuilder();
            if (inspect) {
                event.setChannel(truck.inspectedIn());
            }
            if (record(event.build()) != null && inspect) {
                waiting.add(new Waiting(truck.checkpoint(), truck.plate(), truck.inspectedIn(), true));
            }
        }

        private RecordCrossingEventResponse record(CrossingEvent event) {
            return tally.call(
                    "CheckpointService/RecordCrossingEvent",
                    () -> checkpoints(post)
                            .recordCrossingEvent(RecordCrossingEventRequest.newBuilder()
                                    .setEvent(event)
                                    .build()));
        }

        private void readATruck(Random random) {
            String name = random.nextInt(10) == 0
                    ? "checkpoints/zhaisan/trucks/NOSUCH01"
                    : trucks.any(random).orElse("checkpoints/zhaisan/trucks/NOSUCH01");
            CallCredentials who = any(List.of(post, post, officer, carrier), random);
            tally.call(
                    "CheckpointService/GetTruck",
                    () -> checkpoints(who)
                            .getTruck(GetTruckRequest.newBuilder().setName(name).build()));
        }

        private void listTrucks(Random random) {
            CallCredentials who = any(List.of(post, officer, carrier), random);
            ListTrucksRequest.Builder request = ListTrucksRequest.newBuilder()
                    .setParent(checkpointName(any(WRITTEN, random)))
                    .setPageSize(20)
                    .setState(any(
                            List.of(
                                    TruckState.TRUCK_STATE_UNSPECIFIED,
                                    TruckState.TRUCK_STATE_WAITING,
                                    TruckState.TRUCK_STATE_BOOKED,
                                    TruckState.TRUCK_STATE_IN_INSPECTION),
                            random));
            ListTrucksResponse first = tally.call(
                    "CheckpointService/ListTrucks", () -> checkpoints(who).listTrucks(request.build()));
            if (first != null && !first.getNextPageToken().isEmpty() && random.nextBoolean()) {
                tally.call(
                        "CheckpointService/ListTrucks",
                        () -> checkpoints(who)
                                .listTrucks(request.setPageToken(first.getNextPageToken())
                                        .build()));
            }
        }

        // --- the electronic queue

        private void listSlots(Random random) {
            Instant now = Instant.now();
            tally.call(
                    "CheckpointService/ListSlots",
                    () -> checkpoints(any(List.of(carrier, platform), random))
                            .listSlots(ListSlotsRequest.newBuilder()
                                    .setParent(checkpointName(any(WRITTEN, random)))
                                    .setStartTime(ProtoTimes.timestamp(now))
                                    .setEndTime(ProtoTimes.timestamp(now.plus(Duration.ofDays(1 + random.nextInt(7)))))
                                    .build()));
        }

        private void bookASlot(Random random) {
            book(random).ifPresent(bookings::add);
        }

        /** The carrier registers a new vehicle of its fleet: its plate. */
        private String registerAVehicle() {
            String plate = plate("BK");
            tally.call(
                    "CheckpointService/RegisterVehicle",
                    () -> checkpoints(carrier)
                            .registerVehicle(RegisterVehicleRequest.newBuilder()
                                    .setParent("carriers/" + CARRIER_ID)
                                    .setVehicle(Vehicle.newBuilder().setPlate(plate))
                                    .build()));
            return plate;
        }

        private void listVehicles(Random random) {
            tally.call(
                    "CheckpointService/ListVehicles",
                    () -> checkpoints(carrier)
                            .listVehicles(ListVehiclesRequest.newBuilder()
                                    .setParent("carriers/" + CARRIER_ID)
                                    .setPageSize(1 + random.nextInt(50))
                                    .build()));
        }

        /** A truck sold: registered, then taken off the register before any booking. */
        private void deregisterAVehicle(Random random) {
            String plate = registerAVehicle();
            tally.call(
                    "CheckpointService/DeregisterVehicle",
                    () -> checkpoints(carrier)
                            .deregisterVehicle(DeregisterVehicleRequest.newBuilder()
                                    .setName("carriers/" + CARRIER_ID + "/vehicles/" + plate.replace(" ", ""))
                                    .setReason("soak: truck sold")
                                    .build()));
        }

        /** The border post sets a quota roomy enough for the soak's one carrier. */
        private void setBookingQuota(Random random) {
            tally.call(
                    "CheckpointService/SetBookingQuota",
                    () -> checkpoints(post)
                            .setBookingQuota(SetBookingQuotaRequest.newBuilder()
                                    .setCheckpoint(checkpointName(any(WRITTEN, random)))
                                    .setBookingsPerWindow(50 + random.nextInt(50))
                                    .setBookingsPerDay(1000)
                                    .setReason("soak: one carrier books for the whole fleet")
                                    .build()));
        }

        /** A carrier books a window with a slot left for a new truck: the booking, not pooled yet. */
        private Optional<Booked> book(Random random) {
            String checkpoint = checkpointName(any(WRITTEN, random));
            Optional<Instant> window = openWindow(checkpoint, null, random);
            if (window.isEmpty()) {
                return Optional.empty();
            }
            // a carrier books only the vehicles of its register
            String plate = registerAVehicle();
            BookSlotResponse booked = tally.call(
                    "CheckpointService/BookSlot",
                    () -> checkpoints(carrier)
                            .bookSlot(BookSlotRequest.newBuilder()
                                    .setParent(checkpoint)
                                    .setRequestId(nextId("soak-booking"))
                                    .setBooking(Booking.newBuilder()
                                            .setWindowStartTime(ProtoTimes.timestamp(window.get()))
                                            .setDirection(Direction.DIRECTION_EXIT)
                                            .setTruck(truck(plate)))
                                    .build()));
            if (booked == null) {
                return Optional.empty();
            }
            bookingNames.add(booked.getBooking().getName());
            trucks.add(booked.getBooking().getTruckVisit());
            return Optional.of(new Booked(booked.getBooking().getName(), checkpoint, window.get()));
        }

        /** A window of the next three days with a standard slot left, other than {@code not}, by ListSlots. */
        private Optional<Instant> openWindow(String checkpoint, Instant not, Random random) {
            Instant now = Instant.now();
            ListSlotsResponse slots = tally.call(
                    "CheckpointService/ListSlots",
                    () -> checkpoints(carrier)
                            .listSlots(ListSlotsRequest.newBuilder()
                                    .setParent(checkpoint)
                                    .setStartTime(ProtoTimes.timestamp(now.plus(Duration.ofHours(1))))
                                    .setEndTime(ProtoTimes.timestamp(now.plus(Duration.ofDays(3))))
                                    .build()));
            if (slots == null) {
                return Optional.empty();
            }
            List<Instant> open = slots.getWindowsList().stream()
                    .filter(w -> w.getClosedReason().isEmpty() && w.getAvailableStandard() > 0)
                    .map(SlotWindow::getStartTime)
                    .map(ProtoTimes::instant)
                    .filter(start -> start.isAfter(now.plus(Duration.ofMinutes(30))) && !start.equals(not))
                    .toList();
            return open.isEmpty() ? Optional.empty() : Optional.of(any(open, random));
        }

        private void rescheduleABooking(Random random) {
            Optional<Booked> booking = bookedOrBook(random);
            if (booking.isEmpty()) {
                return;
            }
            Booked booked = booking.get();
            Optional<Instant> window = openWindow(booked.checkpoint(), booked.window(), random);
            if (window.isEmpty()) {
                bookings.add(booked);
                return;
            }
            boolean moved = tally.call(
                            "CheckpointService/RescheduleBooking",
                            () -> checkpoints(carrier)
                                    .rescheduleBooking(RescheduleBookingRequest.newBuilder()
                                            .setName(booked.name())
                                            .setWindowStartTime(ProtoTimes.timestamp(window.get()))
                                            .build()))
                    != null;
            bookings.add(moved ? new Booked(booked.name(), booked.checkpoint(), window.get()) : booked);
        }

        private void cancelABooking(Random random) {
            Optional<Booked> booking = bookedOrBook(random);
            if (booking.isEmpty()) {
                return;
            }
            CancelBookingRequest cancel = CancelBookingRequest.newBuilder()
                    .setName(booking.get().name())
                    .setReason("soak: the load was not ready")
                    .build();
            int times = random.nextInt(4) == 0 ? 2 : 1;
            for (int i = 0; i < times; i++) {
                tally.call(
                        "CheckpointService/CancelBooking",
                        () -> checkpoints(carrier).cancelBooking(cancel));
            }
        }

        /** A booking of the pool, taken out of it; or a new one when the pool is empty. */
        private Optional<Booked> bookedOrBook(Random random) {
            return bookings.take(random).or(() -> book(random));
        }

        private void readABooking(Random random) {
            String unknown = "checkpoints/zhaisan/bookings/" + new UUID(random.nextLong(), random.nextLong());
            String name =
                    random.nextInt(10) == 0 ? unknown : bookingNames.any(random).orElse(unknown);
            tally.call(
                    "CheckpointService/GetBooking",
                    () -> checkpoints(any(List.of(carrier, carrier, post), random))
                            .getBooking(
                                    GetBookingRequest.newBuilder().setName(name).build()));
        }

        private void listBookings(Random random) {
            tally.call(
                    "CheckpointService/ListBookings",
                    () -> checkpoints(any(List.of(carrier, post), random))
                            .listBookings(ListBookingsRequest.newBuilder()
                                    .setParent(checkpointName(any(WRITTEN, random)))
                                    .setPageSize(20)
                                    .setState(any(
                                            List.of(
                                                    BookingState.BOOKING_STATE_UNSPECIFIED,
                                                    BookingState.BOOKING_STATE_BOOKED,
                                                    BookingState.BOOKING_STATE_CANCELLED),
                                            random))
                                    .build()));
        }

        // --- operations of the border post

        private void setOpenLanes(Random random) {
            String checkpoint = checkpointName(any(WRITTEN, random));
            ListLaneSettingsResponse lanes = tally.call(
                    "CheckpointService/ListLaneSettings",
                    () -> checkpoints(post)
                            .listLaneSettings(ListLaneSettingsRequest.newBuilder()
                                    .setParent(checkpoint)
                                    .build()));
            if (lanes == null || lanes.getLanesCount() == 0) {
                return;
            }
            LaneSetting lane = any(lanes.getLanesList(), random);
            int open = 1 + random.nextInt(Math.max(1, lane.getMaximum()));
            tally.call(
                    "CheckpointService/SetOpenLanes",
                    () -> checkpoints(post)
                            .setOpenLanes(SetOpenLanesRequest.newBuilder()
                                    .setCheckpoint(checkpoint)
                                    .setKind(lane.getKind())
                                    .setOpen(open)
                                    .setReason("soak: lanes as staffed this shift")
                                    .build()));
        }

        private void scheduleAClosure(Random random) {
            closure(random).ifPresent(closures::add);
        }

        /** A closure three to four weeks ahead, beyond the booking horizon so that no booking meets it; not pooled. */
        private Optional<String> closure(Random random) {
            Instant start = Instant.now()
                    .truncatedTo(ChronoUnit.HOURS)
                    .plus(Duration.ofDays(20 + random.nextInt(7)))
                    .plus(Duration.ofHours(random.nextInt(24)));
            ScheduleClosureResponse scheduled = tally.call(
                    "CheckpointService/ScheduleClosure",
                    () -> checkpoints(post)
                            .scheduleClosure(ScheduleClosureRequest.newBuilder()
                                    .setParent(checkpointName(any(WRITTEN, random)))
                                    .setRequestId(nextId("soak-closure"))
                                    .setClosure(Closure.newBuilder()
                                            .setStartTime(ProtoTimes.timestamp(start))
                                            .setEndTime(ProtoTimes.timestamp(
                                                    start.plus(Duration.ofHours(2 + random.nextInt(5)))))
                                            .setReason("soak: resurfacing of the inspection area"))
                                    .build()));
            return Optional.ofNullable(scheduled).map(s -> s.getClosure().getName());
        }

        private void cancelAClosure(Random random) {
            Optional<String> closure = closures.take(random).or(() -> closure(random));
            if (closure.isEmpty()) {
                return;
            }
            CancelClosureRequest cancel =
                    CancelClosureRequest.newBuilder().setName(closure.get()).build();
            int times = random.nextInt(4) == 0 ? 2 : 1;
            for (int i = 0; i < times; i++) {
                tally.call(
                        "CheckpointService/CancelClosure",
                        () -> checkpoints(post).cancelClosure(cancel));
            }
        }

        private void listClosures(Random random) {
            tally.call(
                    "CheckpointService/ListClosures",
                    () -> checkpoints(platform)
                            .listClosures(ListClosuresRequest.newBuilder()
                                    .setParent(checkpointName(any(checkpointIds, random)))
                                    .build()));
        }

        private void listLaneSettings(Random random) {
            tally.call(
                    "CheckpointService/ListLaneSettings",
                    () -> checkpoints(platform)
                            .listLaneSettings(ListLaneSettingsRequest.newBuilder()
                                    .setParent(checkpointName(any(checkpointIds, random)))
                                    .build()));
        }

        private void setNominalCapacity(Random random) {
            tally.call(
                    "CheckpointService/SetNominalCapacity",
                    () -> checkpoints(post)
                            .setNominalCapacity(SetNominalCapacityRequest.newBuilder()
                                    .setCheckpoint(checkpointName(any(WRITTEN, random)))
                                    .setVehiclesPerDay(200 + random.nextInt(1300))
                                    .setReason("soak: the other side's pace this week")
                                    .build()));
        }

        // --- declarations and decisions

        private void submitADeclaration(Random random) {
            String checkpoint = checkpointName(any(WRITTEN, random));
            String plate = plate("SD");
            Declaration declaration = random.nextInt(5) < 2 ? chips(checkpoint, plate) : garments(checkpoint, plate);
            SubmitDeclarationResponse submitted = tally.call(
                    "InspectionService/SubmitDeclaration",
                    () -> inspection(officer)
                            .submitDeclaration(SubmitDeclarationRequest.newBuilder()
                                    .setRequestId(nextId("soak-declaration"))
                                    .setDeclaration(declaration)
                                    .build()));
            if (submitted == null) {
                return;
            }
            Decision decision = submitted.getDecision();
            decisions.add(decision);
            InspectionChannel inspectedIn = decision.getChannel() == Channel.CHANNEL_RED
                    ? InspectionChannel.INSPECTION_CHANNEL_RED
                    : InspectionChannel.INSPECTION_CHANNEL_YELLOW;
            declared.add(new Declared(submitted.getDeclaration().getName(), checkpoint, plate, inspectedIn));
            if (decision.getChannel() == Channel.CHANNEL_RED) {
                redDecisions.add(decision);
            }
        }

        private void readADecision(Random random) {
            String unknown = "declarations/" + new UUID(random.nextLong(), random.nextLong()) + "/decision";
            String name = random.nextInt(10) == 0
                    ? unknown
                    : decisions.any(random).map(Decision::getName).orElse(unknown);
            tally.call(
                    "InspectionService/GetDecision",
                    () -> inspection(any(List.of(officer, officer, carrier), random))
                            .getDecision(GetDecisionRequest.newBuilder()
                                    .setName(name)
                                    .build()));
        }

        private void listDecisions(Random random) {
            ListDecisionsRequest.Builder request = ListDecisionsRequest.newBuilder()
                    .setPageSize(20)
                    .setStartTime(ProtoTimes.timestamp(Instant.now().minus(Duration.ofHours(1))));
            if (random.nextBoolean()) {
                request.setCheckpoint(checkpointName(any(WRITTEN, random)));
            }
            if (random.nextBoolean()) {
                request.setChannel(
                        any(List.of(Channel.CHANNEL_GREEN, Channel.CHANNEL_YELLOW, Channel.CHANNEL_RED), random));
            }
            tally.call(
                    "InspectionService/ListDecisions", () -> inspection(officer).listDecisions(request.build()));
        }

        /** A cargo assessed as routing-service would, hypothetical or a stored declaration at another crossing. */
        private void assessADeclaration(Random random) {
            AssessDeclarationRequest.Builder request = AssessDeclarationRequest.newBuilder();
            Optional<Decision> stored = random.nextInt(5) < 2 ? decisions.any(random) : Optional.empty();
            if (stored.isPresent()) {
                request.setStoredDeclaration(declarationOf(stored.get()))
                        .setCheckpoint(checkpointName(any(WRITTEN, random)));
            } else {
                String checkpoint = checkpointName(any(WRITTEN, random));
                request.setDeclaration(
                        random.nextBoolean() ? chips(checkpoint, "AS 0001") : garments(checkpoint, "AS 0001"));
            }
            tally.call(
                    "InspectionService/AssessDeclaration",
                    () -> inspection(any(List.of(officer, analyst), random)).assessDeclaration(request.build()));
        }

        /** What a red inspection found, once per decision; now and then recorded twice (refused the second time). */
        private void recordAnInspectionResult(Random random) {
            Optional<Decision> red = redDecisions.take(random);
            if (red.isEmpty()) {
                submitADeclaration(random);
                red = redDecisions.take(random);
            }
            if (red.isEmpty()) {
                return;
            }
            Decision decision = red.get();
            boolean found = decision.getReasonsCount() > 0 && random.nextBoolean();
            RecordInspectionResultRequest result = RecordInspectionResultRequest.newBuilder()
                    .setDecision(decision.getName())
                    .setOutcome(
                            found
                                    ? InspectionOutcome.INSPECTION_OUTCOME_MISDECLARED_GOODS
                                    : InspectionOutcome.INSPECTION_OUTCOME_NO_FINDING)
                    .addAllConfirmedRuleIds(
                            found ? List.of(decision.getReasons(0).getRuleId()) : List.of())
                    .setNotes(found ? "soak: unloaded, goods not as declared" : "soak: unloaded, as declared")
                    .build();
            int times = random.nextInt(5) == 0 ? 2 : 1;
            for (int i = 0; i < times; i++) {
                tally.call(
                        "InspectionService/RecordInspectionResult",
                        () -> inspection(officer).recordInspectionResult(result));
            }
        }

        // --- rulesets

        private void readARuleset(Random random) {
            String name = random.nextBoolean()
                    ? "rulesets/active"
                    : drafts.any(random).orElse("rulesets/1");
            tally.call(
                    "InspectionService/GetRuleset",
                    () -> inspection(any(List.of(analyst, officer, auditor), random))
                            .getRuleset(
                                    GetRulesetRequest.newBuilder().setName(name).build()));
        }

        private void listRulesets(Random random) {
            tally.call(
                    "InspectionService/ListRulesets",
                    () -> inspection(any(List.of(analyst, officer, auditor), random))
                            .listRulesets(ListRulesetsRequest.newBuilder()
                                    .setPageSize(5)
                                    .build()));
        }

        private void readRulePerformance(Random random) {
            Instant now = Instant.now();
            tally.call(
                    "InspectionService/GetRulePerformance",
                    () -> inspection(analyst)
                            .getRulePerformance(GetRulePerformanceRequest.newBuilder()
                                    .setStartTime(
                                            ProtoTimes.timestamp(now.minus(Duration.ofDays(1 + random.nextInt(7)))))
                                    .setEndTime(ProtoTimes.timestamp(now.plus(Duration.ofMinutes(1))))
                                    .build()));
        }

        /** The last day's declarations replayed through a draft (or version 1): sparingly, it reads them all. */
        private void simulateARuleset(Random random) {
            Instant now = Instant.now();
            SimulateRulesetRequest.Builder request = SimulateRulesetRequest.newBuilder()
                    .setRulesetName(drafts.any(random).orElse("rulesets/1"))
                    .setStartTime(ProtoTimes.timestamp(now.minus(Duration.ofDays(1))))
                    .setEndTime(ProtoTimes.timestamp(now));
            if (random.nextBoolean()) {
                request.setCheckpoint(checkpointName("zhaisan"));
            }
            tally.call(
                    "InspectionService/SimulateRuleset",
                    () -> inspection(analyst).simulateRuleset(request.build()));
        }

        /**
         * A risk analyst drafts a copy of the active ruleset; the first draft, and now and then another (at most
         * {@link #MAX_ACTIVATIONS} in all), is activated, so that declarations are decided under a new version midway.
         */
        private void draftARuleset(Random random) {
            GetRulesetResponse active = tally.call(
                    "InspectionService/GetRuleset",
                    () -> inspection(analyst)
                            .getRuleset(GetRulesetRequest.newBuilder()
                                    .setName("rulesets/active")
                                    .build()));
            if (active == null) {
                return;
            }
            Ruleset.Builder copy = active.getRuleset().toBuilder()
                    .clearName()
                    .clearVersion()
                    .clearState()
                    .clearCreateTime()
                    .clearActivateTime()
                    .setDisplayName("Soak copy " + serial.incrementAndGet());
            CreateRulesetResponse draft = tally.call(
                    "InspectionService/CreateRuleset",
                    () -> inspection(analyst)
                            .createRuleset(CreateRulesetRequest.newBuilder()
                                    .setRequestId(nextId("soak-ruleset"))
                                    .setRuleset(copy)
                                    .build()));
            if (draft == null) {
                return;
            }
            String name = draft.getRuleset().getName();
            drafts.add(name);
            int done = activations.get();
            if (done < MAX_ACTIVATIONS
                    && (done == 0 || random.nextInt(4) == 0)
                    && activations.compareAndSet(done, done + 1)) {
                tally.call(
                        "InspectionService/ActivateRuleset",
                        () -> inspection(analyst)
                                .activateRuleset(ActivateRulesetRequest.newBuilder()
                                        .setName(name)
                                        .build()));
            }
        }

        // --- routes and the network

        /** Urumqi to Moscow, for a cargo or a stored declaration; each answer's freshness labels checked. */
        private void findRoutes(Random random) {
            FindRoutesRequest.Builder search = FindRoutesRequest.newBuilder()
                    .setOrigin("places/urumqi")
                    .setDestination("places/moscow")
                    .setObjective(any(
                            List.of(
                                    Objective.OBJECTIVE_FASTEST,
                                    Objective.OBJECTIVE_CHEAPEST,
                                    Objective.OBJECTIVE_LEAST_RISK),
                            random))
                    .setConstraints(RouteConstraints.newBuilder().setMaxAlternatives(1 + random.nextInt(5)));
            Optional<Decision> stored = random.nextInt(4) == 0 ? decisions.any(random) : Optional.empty();
            if (stored.isPresent()) {
                search.setDeclaration(declarationOf(stored.get()));
            } else {
                String zhaisan = checkpointName("zhaisan");
                search.setCargo(cargo(random.nextBoolean() ? chips(zhaisan, "RT 0001") : garments(zhaisan, "RT 0001")));
            }
            FindRoutesResponse found = tally.call(
                    "RoutingService/FindRoutes",
                    () -> routing(any(List.of(platform, platform, platform, carrier), random))
                            .findRoutes(search.build()));
            if (found != null) {
                checkFreshness(found);
            }
        }

        /**
         * A crossing labelled LIVE carries the age of its figure (route.proto: `wait_age` unset only for NOMINAL and
         * UNKNOWN, `calendar_age` only for UNKNOWN); once warm, every crossing's calendar is LIVE.
         */
        private void checkFreshness(FindRoutesResponse found) {
            Duration into = Duration.between(start, Instant.now());
            boolean warm = into.compareTo(WARM_AFTER) >= 0;
            if (warm) {
                warmRouteAnswers.incrementAndGet();
            }
            for (Route route : found.getRoutesList()) {
                for (BorderCrossing crossing : route.getCrossingsList()) {
                    if (crossing.getWaitFreshness() == DataFreshness.DATA_FRESHNESS_LIVE && !crossing.hasWaitAge()) {
                        freshnessViolation(into, route, crossing, "wait LIVE without wait_age", found);
                    }
                    if (crossing.getCalendarFreshness() == DataFreshness.DATA_FRESHNESS_LIVE
                            && !crossing.hasCalendarAge()) {
                        freshnessViolation(into, route, crossing, "calendar LIVE without calendar_age", found);
                    }
                    if (warm && crossing.getCalendarFreshness() != DataFreshness.DATA_FRESHNESS_LIVE) {
                        freshnessViolation(
                                into,
                                route,
                                crossing,
                                "calendar " + crossing.getCalendarFreshness() + " once warm",
                                found);
                    }
                }
            }
        }

        private void freshnessViolation(
                Duration into, Route route, BorderCrossing crossing, String what, FindRoutesResponse found) {
            if (violationCount.incrementAndGet() <= 50) {
                freshnessViolations.add("t+%ds route %d (%s) %s: %s; border data %s"
                        .formatted(
                                into.toSeconds(),
                                route.getRank(),
                                route.getLabel(),
                                crossing.getCheckpoint(),
                                what,
                                coverage(found.getBorderData())));
            }
        }

        private void listPlaces(Random random) {
            String country = any(List.of("", "KZ", "RU", "CN"), random);
            String page = "";
            for (int pages = 0; pages < 3; pages++) {
                String token = page;
                ListPlacesResponse response = tally.call(
                        "RoutingService/ListPlaces",
                        () -> routing(platform)
                                .listPlaces(ListPlacesRequest.newBuilder()
                                        .setPageSize(20)
                                        .setCountryCode(country)
                                        .setPageToken(token)
                                        .build()));
                page = response == null ? "" : response.getNextPageToken();
                if (page.isEmpty()) {
                    return;
                }
            }
        }

        private void listLegs(Random random) {
            String place = any(List.of("places/zhaisan", "places/urumqi", "places/aktau", "places/moscow"), random);
            tally.call(
                    "RoutingService/ListLegs",
                    () -> routing(platform)
                            .listLegs(ListLegsRequest.newBuilder()
                                    .setPlace(place)
                                    .setPageSize(20)
                                    .build()));
        }

        private void closeAndReopenALeg(Random random) {
            tally.call(
                    "RoutingService/CloseLeg",
                    () -> routing(networkOperator)
                            .closeLeg(CloseLegRequest.newBuilder()
                                    .setName(QUIET_LEG)
                                    .setReason("soak: roadworks for an hour")
                                    .build()));
            tally.call(
                    "RoutingService/ReopenLeg",
                    () -> routing(networkOperator)
                            .reopenLeg(ReopenLegRequest.newBuilder()
                                    .setName(QUIET_LEG)
                                    .build()));
        }

        // --- audit

        private void readAnAuditTrail(Random random) {
            String subject = random.nextInt(3) == 0 ? "soak-post" : "";
            switch (random.nextInt(3)) {
                case 0 ->
                    tally.call(
                            "CheckpointService/ListAuditRecords",
                            () -> checkpoints(auditor)
                                    .listAuditRecords(
                                            io.borderflow.api.checkpoint.v1.ListAuditRecordsRequest.newBuilder()
                                                    .setPageSize(20)
                                                    .setSubject(subject)
                                                    .build()));
                case 1 ->
                    tally.call(
                            "InspectionService/ListAuditRecords",
                            () -> inspection(auditor)
                                    .listAuditRecords(
                                            io.borderflow.api.inspection.v1.ListAuditRecordsRequest.newBuilder()
                                                    .setPageSize(20)
                                                    .build()));
                default ->
                    tally.call(
                            "RoutingService/ListAuditRecords",
                            () -> routing(auditor)
                                    .listAuditRecords(io.borderflow.api.routing.v1.ListAuditRecordsRequest.newBuilder()
                                            .setPageSize(20)
                                            .build()));
            }
        }

        private String nextId(String prefix) {
            return "%s-%07d".formatted(prefix, serial.incrementAndGet());
        }

        /** A plate no other truck of the run has: two letters and six digits. */
        private String plate(String prefix) {
            return "%s %06d".formatted(prefix, serial.incrementAndGet());
        }
    }

    /** One kind of call of the soak, drawn with its weight. */
    private record Action(int weight, Call call) {}

    @FunctionalInterface
    private interface Call {
        void make(Random random) throws InterruptedException;
    }

    /** A declaration submitted, its truck not arrived yet; inspected in RED if so decided, else documentary. */
    private record Declared(String declaration, String checkpoint, String plate, InspectionChannel inspectedIn) {}

    /** A truck in the queue: arrived, perhaps in inspection, not cleared. */
    private record Waiting(String checkpoint, String plate, InspectionChannel inspectedIn, boolean inInspection) {}

    /** A booking that holds its slot, as the soak knows it. */
    private record Booked(String name, String checkpoint, Instant window) {}

    /** Things made during the soak that later calls read, move, cancel or inspect; shared by the clients. */
    private static final class Pool<T> {
        private final List<T> items = new ArrayList<>();

        synchronized void add(T item) {
            items.add(item);
        }

        synchronized Optional<T> any(Random random) {
            return items.isEmpty() ? Optional.empty() : Optional.of(items.get(random.nextInt(items.size())));
        }

        /** One item, out of the pool: no other client acts on it meanwhile. */
        synchronized Optional<T> take(Random random) {
            if (items.isEmpty()) {
                return Optional.empty();
            }
            int drawn = random.nextInt(items.size());
            Collections.swap(items, drawn, items.size() - 1);
            return Optional.of(items.remove(items.size() - 1));
        }
    }

    /** Each RPC's outcomes and slowest answer, and the calls that answered what the test forbids. */
    private static final class Tally {
        private final Predicate<Status.Code> forbidden;
        private final Instant start = Instant.now();
        private final Map<String, Map<String, AtomicInteger>> outcomes = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> slowestMillis = new ConcurrentHashMap<>();
        private final List<String> offenders = new CopyOnWriteArrayList<>();

        Tally(Predicate<Status.Code> forbidden) {
            this.forbidden = forbidden;
        }

        /** Makes a unary call: its answer, or null when it answered an error (counted, and kept when forbidden). */
        <T> T call(String rpc, Supplier<T> call) {
            long started = System.nanoTime();
            try {
                T response = call.get();
                record(rpc, Status.OK, started);
                return response;
            } catch (StatusRuntimeException e) {
                record(rpc, e.getStatus(), started);
                return null;
            }
        }

        void record(String rpc, Status status, long startedNanos) {
            count(rpc, status.getCode().name());
            slowestMillis
                    .computeIfAbsent(rpc, r -> new AtomicLong())
                    .accumulateAndGet((System.nanoTime() - startedNanos) / 1_000_000, Math::max);
            if (forbidden.test(status.getCode())) {
                offenders.add("t+%ds %s: %s %s".formatted(since(), rpc, status.getCode(), status.getDescription()));
            }
        }

        /** An event's acknowledgement on a stream; a refused or duplicate one is kept if {@code refusalsForbidden}. */
        void acknowledged(String rpc, CrossingEventAck ack, boolean refusalsForbidden) {
            String outcome = switch (ack.getOutcome()) {
                case EVENT_OUTCOME_ACCEPTED -> "OK";
                case EVENT_OUTCOME_REJECTED -> "REJECTED " + ack.getReason();
                default -> ack.getOutcome().name();
            };
            count(rpc + " (events)", outcome);
            if (refusalsForbidden && !outcome.equals("OK")) {
                offenders.add("t+%ds %s: event %s %s %s"
                        .formatted(since(), rpc, ack.getEventId(), outcome, ack.getDescription()));
            }
        }

        List<String> offenders() {
            return List.copyOf(offenders);
        }

        /** The RPCs among {@code rpcs} called fewer than {@link #MIN_CALLS} times (or their {@link #FEWER_CALLS}). */
        List<String> rarelyCalled(List<String> rpcs) {
            return rpcs.stream()
                    .filter(rpc -> calls(rpc) < FEWER_CALLS.getOrDefault(rpc, MIN_CALLS))
                    .map(rpc -> rpc + ": " + calls(rpc) + " calls")
                    .toList();
        }

        int calls(String rpc) {
            return outcomes.getOrDefault(rpc, Map.of()).values().stream()
                    .mapToInt(AtomicInteger::get)
                    .sum();
        }

        /** One line per RPC: calls, those answered OK, the others by code (or event outcome), the slowest answer. */
        String summary(String title) {
            StringBuilder text = new StringBuilder(title).append(":\n");
            new TreeMap<>(outcomes).forEach((rpc, byOutcome) -> {
                Map<String, Integer> refused = new TreeMap<>();
                byOutcome.forEach((outcome, n) -> {
                    if (!outcome.equals("OK")) {
                        refused.put(outcome, n.get());
                    }
                });
                AtomicInteger ok = byOutcome.getOrDefault("OK", new AtomicInteger());
                AtomicLong slowest = slowestMillis.get(rpc);
                text.append("  %-52s %6d calls %6d OK  refused %s%s%n"
                        .formatted(
                                rpc,
                                calls(rpc),
                                ok.get(),
                                refused,
                                slowest == null ? "" : "  slowest " + slowest.get() + " ms"));
            });
            return text.toString();
        }

        private void count(String rpc, String outcome) {
            outcomes.computeIfAbsent(rpc, r -> new ConcurrentHashMap<>())
                    .computeIfAbsent(outcome, o -> new AtomicInteger())
                    .incrementAndGet();
        }

        private long since() {
            return Duration.between(start, Instant.now()).toSeconds();
        }
    }

    /** A StreamCrossingEvents call: events sent with at most {@link #IN_FLIGHT} unacknowledged, each ack handed on. */
    private static final class EventStream implements StreamObserver<StreamCrossingEventsResponse> {
        private static final int IN_FLIGHT = 200;
        private final Semaphore window = new Semaphore(IN_FLIGHT);
        private final CountDownLatch ended = new CountDownLatch(1);
        private final Consumer<CrossingEventAck> onAck;
        private final long openedNanos = System.nanoTime();
        private volatile Status status;
        private StreamObserver<StreamCrossingEventsRequest> requests;

        private EventStream(Consumer<CrossingEventAck> onAck) {
            this.onAck = onAck;
        }

        static EventStream open(
                ManagedChannel channel, CallCredentials who, Duration deadline, Consumer<CrossingEventAck> onAck) {
            EventStream stream = new EventStream(onAck);
            stream.requests = CheckpointServiceGrpc.newStub(channel)
                    .withCallCredentials(who)
                    .withDeadlineAfter(deadline.toMillis(), MILLISECONDS)
                    .streamCrossingEvents(stream);
            return stream;
        }

        /** Sends an event once fewer than {@link #IN_FLIGHT} wait for their ack; false when the stream has ended. */
        boolean send(CrossingEvent event) throws InterruptedException {
            while (!window.tryAcquire(1, SECONDS)) {
                if (status != null) {
                    return false;
                }
            }
            if (status != null) {
                return false;
            }
            requests.onNext(
                    StreamCrossingEventsRequest.newBuilder().setEvent(event).build());
            return true;
        }

        /** Ends the stream and waits for its last acknowledgement; records how it ended. */
        void finish(Tally tally, String rpc, Duration atMost) throws InterruptedException {
            if (status == null) {
                requests.onCompleted();
            }
            Status end = ended.await(atMost.toMillis(), MILLISECONDS)
                    ? status
                    : Status.DEADLINE_EXCEEDED.withDescription(
                            "the stream did not end within " + atMost.toSeconds() + " s of its last event");
            tally.record(rpc, end, openedNanos);
        }

        @Override
        public void onNext(StreamCrossingEventsResponse response) {
            onAck.accept(response.getAck());
            window.release();
        }

        @Override
        public void onError(Throwable t) {
            status = Status.fromThrowable(t);
            window.release(IN_FLIGHT);
            ended.countDown();
        }

        @Override
        public void onCompleted() {
            status = Status.OK;
            ended.countDown();
        }
    }

    /**
     * The backlog of one round: at each road crossing, on its own stream as its border post would send it, 200 trucks
     * arrived over the last day and still waiting, and 10 arrived and cleared; every event must be accepted.
     */
    private void loadABacklog(int round, Tally tally) throws InterruptedException {
        Instant now = Instant.now();
        Map<EventStream, List<CrossingEvent>> posts = new LinkedHashMap<>();
        for (String id : KZ_RU_ROAD) {
            EventStream stream = EventStream.open(
                    checkpointChannel,
                    post,
                    Duration.ofSeconds(180),
                    ack -> tally.acknowledged("CheckpointService/StreamCrossingEvents", ack, true));
            posts.put(stream, backlog(id, KZ_RU_ROAD.indexOf(id), round, now));
        }
        int longest = posts.values().stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (Map.Entry<EventStream, List<CrossingEvent>> events : posts.entrySet()) {
                if (i < events.getValue().size()) {
                    events.getKey().send(events.getValue().get(i));
                }
            }
        }
        for (EventStream stream : posts.keySet()) {
            stream.finish(tally, "CheckpointService/StreamCrossingEvents", Duration.ofSeconds(120));
        }
    }

    private static List<CrossingEvent> backlog(String checkpointId, int crossing, int round, Instant now) {
        String checkpoint = checkpointName(checkpointId);
        String tag = "load-%s-r%d".formatted(checkpointId, round);
        List<CrossingEvent> events = new ArrayList<>();
        for (int i = 0; i < CLEARED_PER_ROUND; i++) {
            Instant arrived = now.minus(Duration.ofHours(20)).plus(Duration.ofMinutes(30L * i));
            String plate = "C%d%d %04d".formatted(crossing, round, i);
            events.add(event(
                    tag + "-a" + i, checkpoint, CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED, arrived, plate, ""));
            events.add(event(
                    tag + "-c" + i,
                    checkpoint,
                    CrossingEventType.CROSSING_EVENT_TYPE_CLEARED,
                    arrived.plus(Duration.ofHours(6)),
                    plate,
                    ""));
        }
        Instant from = now.minus(Duration.ofDays(1));
        for (int i = 0; i < WAITING_PER_ROUND; i++) {
            Instant arrived = from.plusSeconds(86_400L * i / WAITING_PER_ROUND + round);
            events.add(event(
                    tag + "-w" + i,
                    checkpoint,
                    CrossingEventType.CROSSING_EVENT_TYPE_ARRIVED,
                    arrived,
                    "W%d%d %04d".formatted(crossing, round, i),
                    ""));
        }
        return events;
    }

    /**
     * WatchCheckpointStatus of the checkpoints as a freight platform, until each has sent its first status, then
     * cancelled. Recorded OK; or the status the stream failed with; or DEADLINE_EXCEEDED when a first status did not
     * come within {@code atMost}; or UNKNOWN when the server ended the watch by itself before that.
     */
    private void watchUntilTheFirstStatusOfEach(Tally tally, List<String> ids, Duration atMost)
            throws InterruptedException {
        long started = System.nanoTime();
        Set<String> awaited = new LinkedHashSet<>();
        ids.forEach(id -> awaited.add(statusName(id)));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch settled = new CountDownLatch(1);
        AtomicReference<Status> failed = new AtomicReference<>();
        AtomicReference<ClientCallStreamObserver<WatchCheckpointStatusRequest>> call = new AtomicReference<>();
        CheckpointServiceGrpc.newStub(checkpointChannel)
                .withCallCredentials(platform)
                .withDeadlineAfter(atMost.plusSeconds(10).toMillis(), MILLISECONDS)
                .watchCheckpointStatus(
                        WatchCheckpointStatusRequest.newBuilder()
                                .addAllNames(awaited)
                                .setHeartbeatInterval(com.google.protobuf.Duration.newBuilder()
                                        .setSeconds(5))
                                .build(),
                        new ClientResponseObserver<WatchCheckpointStatusRequest, WatchCheckpointStatusResponse>() {
                            @Override
                            public void beforeStart(ClientCallStreamObserver<WatchCheckpointStatusRequest> stream) {
                                call.set(stream);
                            }

                            @Override
                            public void onNext(WatchCheckpointStatusResponse update) {
                                if (update.hasStatus()
                                        && seen.add(update.getStatus().getName())
                                        && seen.containsAll(awaited)) {
                                    settled.countDown();
                                }
                            }

                            @Override
                            public void onError(Throwable t) {
                                failed.compareAndSet(null, Status.fromThrowable(t));
                                settled.countDown();
                            }

                            @Override
                            public void onCompleted() {
                                failed.compareAndSet(
                                        null,
                                        Status.UNKNOWN.withDescription("the watch ended by itself with " + seen.size()
                                                + " of " + awaited.size() + " first statuses"));
                                settled.countDown();
                            }
                        });
        boolean inTime = settled.await(atMost.toMillis(), MILLISECONDS);
        Status failure = failed.get();
        call.get().cancel("seen the first status of each", null);
        Status outcome = failure != null
                ? failure
                : inTime
                        ? Status.OK
                        : Status.DEADLINE_EXCEEDED.withDescription("first statuses of %d of %d checkpoints in %d s"
                                .formatted(seen.size(), awaited.size(), atMost.toSeconds()));
        tally.record("CheckpointService/WatchCheckpointStatus", outcome, started);
    }

    /** How far each service's log has been written, to read what is logged from then on. */
    private Map<String, Long> logSizes() throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (SuiteSettings.Service service : suite.settings().services()) {
            sizes.put(service.name(), Files.size(suite.log(service.name())));
        }
        return sizes;
    }

    /**
     * The lines logged at SEVERE or ERROR since {@code sizes} (the services' format is {@code HH:mm:ss.SSS LEVEL
     * [category] message}), each with the three lines after it: the start of its stack trace, if any.
     */
    private List<String> errorsLoggedSince(Map<String, Long> sizes) throws IOException {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Long> mark : sizes.entrySet()) {
            List<String> lines;
            try (SeekableByteChannel log = Files.newByteChannel(suite.log(mark.getKey()))) {
                log.position(mark.getValue());
                lines = new String(Channels.newInputStream(log).readAllBytes(), UTF_8)
                        .lines()
                        .toList();
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(" SEVERE ") || lines.get(i).contains(" ERROR ")) {
                    errors.add(mark.getKey() + ": "
                            + String.join("\n      ", lines.subList(i, Math.min(lines.size(), i + 4))));
                }
            }
        }
        return errors;
    }

    private List<String> deadServices() {
        return suite.processes().entrySet().stream()
                .filter(p -> !p.getValue().isAlive())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Every RPC of the three services, as {@code Service/Method}, from the generated descriptors. */
    private static List<String> everyRpc() {
        return Stream.of(
                        CheckpointServiceGrpc.getServiceDescriptor(),
                        InspectionServiceGrpc.getServiceDescriptor(),
                        RoutingServiceGrpc.getServiceDescriptor())
                .flatMap(service -> service.getMethods().stream())
                .map(MethodDescriptor::getFullMethodName)
                .map(name -> name.substring(name.lastIndexOf('.') + 1))
                .sorted()
                .toList();
    }

    private CheckpointServiceBlockingStub checkpoints(CallCredentials who) {
        return CheckpointServiceGrpc.newBlockingStub(checkpointChannel)
                .withCallCredentials(who)
                .withDeadlineAfter(DEADLINE_SECONDS, SECONDS);
    }

    private InspectionServiceBlockingStub inspection(CallCredentials who) {
        return InspectionServiceGrpc.newBlockingStub(inspectionChannel)
                .withCallCredentials(who)
                .withDeadlineAfter(DEADLINE_SECONDS, SECONDS);
    }

    private RoutingServiceBlockingStub routing(CallCredentials who) {
        return RoutingServiceGrpc.newBlockingStub(routingChannel)
                .withCallCredentials(who)
                .withDeadlineAfter(DEADLINE_SECONDS, SECONDS);
    }

    private static CrossingEvent event(
            String id, String checkpoint, CrossingEventType type, Instant at, String plate, String declaration) {
        return CrossingEvent.newBuilder()
                .setEventId(id)
                .setCheckpoint(checkpoint)
                .setType(type)
                .setOccurTime(ProtoTimes.timestamp(at))
                .setDirection(Direction.DIRECTION_EXIT)
                .setTruck(truck(plate))
                .setDeclaration(declaration)
                .build();
    }

    private static Truck truck(String plate) {
        return Truck.newBuilder().setPlate(plate).setCarrierId(CARRIER_ID).build();
    }

    /** Integrated circuits (HS 8542 31, CHPL tier 1) from China through Kazakhstan to Russia. */
    private static Declaration chips(String checkpoint, String plate) {
        return declaration(
                GoodsLine.newBuilder()
                        .setHsCode("8542310000")
                        .setDescription("Processors")
                        .setQuantity(1000)
                        .setQuantityUnit("pcs")
                        .setNetWeightKg(120)
                        .setCustomsValue(250000)
                        .setCurrency("USD")
                        .setOriginCountryCode("CN")
                        .build(),
                "Shenzhen Components",
                checkpoint,
                plate);
    }

    /** Cotton trousers on the same way: nothing on any list. */
    private static Declaration garments(String checkpoint, String plate) {
        return declaration(
                GoodsLine.newBuilder()
                        .setHsCode("6203420000")
                        .setDescription("Cotton trousers")
                        .setQuantity(500)
                        .setQuantityUnit("pcs")
                        .setNetWeightKg(300)
                        .setCustomsValue(6000)
                        .setCurrency("USD")
                        .setOriginCountryCode("CN")
                        .build(),
                "Urumqi Garments",
                checkpoint,
                plate);
    }

    private static Declaration declaration(GoodsLine goods, String consignor, String checkpoint, String plate) {
        return Declaration.newBuilder()
                .addGoodsLines(goods)
                .setConsignor(Party.newBuilder().setName(consignor).setCountryCode("CN"))
                .setConsignee(Party.newBuilder().setName("OOO Vektor").setCountryCode("RU"))
                .setCarrierId(CARRIER_ID)
                .setVehiclePlate(plate)
                .setOriginCountryCode("CN")
                .addTransitCountryCodes("KZ")
                .setDestinationCountryCode("RU")
                .setCheckpoint(checkpoint)
                .build();
    }

    /** The goods and countries of a declaration, as routing takes them. */
    private static Cargo cargo(Declaration declaration) {
        return Cargo.newBuilder()
                .addAllGoodsLines(declaration.getGoodsLinesList())
                .setOriginCountryCode(declaration.getOriginCountryCode())
                .setDestinationCountryCode(declaration.getDestinationCountryCode())
                .setConsignor(declaration.getConsignor())
                .setConsignee(declaration.getConsignee())
                .build();
    }

    /** {@code declarations/{id}} of a decision named {@code declarations/{id}/decision}. */
    private static String declarationOf(Decision decision) {
        return decision.getName().substring(0, decision.getName().length() - "/decision".length());
    }

    private static String coverage(BorderDataCoverage data) {
        return "status live %d stale %d unknown %d, calendar live %d stale %d unknown %d of %d"
                .formatted(
                        data.getStatusLive(),
                        data.getStatusStale(),
                        data.getStatusUnknown(),
                        data.getCalendarLive(),
                        data.getCalendarStale(),
                        data.getCalendarUnknown(),
                        data.getCheckpoints());
    }

    private static String checkpointName(String id) {
        return "checkpoints/" + id;
    }

    private static String statusName(String id) {
        return checkpointName(id) + "/status";
    }

    private static <T> T any(List<T> items, Random random) {
        return items.get(random.nextInt(items.size()));
    }

    private static List<String> some(List<String> items, int count, Random random) {
        List<String> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, random);
        return shuffled.subList(0, count);
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("localhost", port)
                .usePlaintext()
                .build();
    }
}
