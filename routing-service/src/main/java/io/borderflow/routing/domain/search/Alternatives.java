package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.Corridor;
import io.borderflow.routing.model.route.CostBreakdown;
import io.borderflow.routing.model.route.CrossingStep;
import io.borderflow.routing.model.route.FerryStep;
import io.borderflow.routing.model.route.LegStep;
import io.borderflow.routing.model.route.LiveDataUse;
import io.borderflow.routing.model.route.RouteAlternative;
import io.borderflow.routing.model.route.RouteRisk;
import io.borderflow.routing.model.route.TrainStep;
import io.borderflow.routing.model.route.TransportMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * From the complete routes of a search to the answer: the Pareto filter on (median time, total cost, refusal risk),
 * the ranking by the objective, the pruning of near-duplicates, the cut, the labels and the explanations.
 */
final class Alternatives {
    /** A queue at least this long is worth naming in an explanation. */
    static final Duration NOTABLE_QUEUE = Duration.ofHours(6);

    private Alternatives() {}

    /** A timed route before it has a rank and an explanation. */
    record Draft(
            Corridor corridor,
            String label,
            Instant departure,
            Instant arrival,
            Duration medianTime,
            Duration p90Time,
            double distanceKm,
            CostBreakdown cost,
            RouteRisk risk,
            LiveDataUse liveData,
            List<LegStep> legs,
            List<CrossingStep> crossings,
            List<FerryStep> ferries,
            List<TrainStep> trains) {

        RouteAlternative toAlternative(int rank, String explanation) {
            return new RouteAlternative(
                    rank,
                    corridor,
                    label,
                    explanation,
                    departure,
                    arrival,
                    medianTime,
                    p90Time,
                    distanceKm,
                    cost,
                    risk,
                    liveData,
                    legs,
                    crossings,
                    ferries,
                    trains);
        }

        String pathKey() {
            return legs.stream().map(LegStep::legId).collect(Collectors.joining(","));
        }

        List<String> checkpoints() {
            return crossings.stream().map(CrossingStep::checkpointId).toList();
        }

        boolean dominates(Draft other) {
            boolean noWorse = medianTime.compareTo(other.medianTime) <= 0
                    && cost.total() <= other.cost.total()
                    && risk.refusalOrRedirect() <= other.risk.refusalOrRedirect();
            boolean better = medianTime.compareTo(other.medianTime) < 0
                    || cost.total() < other.cost.total()
                    || risk.refusalOrRedirect() < other.risk.refusalOrRedirect();
            return noWorse && better;
        }
    }

    static Draft draft(
            Network network, RouteParameters parameters, RouteQuery query, Label label, Itinerary itinerary) {
        Instant departure = query.departure();
        Instant arrival = Instant.ofEpochMilli(label.time);
        Duration median = Duration.between(departure, arrival);
        Duration p90 = median.plusMillis(Math.round(Math.sqrt(label.spreadSquared) * 3_600_000));
        double timeCost = median.toMillis() / 3_600_000.0 * parameters.timeCostPerHour();
        CostBreakdown cost = new CostBreakdown(
                parameters.currency(),
                itinerary.distanceCost,
                timeCost,
                itinerary.ferryCost,
                itinerary.railCost,
                itinerary.borderFees);
        RouteRisk risk = new RouteRisk(1 - label.noRefusal, 1 - label.noRed);
        Corridor corridor = corridor(network, itinerary.legs);
        return new Draft(
                corridor,
                label(corridor, itinerary),
                departure,
                arrival,
                median,
                p90,
                itinerary.distanceKm,
                cost,
                risk,
                itinerary.liveData(),
                itinerary.legs,
                itinerary.crossings,
                itinerary.ferries,
                itinerary.trains);
    }

    /** The corridor whose legs cover most of the route's distance (ties in {@link Corridor} order). */
    private static Corridor corridor(Network network, List<LegStep> legs) {
        Map<Corridor, Double> km = new EnumMap<>(Corridor.class);
        for (LegStep leg : legs) {
            for (Corridor corridor : network.link(leg.legId()).orElseThrow().corridors()) {
                km.merge(corridor, leg.distanceKm(), Double::sum);
            }
        }
        Corridor best = null;
        for (Map.Entry<Corridor, Double> entry : km.entrySet()) {
            if (best == null || entry.getValue() > km.get(best)) {
                best = entry.getKey();
            }
        }
        return best;
    }

