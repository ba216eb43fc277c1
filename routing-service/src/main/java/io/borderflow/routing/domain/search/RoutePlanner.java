package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.NoRouteReason;
import io.borderflow.routing.model.route.RouteAlternative;
import io.borderflow.routing.model.route.RouteResult;
import io.borderflow.routing.model.route.SearchStats;
import io.borderflow.routing.model.route.TransportMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds route alternatives for a truck over the corridor network, ranked on time, cost and risk with the border
 * conditions at the time the truck would reach each crossing (see {@link Journey} for the model of each step).
 * <p>
 * The search is a multi-criteria label-setting search from the origin: each label is a partial route with its arrival
 * time, cost, refusal risk and driving since the last rest. A label is dropped when another at the same place (and,
 * at a border control, from the same country) is no worse on every one of these by more than the {@link SearchLimits}
 * epsilons; a place keeps at most {@code maxLabelsPerPlace}. Labels are taken earliest (optimistic) arrival first, and
 * one is dropped when a complete route already beats its optimistic completion (lower bounds of the remaining moving
 * time and fixed cost, from a backward search over the same allowed legs) or when that completion would arrive after
 * the latest arrival. No route visits a place twice or has more than {@code maxLegs} legs.
 * <p>
 * The complete routes form a Pareto set on (median time, total cost, refusal risk); they are ranked by the objective,
 * near-duplicates dropped (same crossings and more than {@code nearDuplicateShare} of the distance shared: the lower
 * ranked goes) and the list cut to the maximum asked for.
 * <p>
 * Immutable and thread-safe: build one per network and parameter version and share it. Per search, pass the border
 * conditions to use and the legs closed at the moment (an operator's closure takes effect on the next search).
 */
public final class RoutePlanner {
    private final Network network;
    private final RouteParameters parameters;
    private final SearchLimits limits;
    private final ArcCosts arcCosts;

    public RoutePlanner(Network network, RouteParameters parameters) {
        this(network, parameters, SearchLimits.standard());
    }

    /**
     * @throws IllegalArgumentException if a ferry or rail leg of the network, in either direction it runs, has no
     *     service, or a service names a leg or a direction that is not one of its mode
     */
    public RoutePlanner(Network network, RouteParameters parameters, SearchLimits limits) {
        this.network = Objects.requireNonNull(network, "network");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.limits = Objects.requireNonNull(limits, "limits");
        Map<String, ScheduledService> services = new HashMap<>();
        for (ScheduledService service : parameters.services()) {
            String what = service.mode().name().toLowerCase(Locale.ROOT) + " service " + service.legId() + " from "
                    + service.fromPlace();
            Link link = network.link(service.legId())
                    .orElseThrow(() -> new IllegalArgumentException(what + ": unknown leg"));
            boolean runs = link.from().equals(service.fromPlace())
                    || link.bidirectional() && link.to().equals(service.fromPlace());
            if (link.mode() != service.mode() || !runs) {
                throw new IllegalArgumentException(what + " is not a " + service.mode() + " leg's direction");
            }
            if (services.put(ScheduledService.key(service.legId(), service.fromPlace()), service) != null) {
                throw new IllegalArgumentException(what + " is given twice");
            }
        }
        List<String> missing = new ArrayList<>();
        for (int node = 0; node < network.size(); node++) {
            for (Network.Arc arc : network.arcsFrom(node)) {
                String key = ScheduledService.key(
                        arc.link().legId(), network.place(node).id());
                if (arc.link().mode() != TransportMode.ROAD && !services.containsKey(key)) {
                    missing.add(key);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("ferry or rail legs without a service (leg>from): " + missing);
        }
        this.arcCosts = new ArcCosts(network, parameters, services);
    }

    public Network network() {
        return network;
    }

    public RouteParameters parameters() {
        return parameters;
    }

    /**
     * The alternatives for {@code query}, best first; an empty result with its reason when there is none.
     *
     * @param conditions border waits and closures to use (live or nominal)
     * @param closedLegIds legs closed now (unknown ids are ignored)
     * @throws UnknownPlaceException if the origin or destination is not in the network
     * @throws InvalidRouteQueryException if the query contradicts itself (see that class)
     */
    public RouteResult findRoutes(RouteQuery query, CrossingConditions conditions, Set<String> closedLegIds) {
        Objects.requireNonNull(conditions, "conditions");
        Objects.requireNonNull(closedLegIds, "closedLegIds");
        Search search = new Search(query, conditions, closedLegIds);
        return search.run();
    }

    /** The route through the given places, timed as a search would time it; for tests of the timing model. */
    RouteAlternative follow(RouteQuery query, CrossingConditions conditions, List<String> placeIds) {
        Journey journey = journey(query, conditions);
        Label label =
                journey.start(network.index(placeIds.get(0)), query.departure().toEpochMilli());
        Itinerary itinerary = new Itinerary();
        for (int i = 1; i < placeIds.size(); i++) {
            int to = network.index(placeIds.get(i));
            Network.Arc arc = network.arcsFrom(label.node).stream()
                    .filter(a -> a.to() == to)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no leg to " + to));
            label = journey.extend(label, arc, itinerary);
            if (label == null) {
                throw new IllegalStateException("a crossing on the way does not open");
            }
        }
        label = journey.arrive(label, itinerary);
        if (label == null) {
            throw new IllegalStateException("the crossing at the destination does not open");
        }
        return Alternatives.draft(network, parameters, query, label, itinerary).toAlternative(1, "");
    }

    private Journey journey(RouteQuery query, CrossingConditions conditions) {
        return new Journey(network, parameters, arcCosts, conditions, query.cargo());
    }

    /** The state of one search. */
    private final class Search {
        private final RouteQuery query;
        private final Journey journey;
        private final RouteConstraints constraints;
        private final int origin;
        private final int destination;
        private final long departure;
        private final long latest;
        private final long horizon;
        private final double costPerMilli;
        private final long timeEpsilon;
        private final int countries;
        private final boolean[] allowedArc;
        private final long[] minMillisToGo;
        private final double[] minFixedCostToGo;
        /** The labels kept per place (and entry country at a border control), made when first needed. */
        private final LabelSet[] buckets;

        private final LabelSet complete;
        private final LabelQueue open = new LabelQueue();
        private final Comparator<Label> evictionOrder;
        private int created;
        private int expanded;
        private boolean late;
        private boolean truncated;
        /** Some label was dropped by the leg limit or the horizon (the search went on). */
        private boolean capped;

        Search(RouteQuery query, CrossingConditions conditions, Set<String> closed) {
            this.query = query;
            this.constraints = query.constraints();
            Place from = network.place(query.origin()).orElseThrow(() -> new UnknownPlaceException(query.origin()));
            Place to = network.place(query.destination())
                    .orElseThrow(() -> new UnknownPlaceException(query.destination()));
            if (from.equals(to)) {
                throw new InvalidRouteQueryException(
                        "SAME_ORIGIN_AND_DESTINATION", "destination", "origin and destination are both " + from.id());
            }
            for (String checkpoint : constraints.avoidCheckpoints()) {
                if (!network.hasCheckpoint(checkpoint)) {
                    throw new InvalidRouteQueryException(
                            "UNKNOWN_CHECKPOINT",
                            "constraints.avoid_checkpoints",
                            "no checkpoint " + checkpoint + " in the network");
                }
            }
            if (avoided(from)) {
                throw new InvalidRouteQueryException(
                        "ORIGIN_AVOIDED",
                        "origin",
                        "the origin " + from.id() + " is in an avoided country or at an avoided checkpoint");
            }
            if (avoided(to)) {
                throw new InvalidRouteQueryException(
                        "DESTINATION_AVOIDED",
                        "destination",
                        "the destination " + to.id() + " is in an avoided country or at an avoided checkpoint");
            }
            Optional<Instant> latestArrival = constraints.latestArrival();
            if (latestArrival.isPresent() && !latestArrival.get().isAfter(query.departure())) {
                throw new InvalidRouteQueryException(
                        "LATEST_ARRIVAL_NOT_AFTER_DEPARTURE",
                        "constraints.latest_arrival_time",
                        "the latest arrival must be after the departure");
            }
            this.journey = journey(query, conditions);
            this.origin = network.index(from.id());
            this.destination = network.index(to.id());
            this.departure = query.departure().toEpochMilli();
            this.latest = latestArrival.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
            this.horizon = departure + limits.horizon().toMillis();
            this.costPerMilli = parameters.timeCostPerHour() / 3_600_000.0;
            this.timeEpsilon = limits.timeEpsilon().toMillis();
            this.countries = network.countryCount();
            boolean[] allowedPlace = new boolean[network.size()];
            for (int node = 0; node < network.size(); node++) {
                allowedPlace[node] = !avoided(network.place(node));
            }
            this.allowedArc = new boolean[network.arcCount()];
            for (int node = 0; node < network.size(); node++) {
                for (Network.Arc arc : network.arcsFrom(node)) {
                    allowedArc[arc.id()] = allowedPlace[arc.from()]
                            && allowedPlace[arc.to()]
                            && constraints.allowedModes().contains(arc.link().mode())
                            && !closed.contains(arc.link().legId());
                }
            }
            this.minMillisToGo = new long[network.size()];
            this.minFixedCostToGo = new double[network.size()];
            lowerBounds();
            this.buckets = new LabelSet[network.size() * (countries + 1)];
            this.complete = new LabelSet(limits.maxDestinationLabels());
            this.evictionOrder = evictionOrder();
        }

        private boolean avoided(Place place) {
            return constraints.avoidCountries().contains(place.country())
                    || place.checkpointId() != null
                            && constraints.avoidCheckpoints().contains(place.checkpointId());
        }

        private boolean allowed(Network.Arc arc) {
            return allowedArc[arc.id()];
        }

        /** Backward Dijkstra from the destination: least moving time, and least fixed cost, to go from each place. */
        private void lowerBounds() {
            double[] millis = toGo(arcCosts::movingMillis);
            for (int node = 0; node < millis.length; node++) {
                minMillisToGo[node] = Double.isInfinite(millis[node]) ? Long.MAX_VALUE : (long) millis[node];
            }
            System.arraycopy(toGo(arcCosts::fixedCost), 0, minFixedCostToGo, 0, minFixedCostToGo.length);
        }

        /** The least total {@code weight} from each place to the destination over allowed arcs (infinite: none). */
        private double[] toGo(java.util.function.ToDoubleFunction<Network.Arc> weight) {
            double[] best = new double[network.size()];
            Arrays.fill(best, Double.POSITIVE_INFINITY);
            best[destination] = 0;
            boolean[] done = new boolean[network.size()];
            PlaceQueue queue = new PlaceQueue(network.size());
            queue.add(destination, 0);
            while (!queue.isEmpty()) {
                int node = queue.poll();
                if (done[node]) {
                    continue;
                }
                done[node] = true;
                for (Network.Arc arc : network.arcsInto(node)) {
                    if (!allowed(arc)) {
                        continue;
                    }
                    double via = best[node] + weight.applyAsDouble(arc);
                    if (via < best[arc.from()]) {
                        best[arc.from()] = via;
                        queue.add(arc.from(), via);
                    }
                }
            }
            return best;
        }

        RouteResult run() {
            if (minMillisToGo[origin] == Long.MAX_VALUE) {
                return empty(NoRouteReason.NO_CONNECTION);
            }
            Label start = journey.start(origin, departure);
            start.priority = departure + minMillisToGo[origin];
            open.add(start);
            while (!open.isEmpty() && !truncated) {
                Label label = open.poll();
                if (!label.removed && !beaten(label)) {
                    expand(label);
                }
            }
            List<Label> routes = complete.labels();
            if (routes.isEmpty()) {
                return empty(
                        truncated
                                ? NoRouteReason.SEARCH_LIMIT_REACHED
                                : late
                                        ? NoRouteReason.LATEST_ARRIVAL_UNREACHABLE
                                        : capped ? NoRouteReason.SEARCH_LIMIT_REACHED : NoRouteReason.NO_CONNECTION);
            }
            List<Alternatives.Draft> drafts = new ArrayList<>();
            for (Label route : routes) {
                drafts.add(replay(route));
            }
            List<RouteAlternative> alternatives = Alternatives.choose(drafts, query, limits, parameters.currency());
            return new RouteResult(
                    alternatives,
                    Optional.empty(),
                    new SearchStats(created, expanded, drafts.size(), truncated || capped));
        }

        /** Every allowed step on from {@code label}, each considered for keeping. */
        private void expand(Label label) {
            expanded++;
            for (int at = network.firstArcFrom(label.node), end = network.firstArcFrom(label.node + 1);
                    at < end;
                    at++) {
                int to = network.outTo(at);
                if (!allowedArc[network.outId(at)] || minMillisToGo[to] == Long.MAX_VALUE || label.hasVisited(to)) {
                    continue;
                }
                if (label.legs >= limits.maxLegs()) {
                    // a way on exists but is cut by the limit: without a route, say so rather than NO_CONNECTION
                    capped = true;
                    continue;
                }
                if (++created > limits.maxLabels()) {
                    truncated = true;
                    return;
                }
                Label next = journey.extend(label, network.outArc(at), null);
                if (next != null && next.node == destination) {
                    next = journey.arrive(next, null);
                }
                if (next != null) {
                    next.seq = created;
                    consider(next);
                }
            }
        }

        private void consider(Label label) {
            label.cost = cost(label);
            long toGo = minMillisToGo[label.node];
            if (label.time > horizon) {
                capped = true;
                return;
            }
            if (label.time + toGo > latest) {
                late = true;
                return;
            }
            if (beaten(label)) {
                return;
            }
            if (label.node == destination) {
                insert(complete, label, false, limits.maxDestinationLabels());
                return;
            }
            int key = label.node * (countries + 1)
                    + (network.hasBorderControl(label.node) ? label.fromCountry : countries);
            LabelSet bucket = buckets[key];
            if (bucket == null) {
                bucket = new LabelSet(limits.maxLabelsPerPlace());
                buckets[key] = bucket;
            }
            if (insert(bucket, label, true, limits.maxLabelsPerPlace())) {
                label.priority = label.time + toGo;
                open.add(label);
            }
        }

        /** Whether a complete route is no worse, by more than the epsilons, than the label's optimistic completion. */
        private boolean beaten(Label label) {
            long optimisticTime = label.time + minMillisToGo[label.node];
            double optimisticCost = label.fixedCost + minFixedCostToGo[label.node] + costOf(optimisticTime);
            return complete.anyNoWorseThan(
                    optimisticTime,
                    optimisticCost,
                    label.refusalRisk(),
                    0,
                    timeEpsilon,
                    limits.costEpsilon(),
                    limits.riskEpsilon(),
                    false);
        }

        /**
         * Keeps {@code label} in {@code set} unless a kept one is no worse on every criterion by more than the
         * epsilons (on driving since the last rest too if {@code driving}); drops the kept ones it dominates, and the
         * worst by the objective when the set is over {@code capacity}. Whether the label was kept.
         */
        private boolean insert(LabelSet set, Label label, boolean driving, int capacity) {
            if (set.anyNoWorseThan(
                    label.time,
                    label.cost,
                    label.refusalRisk(),
                    label.drivingMillis,
                    timeEpsilon,
                    limits.costEpsilon(),
                    limits.riskEpsilon(),
                    driving)) {
                return false;
            }
            set.removeDominatedBy(label, driving);
            set.add(label);
            return set.size() <= capacity || set.evictWorst(evictionOrder) != label;
        }

        /**
         * Worst last by the objective's main criterion (risk then time for least risk); among equals the newest. One
         * comparator written out rather than composed, as the search compares labels by it in its inner loop.
         */
        private Comparator<Label> evictionOrder() {
            Objective objective = query.objective();
            Criterion main;
            switch (objective.kind()) {
                case CHEAPEST:
                    main = Criterion.COST;
                    break;
                case LEAST_RISK:
                    main = Criterion.RISK_THEN_TIME;
                    break;
                case WEIGHTED:
                    main = objective.costWeight() > Math.max(objective.timeWeight(), objective.riskWeight())
                            ? Criterion.COST
                            : objective.riskWeight() > objective.timeWeight()
                                    ? Criterion.RISK_THEN_TIME
                                    : Criterion.TIME;
                    break;
                default:
                    main = Criterion.TIME;
            }
            return (a, b) -> {
                int order = switch (main) {
                    case COST -> Double.compare(a.cost, b.cost);
                    case RISK_THEN_TIME -> {
                        int byRisk = Double.compare(a.refusalRisk(), b.refusalRisk());
                        yield byRisk != 0 ? byRisk : Long.compare(a.time, b.time);
                    }
                    case TIME -> Long.compare(a.time, b.time);
                };
                return order != 0 ? order : Long.compare(a.seq, b.seq);
            };
        }

        private double cost(Label label) {
            return label.fixedCost + costOf(label.time);
        }

        private double costOf(long arrival) {
            return (arrival - departure) * costPerMilli;
        }

        private Alternatives.Draft replay(Label route) {
            List<Network.Arc> arcs = new ArrayList<>();
            for (Label at = route; at.arc != null; at = at.parent) {
                arcs.add(0, at.arc);
            }
            Itinerary itinerary = new Itinerary();
            Label label = journey.start(origin, departure);
            for (Network.Arc arc : arcs) {
                label = journey.extend(label, arc, itinerary);
            }
            label = journey.arrive(label, itinerary);
            return Alternatives.draft(network, parameters, query, label, itinerary);
        }

        private RouteResult empty(NoRouteReason reason) {
            return new RouteResult(
                    List.of(), Optional.of(reason), new SearchStats(created, expanded, 0, truncated || capped));
        }
    }

    /** What a full place's bucket gives up first: the label worst by this. */
    private enum Criterion {
        TIME,
        COST,
        RISK_THEN_TIME
    }
}
