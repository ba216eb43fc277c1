package io.borderflow.routing.service;

import io.borderflow.routing.client.AssessmentCache;
import io.borderflow.routing.client.CheckpointFeed;
import io.borderflow.routing.config.RoutingConfig;
import io.borderflow.routing.domain.conditions.ForecastConditions;
import io.borderflow.routing.domain.search.CargoOutlook;
import io.borderflow.routing.domain.search.Link;
import io.borderflow.routing.domain.search.Network;
import io.borderflow.routing.domain.search.Objective;
import io.borderflow.routing.domain.search.Place;
import io.borderflow.routing.domain.search.PlaceKind;
import io.borderflow.routing.domain.search.RouteConstraints;
import io.borderflow.routing.domain.search.RoutePlanner;
import io.borderflow.routing.domain.search.RouteQuery;
import io.borderflow.routing.model.RouteParametersFile;
import io.borderflow.routing.model.route.ChannelOutlook;
import io.borderflow.routing.model.route.Corridor;
import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.RouteAnswer;
import io.borderflow.routing.model.route.RouteRequest;
import io.borderflow.routing.model.route.TransportMode;
import io.borderflow.routing.repository.NetworkRepository;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.reference.ReferenceFile;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * FindRoutes: checks the request, gets the cargo's inspection outlook at every checkpoint of the network (cached per
 * cargo, see {@link AssessmentCache}), reads the border conditions from the local copy of checkpoint-service's status
 * stream ({@link CheckpointFeed}: no call per search) and the closed legs from the database (so a closure takes
 * effect at once on every replica), and runs the search ({@link RoutePlanner}, plain Java). The network is built once
 * at start-up from the reference data loaded into the database and the route parameters file.
 */
@ApplicationScoped
public class RouteSearchApplicationService {
    private static final Logger LOG = Logger.getLogger(RouteSearchApplicationService.class);
    static final Duration MAX_DEPARTURE_AHEAD = Duration.ofDays(30);
    static final Duration MAX_DEPARTURE_AGO = Duration.ofDays(1);
    static final int MAX_GOODS_LINES = 200;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern HS_CODE = Pattern.compile("[0-9]{6,10}");

    private final NetworkRepository network;
    private final CheckpointFeed feed;
    private final AssessmentCache assessments;
    private final RoutingConfig config;
    private volatile RoutePlanner planner;
    private volatile Set<String> checkpointIds = Set.of();

    public RouteSearchApplicationService(
            NetworkRepository network, CheckpointFeed feed, AssessmentCache assessments, RoutingConfig config) {
        this.network = network;
        this.feed = feed;
        this.assessments = assessments;
        this.config = config;
    }

