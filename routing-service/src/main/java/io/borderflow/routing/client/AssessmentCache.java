package io.borderflow.routing.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.borderflow.api.inspection.v1.AssessDeclarationRequest;
import io.borderflow.api.inspection.v1.AssessDeclarationResponse;
import io.borderflow.api.inspection.v1.ChannelChance;
import io.borderflow.api.inspection.v1.Declaration;
import io.borderflow.api.inspection.v1.GoodsLine;
import io.borderflow.api.inspection.v1.MutinyInspectionServiceGrpc.MutinyInspectionServiceStub;
import io.borderflow.api.inspection.v1.Party;
import io.borderflow.routing.model.route.ChannelOutlook;
import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.RouteRequest.CargoProfile;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.reactive.CallerContext;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.security.ServiceCredentials;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The inspection a cargo should expect at each checkpoint, from inspection-service's pre-assessment
 * (AssessDeclaration), cached per cargo profile and checkpoint for {@link #FRESH_FOR}. A stored declaration is assessed
 * for the caller who named it: its token goes with the service's ({@link ServiceCredentials#actingFor}), so that
 * inspection-service shows a declaration only to its own carrier, and its assessment is cached for that token alone.
 * At most {@link #MAX_ENTRIES} assessments are kept, each for at most {@link #KEPT_FOR} (Caffeine).
 * The cargo is presented as a declaration at the checkpoint (unnamed parties when none are given, so the rules treat
 * the consignor as a first-time trader). When inspection-service cannot answer, the last assessment stands (STALE);
 * without one, every truck is assumed to get a documentary check (NOMINAL), as checkpoint-service assumes for a truck
 * without a decision.
 */
@ApplicationScoped
public class AssessmentCache {
    private static final Logger LOG = Logger.getLogger(AssessmentCache.class);
    static final Duration DEADLINE = Duration.ofSeconds(2);
    static final Duration FRESH_FOR = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 50_000;
    /** How long an assessment stands in for one inspection-service cannot give (STALE) before it is forgotten. */
    static final Duration KEPT_FOR = Duration.ofHours(6);
    /** A documentary check of two hours: checkpoint-service's assumption for a truck without a decision. */
    public static final ChannelOutlook NOMINAL = new ChannelOutlook(
            0, 1, 0, 0, Duration.ZERO, Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(4));

    /** An outlook and where it came from. */
    public record Assessed(ChannelOutlook outlook, Freshness freshness) {}

    private record Entry(ChannelOutlook outlook, Instant at) {}

    private final MutinyInspectionServiceStub stub;
    private final ServiceCredentials credentials;
    private final Cache<String, Entry> entries = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterWrite(KEPT_FOR)
            .build();
    private final Map<String, Uni<Assessed>> inFlight = new ConcurrentHashMap<>();

    public AssessmentCache(@GrpcClient("inspection") MutinyInspectionServiceStub stub, ServiceCredentials credentials) {
        this.stub = stub;
        this.credentials = credentials;
    }

    /**
     * The outlook at each of the checkpoints of the cargo, or of the stored declaration when {@code cargo} is null,
     * asking inspection-service (all at once) only for what is not fresh.
     *
     * @param endUserToken the bearer token of the caller the search is for, forwarded with a stored declaration
     * @throws NotFoundException {@code DECLARATION_NOT_FOUND} (in the Uni) when inspection-service does not know the
     *         declaration, or it is not the caller's to see
     */
    public Uni<Map<String, Assessed>> outlooks(
            CargoProfile cargo, String declarationId, Collection<String> checkpointIds, String endUserToken) {
        String profile = cargo != null
                ? ReferenceFile.sha256(cargo.toString())
                : "declaration:" + declarationId + "|for:" + ReferenceFile.sha256(String.valueOf(endUserToken));
        Instant now = Instant.now();
        List<Uni<Map.Entry<String, Assessed>>> asks = new ArrayList<>();
        Map<String, Assessed> known = new HashMap<>();
        for (String id : checkpointIds) {
            Entry cached = entries.getIfPresent(profile + "|" + id);
            if (cached != null && now.isBefore(cached.at().plus(FRESH_FOR))) {
                known.put(id, new Assessed(cached.outlook(), Freshness.live(Duration.between(cached.at(), now))));
            } else {
                asks.add(CallerContext.resume(asking(profile, cargo, declarationId, endUserToken, id, cached, now))
                        .map(a -> Map.entry(id, a)));
            }
        }
        if (asks.isEmpty()) {
            return Uni.createFrom().item(known);
        }
        // every answer is waited for: failing fast on the first NOT_FOUND left the others' failures, arriving the same
        // moment for an unknown declaration, to be dropped and logged as errors
        return Uni.join()
                .all(asks)
                .andCollectFailures()
                .onFailure(CompositeException.class)
                .transform(failure -> ((CompositeException) failure).getCauses().get(0))
                .map(answers -> {
                    answers.forEach(a -> known.put(a.getKey(), a.getValue()));
                    return known;
                });
    }

    /** The question in flight for this cargo and checkpoint, shared by every search that needs it meanwhile. */
    private Uni<Assessed> asking(
            String profile,
            CargoProfile cargo,
            String declarationId,
            String endUserToken,
            String checkpointId,
            Entry cached,
            Instant now) {
        String key = profile + "|" + checkpointId;
        Uni<Assessed>[] mine = new Uni[1];
        Uni<Assessed> shared = inFlight.computeIfAbsent(
                key,
                k -> mine[0] = ask(profile, cargo, declarationId, endUserToken, checkpointId, cached, now)
                        .onTermination()
                        .invoke(() -> inFlight.remove(k))
                        .memoize()
                        .indefinitely());
        if (shared == mine[0]) {
            shared.subscribe().with(done -> {}, failure -> {});
        }
        return shared;
    }

    private Uni<Assessed> ask(
            String profile,
            CargoProfile cargo,
            String declarationId,
            String endUserToken,
            String checkpointId,
            Entry cached,
            Instant now) {
        AssessDeclarationRequest request = cargo != null
                ? AssessDeclarationRequest.newBuilder()
                        .setDeclaration(declaration(cargo, checkpointId))
                        .build()
                : AssessDeclarationRequest.newBuilder()
                        .setStoredDeclaration("declarations/" + declarationId)
                        .setCheckpoint("checkpoints/" + checkpointId)
                        .build();
        return stub.withCallCredentials(
                        cargo != null ? credentials.callCredentials() : credentials.actingFor(endUserToken))
                .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .assessDeclaration(request)
                .map(response -> {
                    ChannelOutlook outlook = outlook(response);
                    entries.put(profile + "|" + checkpointId, new Entry(outlook, Instant.now()));
                    return new Assessed(outlook, Freshness.live(Duration.ZERO));
                })
                .onFailure(failure ->
                        cargo == null && Status.fromThrowable(failure).getCode() == Status.Code.NOT_FOUND)
                .transform(failure -> new NotFoundException("DECLARATION_NOT_FOUND", "declarations/" + declarationId))
                .onFailure(failure -> !(failure instanceof NotFoundException))
                .recoverWithItem(failure -> {
                    LOG.debugf(
                            "no assessment at checkpoints/%s (%s)",
                            checkpointId, Status.fromThrowable(failure).getCode());
                    return cached != null
                            ? new Assessed(cached.outlook(), Freshness.stale(Duration.between(cached.at(), now)))
                            : new Assessed(NOMINAL, Freshness.nominal());
                });
    }

    /** The cargo as a declaration presented at the checkpoint. */
    static Declaration declaration(CargoProfile cargo, String checkpointId) {
        Declaration.Builder declaration = Declaration.newBuilder()
                .setConsignor(party(cargo.consignor(), "unnamed consignor", cargo.originCountry()))
                .setConsignee(party(cargo.consignee(), "unnamed consignee", cargo.destinationCountry()))
                .setCarrierId("route-search")
                .setVehiclePlate("ROUTE01")
                .setOriginCountryCode(cargo.originCountry())
                .setDestinationCountryCode(cargo.destinationCountry())
                .setCheckpoint("checkpoints/" + checkpointId)
                .setTraderAeo(cargo.traderAeo());
        cargo.lines()
                .forEach(line -> declaration.addGoodsLines(GoodsLine.newBuilder()
                        .setHsCode(line.hsCode())
                        .setDescription(line.description())
                        .setBrand(line.brand())
                        .setQuantity(line.quantity())
                        .setQuantityUnit(line.quantityUnit())
                        .setNetWeightKg(line.netWeightKg())
                        .setCustomsValue(line.customsValue())
                        .setCurrency(line.currency())
                        .setOriginCountryCode(line.originCountry())));
        return declaration.build();
    }

    private static Party party(
            io.borderflow.routing.model.route.RouteRequest.PartyData given, String name, String country) {
        return given == null
                ? Party.newBuilder().setName(name).setCountryCode(country).build()
                : Party.newBuilder()
                        .setName(given.name())
                        .setCountryCode(given.countryCode())
                        .build();
    }

    /** The assessment's channel chances as the search reads them (BLUE, released at once, counts as GREEN). */
    static ChannelOutlook outlook(AssessDeclarationResponse response) {
        double green = 0;
        double yellow = 0;
        double red = 0;
        double refused = 0;
        Duration greenTime = Duration.ZERO;
        Duration yellowTime = Duration.ZERO;
        Duration redTime = Duration.ZERO;
        Duration refusedTime = Duration.ZERO;
        for (ChannelChance chance : response.getChannelChancesList()) {
            Duration time = ProtoTimes.duration(chance.getExpectedHandling());
            switch (chance.getChannel()) {
                case CHANNEL_GREEN, CHANNEL_BLUE -> {
                    green += chance.getProbability();
                    greenTime = max(greenTime, time);
                }
                case CHANNEL_YELLOW -> {
                    yellow += chance.getProbability();
                    yellowTime = time;
                }
                case CHANNEL_RED -> {
                    red += chance.getProbability();
                    redTime = time;
                }
                case CHANNEL_REFUSED -> {
                    refused += chance.getProbability();
                    refusedTime = time;
                }
                default -> {}
            }
        }
        double total = green + yellow + red + refused;
        if (total <= 0) {
            return NOMINAL;
        }
        return new ChannelOutlook(
                green / total,
                yellow / total,
                red / total,
                refused / total,
                greenTime,
                yellowTime,
                redTime,
                refusedTime);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
