package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.CrossingStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The words of route labels and explanations: readable durations, sums of money and shares, in English. */
final class RouteExplanations {
    private static final Duration AS_FAST = Duration.ofMinutes(30);
    private static final double SAME_COST = 5;
    private static final double SAME_REFUSAL = 0.0005;
    private static final double SAME_RED = 0.005;

    private RouteExplanations() {}

    /** "What makes it best", then how the runner-up compares (or that nothing else is better on any criterion). */
    static String whyBest(Alternatives.Draft best, Alternatives.Draft next, Objective objective, String currency) {
        String why;
        switch (objective.kind()) {
            case CHEAPEST:
                why = "cheapest: " + money(best.cost().total(), currency) + " in " + duration(best.medianTime());
                break;
            case LEAST_RISK:
                why = "lowest risk of refusal: " + percent(best.risk().refusalOrRedirect()) + ", "
                        + duration(best.medianTime());
                break;
            case WEIGHTED:
                why = "best balance of time, cost and risk for the weights given: " + duration(best.medianTime()) + ", "
                        + money(best.cost().total(), currency);
                break;
            default:
                why = "fastest: " + duration(best.medianTime()) + ", "
                        + money(best.cost().total(), currency);
        }
        if (next == null) {
            return why + "; no other route found is faster, cheaper or less risky";
        }
        return why + "; the next alternative is " + timeAndCost(next, best, currency);
    }

    /**
     * How {@code route} differs from {@code best}: queues it avoids or meets, ferries it adds or avoids, the
     * stretch it goes by rail, the difference in time and cost, and in risk where it differs.
     */
    static String versus(Alternatives.Draft route, Alternatives.Draft best, String currency) {
        List<String> parts = new ArrayList<>();
        Map<String, CrossingStep> mine = byCheckpoint(route);
        Map<String, CrossingStep> theirs = byCheckpoint(best);
        Set<String> ports = route.ferries().stream()
                .flatMap(f -> Stream.of(f.from(), f.to()))
                .collect(Collectors.toSet());
        best.ferries().forEach(f -> {
            ports.add(f.from());
            ports.add(f.to());
        });
        boolean queues = false;
        for (CrossingStep crossing : best.crossings()) {
            if (!mine.containsKey(crossing.checkpointId())
                    && crossing.queueTime().compareTo(Alternatives.NOTABLE_QUEUE) >= 0) {
                parts.add("avoids the " + name(crossing) + " queue (about " + duration(crossing.queueTime()) + ")");
                queues = true;
            }
        }
        for (CrossingStep crossing : route.crossings()) {
            if (!theirs.containsKey(crossing.checkpointId())
                    && crossing.queueTime().compareTo(Alternatives.NOTABLE_QUEUE) >= 0) {
                parts.add("queues at " + name(crossing) + " (about " + duration(crossing.queueTime()) + ")");
                queues = true;
            }
        }
        List<String> added = crossingNames(route, theirs, ports);
        List<String> dropped = crossingNames(best, mine, ports);
        if (!queues && !added.isEmpty()) {
            parts.add("crosses at " + join(added) + (dropped.isEmpty() ? "" : " instead of " + join(dropped)));
        }
        Set<String> bestFerries = ferryNames(best);
        Set<String> routeFerries = ferryNames(route);
        routeFerries.stream().filter(f -> !bestFerries.contains(f)).forEach(f -> parts.add("adds " + f));
        bestFerries.stream().filter(f -> !routeFerries.contains(f)).forEach(f -> parts.add("avoids " + f));
        String routeRail = railStretch(route);
        String bestRail = railStretch(best);
        if (routeRail != null && !routeRail.equals(bestRail)) {
            parts.add("goes by rail " + routeRail);
        } else if (routeRail == null && bestRail != null) {
            parts.add("goes by road instead of by rail");
        }
        parts.add(timeAndCost(route, best, currency));
        double refusal = route.risk().refusalOrRedirect() - best.risk().refusalOrRedirect();
        if (Math.abs(refusal) >= SAME_REFUSAL) {
            parts.add("risk of refusal " + percent(route.risk().refusalOrRedirect()) + " instead of "
                    + percent(best.risk().refusalOrRedirect()));
        }
        double red = route.risk().redInspection() - best.risk().redInspection();
        if (Math.abs(red) >= SAME_RED) {
            parts.add("chance of a physical inspection " + percent(route.risk().redInspection()) + " instead of "
                    + percent(best.risk().redInspection()));
        }
        return String.join("; ", parts);
    }

    /** "1.3 days slower, USD 900 dearer". */
    private static String timeAndCost(Alternatives.Draft route, Alternatives.Draft best, String currency) {
        Duration time = route.medianTime().minus(best.medianTime());
        String when = time.abs().compareTo(AS_FAST) < 0
                ? "about as fast"
                : duration(time.abs()) + (time.isNegative() ? " faster" : " slower");
        double cost = route.cost().total() - best.cost().total();
        String price = Math.abs(cost) < SAME_COST
                ? "about the same cost"
                : money(Math.abs(cost), currency) + (cost < 0 ? " cheaper" : " dearer");
        return when + ", " + price;
    }

    private static Map<String, CrossingStep> byCheckpoint(Alternatives.Draft route) {
        Map<String, CrossingStep> crossings = new TreeMap<>();
        route.crossings().forEach(c -> crossings.putIfAbsent(c.checkpointId(), c));
        return crossings;
    }

    private static List<String> crossingNames(
            Alternatives.Draft route, Map<String, CrossingStep> other, Set<String> ports) {
        return route.crossings().stream()
                .filter(c -> !other.containsKey(c.checkpointId()) && !ports.contains(c.placeId()))
                .map(RouteExplanations::name)
                .distinct()
                .toList();
    }

    private static Set<String> ferryNames(Alternatives.Draft route) {
        return route.ferries().stream()
                .map(f -> "the " + idName(f.from()) + "-" + idName(f.to()) + " ferry")
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** "from Khorgos to Moscow": from the first train's terminal to the last one's; null without a train. */
    private static String railStretch(Alternatives.Draft route) {
        if (route.trains().isEmpty()) {
            return null;
        }
        return "from " + idName(route.trains().get(0).from()) + " to "
                + idName(route.trains().get(route.trains().size() - 1).to());
    }

    private static String name(CrossingStep crossing) {
        return idName(crossing.placeId());
    }

    /** "nur-zholy" gives "Nur Zholy". */
    static String idName(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                name.append(name.length() > 0 ? " " : "")
                        .append(Character.toUpperCase(part.charAt(0)))
                        .append(part.substring(1));
            }
        }
        return name.toString();
    }

    /** "A", "A and B", "A, B and C". */
    static String join(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** "40 minutes", "17 hours", "4 days", "1.3 days": hours below two days, days (one decimal) above. */
    static String duration(Duration duration) {
        long minutes = Math.round(duration.toSeconds() / 60.0);
        if (minutes < 60) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        long hours = Math.round(minutes / 60.0);
        if (hours < 48) {
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        double days = Math.round(minutes / 144.0) / 10.0;
        return (days == Math.rint(days) ? String.valueOf((long) days) : String.format(Locale.ROOT, "%.1f", days))
                + " days";
    }

    /** "USD 4,210": to the nearest 10. */
    static String money(double amount, String currency) {
        return currency + " " + String.format(Locale.ROOT, "%,d", Math.round(amount / 10) * 10);
    }

    /** "2.5%". */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