    /** After the reference data is loaded: builds the network and starts following its checkpoints' status. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) throws Throwable {
        LOG.info(VertxContextSupport.subscribeAndAwait(this::build));
        feed.follow(checkpointIds);
    }

    void onStop(@Observes ShutdownEvent event) {
        feed.stop();
    }

    @WithSession
    Uni<String> build() {
        RouteParametersFile parameters = ReferenceFile.read(config.routeParameters(), RouteParametersFile.class)
                .content();
        return network.allPlaces()
                .chain(places -> network.allLegs().map(legs -> {
                    List<Place> domainPlaces = places.stream()
                            .map(p -> new Place(p.id, p.country, p.checkpointId, PlaceKind.valueOf(p.kind)))
                            .toList();
                    List<Link> links = legs.stream()
                            .map(view -> {
                                EnumSet<Corridor> corridors = EnumSet.noneOf(Corridor.class);
                                view.corridors().forEach(c -> corridors.add(Corridor.valueOf(c)));
                                return new Link(
                                        view.leg().id,
                                        view.leg().fromPlace,
                                        view.leg().toPlace,
                                        TransportMode.valueOf(view.leg().mode),
                                        corridors,
                                        view.leg().distanceKm,
                                        Duration.ofMinutes(view.leg().durationMinutes),
                                        view.leg().bidirectional);
                            })
                            .toList();
                    planner = new RoutePlanner(
                            Network.of(domainPlaces, links), RouteParametersMapping.parameters(parameters));
                    Set<String> ids = new HashSet<>();
                    places.stream().filter(p -> p.checkpointId != null).forEach(p -> ids.add(p.checkpointId));
                    checkpointIds = Set.copyOf(ids);
                    return "Route search ready: " + places.size() + " places, " + legs.size() + " legs, " + ids.size()
                            + " checkpoints followed on checkpoint-service's status stream";
                }));
    }

    /**
     * @throws InvalidArgumentException {@code INVALID_ROUTE_QUERY} naming the fields
     * @throws io.borderflow.support.error.NotFoundException {@code PLACE_NOT_FOUND}; {@code DECLARATION_NOT_FOUND} for
     *     a declaration inspection-service does not show the caller whose token is {@code endUserToken}
     */
    @WithSession
    public Uni<RouteAnswer> findRoutes(RouteRequest request, String endUserToken) {
        Instant now = Instant.now();
        List<FieldViolation> problems = problems(request, now);
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(
                    "INVALID_ROUTE_QUERY",
                    "the request has " + problems.size() + " problem(s); see the field violations",
                    Map.of(),
                    problems);
        }
        RoutePlanner search = planner;
        if (search == null) {
            throw new IllegalStateException("route search is not ready");
        }
        RouteQuery query = query(request, now, search);
        return assessments
                .outlooks(request.cargo(), request.declarationId(), checkpointIds, endUserToken)
                .chain(outlooks -> network.closedLegIds().map(closed -> {
                    Map<String, ChannelOutlook> byCheckpoint = new HashMap<>();
                    Map<String, Freshness> freshness = new HashMap<>();
                    outlooks.forEach((id, assessed) -> {
                        byCheckpoint.put(id, assessed.outlook());
                        freshness.put(id, assessed.freshness());
                    });
                    ForecastConditions conditions = new ForecastConditions(
                            feed.snapshots(), now, feed.statusTrustedFor(), feed.calendarTrustedFor());
                    var result = search.findRoutes(
                            query.withCargo(CargoOutlook.of(byCheckpoint, Map.of(), AssessmentCache.NOMINAL)),
                            conditions,
                            closed);
                    return new RouteAnswer(result, freshness, now, conditions.coverage());
                }));
    }

    private static RouteQuery query(RouteRequest request, Instant now, RoutePlanner search) {
        Objective objective = switch (request.objective() == null ? "FASTEST" : request.objective()) {
            case "CHEAPEST" -> Objective.cheapest();
            case "LEAST_RISK" -> Objective.leastRisk();
            case "WEIGHTED" -> Objective.weighted(request.timeWeight(), request.costWeight(), request.riskWeight());
            default -> Objective.fastest();
        };
        EnumSet<TransportMode> modes = EnumSet.noneOf(TransportMode.class);
        request.modes().forEach(m -> modes.add(TransportMode.valueOf(m)));
        RouteConstraints constraints = new RouteConstraints(
                request.avoidCountries(),
                request.avoidCheckpoints(),
                modes,
                Optional.ofNullable(request.latestArrival()),
                request.maxAlternatives() == 0 ? RouteConstraints.DEFAULT_MAX_ALTERNATIVES : request.maxAlternatives());
        return new RouteQuery(
                request.origin(),
                request.destination(),
                request.departure() == null ? now : request.departure(),
                objective,
                constraints,
                CargoOutlook.clear());
    }

    /** Every problem of the request's shape, one field violation each (paths as in FindRoutesRequest). */
    static List<FieldViolation> problems(RouteRequest r, Instant now) {
        List<FieldViolation> problems = new ArrayList<>();
        if (r.departure() != null
                && (r.departure().isAfter(now.plus(MAX_DEPARTURE_AHEAD))
                        || r.departure().isBefore(now.minus(MAX_DEPARTURE_AGO)))) {
            problems.add(new FieldViolation("departure_time", "from a day ago to 30 days ahead"));
        }
        if ("WEIGHTED".equals(r.objective()) && !(r.timeWeight() + r.costWeight() + r.riskWeight() > 0)) {
            problems.add(new FieldViolation("weights", "at least one weight above 0 for OBJECTIVE_WEIGHTED"));
        }
        if (r.maxAlternatives() < 0 || r.maxAlternatives() > RouteConstraints.MAX_ALTERNATIVES) {
            problems.add(new FieldViolation("constraints.max_alternatives", "from 1 to 10, or 0 for 5"));
        }
        int i = 0;
        for (String country : r.avoidCountries()) {
            if (!COUNTRY.matcher(country).matches()) {
                problems.add(new FieldViolation(
                        "constraints.avoid_country_codes[" + i + "]", "ISO 3166-1 alpha-2, e.g. KZ"));
            }
            i++;
        }
        RouteRequest.CargoProfile cargo = r.cargo();
        if (cargo == null) {
            if (r.declarationId() == null) {
                problems.add(new FieldViolation("cargo", "set cargo or declaration, one of them"));
            }
            return problems;
        }
        if (cargo.lines().isEmpty() || cargo.lines().size() > MAX_GOODS_LINES) {
            problems.add(new FieldViolation("cargo.goods_lines", "1 to " + MAX_GOODS_LINES + " lines"));
        }
        for (int n = 0; n < Math.min(cargo.lines().size(), MAX_GOODS_LINES); n++) {
            RouteRequest.GoodsLineData line = cargo.lines().get(n);
            String at = "cargo.goods_lines[" + n + "].";
            if (!HS_CODE.matcher(line.hsCode()).matches()) {
                problems.add(new FieldViolation(at + "hs_code", "6 to 10 digits"));
            }
            if (line.description().isBlank() || line.description().length() > 512) {
                problems.add(new FieldViolation(at + "description", "1 to 512 characters"));
            }
            if (!(line.netWeightKg() > 0 && line.netWeightKg() <= 100_000)) {
                problems.add(new FieldViolation(at + "net_weight_kg", "above 0, at most 100,000"));
            }
        }
        if (!COUNTRY.matcher(cargo.originCountry()).matches()) {
            problems.add(new FieldViolation("cargo.origin_country_code", "ISO 3166-1 alpha-2, e.g. CN"));
        }
        if (!COUNTRY.matcher(cargo.destinationCountry()).matches()) {
            problems.add(new FieldViolation("cargo.destination_country_code", "ISO 3166-1 alpha-2, e.g. RU"));
        }
        return problems;
    }
}