    /**
     * "Northern route via Nur Zholy and Zhaisan"; the ports of a ferry named once, as "the Kuryk-Alat ferry"; "by rail"
     * when most of the distance is by train ("Northern route by rail via Altynkol and Mamlyutka Station").
     */
    private static String label(Corridor corridor, Itinerary itinerary) {
        Map<String, String> ferryByPort = new HashMap<>();
        for (FerryStep ferry : itinerary.ferries) {
            String name = "the " + RouteExplanations.idName(ferry.from()) + "-" + RouteExplanations.idName(ferry.to())
                    + " ferry";
            ferryByPort.put(ferry.from(), name);
            ferryByPort.put(ferry.to(), name);
        }
        Set<String> via = new LinkedHashSet<>();
        for (CrossingStep crossing : itinerary.crossings) {
            String ferry = ferryByPort.get(crossing.placeId());
            via.add(ferry != null ? ferry : RouteExplanations.idName(crossing.placeId()));
        }
        double railKm = itinerary.legs.stream()
                .filter(leg -> leg.mode() == TransportMode.RAIL)
                .mapToDouble(LegStep::distanceKm)
                .sum();
        String name = corridor.displayName() + (railKm > itinerary.distanceKm / 2 ? " by rail" : "");
        return via.isEmpty() ? name : name + " via " + RouteExplanations.join(List.copyOf(via));
    }

    static List<RouteAlternative> choose(List<Draft> drafts, RouteQuery query, SearchLimits limits, String currency) {
        List<Draft> pareto = new ArrayList<>();
        for (Draft draft : drafts) {
            if (drafts.stream().noneMatch(other -> other.dominates(draft))) {
                pareto.add(draft);
            }
        }
        pareto.sort(ranking(query.objective(), pareto));
        List<Draft> kept = new ArrayList<>();
        for (Draft draft : pareto) {
            if (kept.size() < query.constraints().maxAlternatives()
                    && kept.stream().noneMatch(better -> nearDuplicates(better, draft, limits.nearDuplicateShare()))) {
                kept.add(draft);
            }
        }
        List<RouteAlternative> alternatives = new ArrayList<>();
        Draft best = kept.get(0);
        for (int i = 0; i < kept.size(); i++) {
            Draft draft = kept.get(i);
            String explanation = i == 0
                    ? RouteExplanations.whyBest(best, kept.size() > 1 ? kept.get(1) : null, query.objective(), currency)
                    : RouteExplanations.versus(draft, best, currency);
            alternatives.add(draft.toAlternative(i + 1, explanation));
        }
        return alternatives;
    }

    /** Best first by the objective; ties by time, cost, risk, then the path, so that the order is deterministic. */
    static Comparator<Draft> ranking(Objective objective, List<Draft> candidates) {
        Comparator<Draft> byTime = Comparator.comparing(Draft::medianTime);
        Comparator<Draft> byCost = Comparator.comparingDouble(d -> d.cost().total());
        Comparator<Draft> byRisk = Comparator.comparingDouble(d -> d.risk().refusalOrRedirect());
        Comparator<Draft> byRed = Comparator.comparingDouble(d -> d.risk().redInspection());
        Comparator<Draft> main;
        switch (objective.kind()) {
            case CHEAPEST:
                main = byCost.thenComparing(byTime).thenComparing(byRisk);
                break;
            case LEAST_RISK:
                main = byRisk.thenComparing(byRed).thenComparing(byTime).thenComparing(byCost);
                break;
            case WEIGHTED:
                Map<Draft, Double> scores = weightedScores(objective, candidates);
                main = Comparator.<Draft>comparingDouble(scores::get)
                        .thenComparing(byTime)
                        .thenComparing(byCost);
                break;
            default:
                main = byTime.thenComparing(byCost).thenComparing(byRisk);
        }
        return main.thenComparing(Draft::pathKey);
    }

    /** Each criterion scaled to [0, 1] over the candidates ((x - min) / (max - min), 0 when all equal), weighted. */
    private static Map<Draft, Double> weightedScores(Objective objective, List<Draft> candidates) {
        double[] time =
                candidates.stream().mapToDouble(d -> d.medianTime().toMillis()).toArray();
        double[] cost = candidates.stream().mapToDouble(d -> d.cost().total()).toArray();
        double[] risk = candidates.stream()
                .mapToDouble(d -> d.risk().refusalOrRedirect())
                .toArray();
        Map<Draft, Double> scores = new IdentityHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            scores.put(
                    candidates.get(i),
                    objective.timeWeight() * scaled(time, i)
                            + objective.costWeight() * scaled(cost, i)
                            + objective.riskWeight() * scaled(risk, i));
        }
        return scores;
    }

    private static double scaled(double[] values, int i) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return max > min ? (values[i] - min) / (max - min) : 0;
    }

    /**
     * Same checkpoints in the same order, and the legs both take add up to more than {@code share} of the longer
     * route's distance.
     */
    static boolean nearDuplicates(Draft a, Draft b, double share) {
        if (!a.checkpoints().equals(b.checkpoints())) {
            return false;
        }
        Set<String> legsOfA = a.legs().stream().map(LegStep::legId).collect(Collectors.toSet());
        double shared = b.legs().stream()
                .filter(leg -> legsOfA.contains(leg.legId()))
                .mapToDouble(LegStep::distanceKm)
                .sum();
        return shared > share * Math.max(a.distanceKm(), b.distanceKm());
    }
}
