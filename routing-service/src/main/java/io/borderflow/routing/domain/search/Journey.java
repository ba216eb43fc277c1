package io.borderflow.routing.domain.search;

import io.borderflow.routing.model.route.ChannelOutlook;
import io.borderflow.routing.model.route.CrossingStep;
import io.borderflow.routing.model.route.FerryStep;
import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.InspectionChannel;
import io.borderflow.routing.model.route.LegStep;
import io.borderflow.routing.model.route.TrainStep;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The time, cost and risk model of one step of a route, for one search (one departure, one cargo, one set of border
 * conditions). The search calls it without an {@link Itinerary}; the chosen routes are replayed through it with one,
 * so both see exactly the same numbers.
 * <ul>
 * <li><b>Crossing</b>, at a place with a border control where the country changes between the place before and the
 * place after (the place's own country standing in at either end of the route): wait for the opening if closed; queue
 * for the channel-weighted mean of the queue waits ({@link InspectionChannel#queue()}); the control, sum of p(channel) *
 * time(channel). Its spread: the 90th percentile of the channel outcomes (each channel's p90 wait plus its control),
 * weighted by p(channel), at least the central value. Adds the border fee; multiplies the risks.</li>
 * <li><b>Ferry</b>: the boarding wait (median), then the next sailing, then the sailing time; spread: the boarding
 * wait's p90 gap. Adds the tariff per metre times the truck's length.</li>
 * <li><b>Rail</b>: the same with the terminal's handling (loading, or the change of wagons where the gauge changes)
 * for the boarding wait and the next train for the sailing. Adds the tariff per load.</li>
 * <li><b>Road</b>: the leg's typical driving time plus the daily rests the {@link DrivingRules} need; spread: the
 * driving time times (p90 factor - 1). Adds distance times the cost per km (the mean of the two ends' countries).</li>
 * </ul>
 * Any stop at least as long as a daily rest resets the driving clock. Every step is FIFO when the border conditions
 * are: a later start never finishes earlier.
 */
final class Journey {
    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private final Network network;
    private final RouteParameters parameters;
    private final ArcCosts arcs;
    private final CrossingConditions conditions;
    private final CargoOutlook cargo;
    private final long maxDrivingMillis;
    private final long restMillis;

    Journey(
            Network network,
            RouteParameters parameters,
            ArcCosts arcs,
            CrossingConditions conditions,
            CargoOutlook cargo) {
        this.network = network;
        this.parameters = parameters;
        this.arcs = arcs;
        this.conditions = conditions;
        this.cargo = cargo;
        this.maxDrivingMillis = parameters.driving().maxDailyDriving().toMillis();
        this.restMillis = parameters.driving().dailyRest().toMillis();
    }

    Label start(int origin, long departure) {
        return new Label(
                null,
                null,
                origin,
                network.countryIndex(origin),
                departure,
                0,
                1,
                1,
                0,
                0,
                0,
                Label.visit(Label.noPlaces(network.size()), origin));
    }

    /** The truck at {@code at} crosses there if it must, then takes {@code arc}; null if a crossing will not open. */
    Label extend(Label at, Network.Arc arc, Itinerary record) {
        long time = at.time;
        double fixedCost = at.fixedCost;
        double noRefusal = at.noRefusal;
        double noRed = at.noRed;
        double spread = at.spreadSquared;
        long driving = at.drivingMillis;
        int hereCountry = network.countryIndex(at.node);
        int nextCountry = network.countryIndex(arc.to());
        if (network.hasBorderControl(at.node) && at.fromCountry != nextCountry) {
            Crossed crossed = cross(at.node, at.fromCountry, nextCountry, time, record);
            if (crossed == null) {
                return null;
            }
            fixedCost += crossed.fee;
            noRefusal *= 1 - crossed.refused;
            noRed *= 1 - crossed.red;
            spread += crossed.gapHours * crossed.gapHours;
            if (crossed.cleared - time >= restMillis) {
                driving = 0;
            }
            time = crossed.cleared;
        }
        Link link = arc.link();
        long moving = arcs.movingMillis(arc);
        ScheduledService service = arcs.service(arc);
        if (service != null) {
            long ready = time + service.waitMedian().toMillis();
            long departs = service.schedule().next(Instant.ofEpochMilli(ready)).toEpochMilli();
            long arrives = departs + moving;
            double tariff = arcs.fixedCost(arc);
            double gap = service.waitP90().minus(service.waitMedian()).toMillis() / MILLIS_PER_HOUR;
            if (record != null) {
                record(record, arc, service, time, departs, arrives, tariff);
            }
            fixedCost += tariff;
            spread += gap * gap;
            if (arrives - time >= restMillis) {
                driving = 0;
            }
            time = arrives;
        } else {
            long remaining = moving;
            int rests = 0;
            while (driving + remaining > maxDrivingMillis) {
                remaining -= maxDrivingMillis - driving;
                driving = 0;
                rests++;
            }
            driving += remaining;
            long arrival = time + moving + rests * restMillis;
            double cost = arcs.fixedCost(arc);
            double gap = moving / MILLIS_PER_HOUR * (parameters.road().timeP90Factor() - 1);
            if (record != null) {
                Place from = network.place(arc.from());
                Place to = network.place(arc.to());
                record.legs.add(new LegStep(
                        link.legId(),
                        link.mode(),
                        from.id(),
                        to.id(),
                        link.distanceKm(),
                        Instant.ofEpochMilli(time),
                        Instant.ofEpochMilli(arrival),
                        Duration.ofMillis(moving),
                        Duration.ofMillis(rests * restMillis)));
                record.distanceCost += cost;
                record.distanceKm += link.distanceKm();
            }
            fixedCost += cost;
            spread += gap * gap;
            time = arrival;
        }
        return new Label(
                at, arc, arc.to(), hereCountry, time, fixedCost, noRefusal, noRed, spread, driving, at.legs + 1, null);
    }

    /** A ferry or rail leg in the route's account: the leg, and the ferry crossing or the train taken. */
    private void record(
            Itinerary record,
            Network.Arc arc,
            ScheduledService service,
            long ready,
            long departs,
            long arrives,
            double tariff) {
        Link link = arc.link();
        Place from = network.place(arc.from());
        Place to = network.place(arc.to());
        Instant readyAt = Instant.ofEpochMilli(ready);
        Instant departure = Instant.ofEpochMilli(departs);
        Instant arrival = Instant.ofEpochMilli(arrives);
        if (service instanceof FerryService) {
            record.ferries.add(new FerryStep(
                    link.legId(),
                    from.id(),
                    to.id(),
                    readyAt,
                    service.waitMedian(),
                    service.waitP90(),
                    departure,
                    arrival,
                    tariff));
            record.ferryCost += tariff;
        } else {
            record.trains.add(new TrainStep(
                    link.legId(),
                    from.id(),
                    to.id(),
                    readyAt,
                    service.waitMedian(),
                    service.waitP90(),
                    departure,
                    arrival,
                    tariff));
            record.railCost += tariff;
        }
        record.legs.add(new LegStep(
                link.legId(),
                link.mode(),
                from.id(),
                to.id(),
                link.distanceKm(),
                departure,
                arrival,
                Duration.ofMillis(arcs.movingMillis(arc)),
                Duration.ZERO));
        record.distanceKm += link.distanceKm();
    }

    /** The truck ends its route at {@code at}: it crosses there if it entered the place's country; null if closed. */
    Label arrive(Label at, Itinerary record) {
        int hereCountry = network.countryIndex(at.node);
        if (!network.hasBorderControl(at.node) || at.fromCountry == hereCountry) {
            return at;
        }
        Crossed crossed = cross(at.node, at.fromCountry, hereCountry, at.time, record);
        if (crossed == null) {
            return null;
        }
        return new Label(
                at.parent,
                at.arc,
                at.node,
                at.fromCountry,
                crossed.cleared,
                at.fixedCost + crossed.fee,
                at.noRefusal * (1 - crossed.refused),
                at.noRed * (1 - crossed.red),
                at.spreadSquared + crossed.gapHours * crossed.gapHours,
                0,
                at.legs,
                null);
    }

    private Crossed cross(int node, int fromCountry, int toCountry, long arrival, Itinerary record) {
        Place place = network.place(node);
        BorderCrossing crossing = new BorderCrossing(
                place.checkpointId(), place.id(), network.country(fromCountry), network.country(toCountry));
        ChannelOutlook channels = cargo.at(crossing);
        InspectionChannel[] all = InspectionChannel.values();
        double[] queueWeight = new double[all.length];
        for (InspectionChannel channel : all) {
            queueWeight[channel.queue().ordinal()] += channels.probability(channel);
        }
        Instant arrivalInstant = Instant.ofEpochMilli(arrival);
        // leaving the checkpoint's country, or entering it: each direction is its own queue
        String direction = crossing.fromCountry().equals(place.country()) ? "EXIT" : "ENTRY";
        CrossingOutlook[] outlooks = new CrossingOutlook[all.length];
        long opens = arrival;
        double waitMedian = 0;
        double waitP90 = 0;
        Freshness freshness = null;
        Freshness calendarFreshness = null;
        for (InspectionChannel queue : all) {
            double weight = queueWeight[queue.ordinal()];
            if (weight <= 0) {
                continue;
            }
            CrossingOutlook outlook = conditions.outlook(place.checkpointId(), direction, arrivalInstant, queue);
            if (outlook.closedIndefinitely()) {
                return null;
            }
            outlooks[queue.ordinal()] = outlook;
            if (outlook.opensAt().isPresent()) {
                opens = Math.max(opens, outlook.opensAt().get().toEpochMilli());
            }
            waitMedian += weight * outlook.waitMedian().toMillis();
            waitP90 += weight * outlook.waitP90().toMillis();
            freshness = lessFresh(freshness, outlook.freshness());
            calendarFreshness = lessFresh(calendarFreshness, outlook.calendarFreshness());
        }
        double inspection = channels.expectedInspection().toMillis();
        double central = waitMedian + inspection;
        double[][] outcomes = new double[all.length][];
        int count = 0;
        for (InspectionChannel channel : all) {
            double p = channels.probability(channel);
            if (p > 0) {
                outcomes[count++] = new double[] {
                    outlooks[channel.queue().ordinal()].waitP90().toMillis()
                            + channels.inspectionTime(channel).toMillis(),
                    p
                };
            }
        }
        double[][] sorted = Arrays.copyOf(outcomes, count);
        Arrays.sort(sorted, (a, b) -> Double.compare(a[0], b[0]));
        double p90 = sorted[count - 1][0];
        double cumulative = 0;
        for (double[] outcome : sorted) {
            cumulative += outcome[1];
            if (cumulative >= 0.9 - 1e-9) {
                p90 = outcome[0];
                break;
            }
        }
        long cleared = opens + Math.round(central);
        double fee = parameters.borderFees().at(place.checkpointId());
        if (record != null) {
            record.crossings.add(new CrossingStep(
                    place.checkpointId(),
                    place.id(),
                    crossing.fromCountry(),
                    crossing.toCountry(),
                    arrivalInstant,
                    opens > arrival ? Optional.of(Instant.ofEpochMilli(opens)) : Optional.empty(),
                    Duration.ofMillis(opens - arrival),
                    Duration.ofMillis(Math.round(waitMedian)),
                    Duration.ofMillis(Math.round(waitP90)),
                    channels,
                    channels.expectedInspection(),
                    Instant.ofEpochMilli(cleared),
                    freshness,
                    calendarFreshness,
                    fee));
            record.borderFees += fee;
        }
        return new Crossed(
                cleared, Math.max(0, p90 - central) / MILLIS_PER_HOUR, channels.refused(), channels.red(), fee);
    }

    /** UNKNOWN before STALE before NOMINAL before LIVE; the older of two of a kind. */
    private static Freshness lessFresh(Freshness a, Freshness b) {
        if (a == null) {
            return b;
        }
        int rankA = rank(a.kind());
        int rankB = rank(b.kind());
        if (rankA != rankB) {
            return rankA < rankB ? a : b;
        }
        Duration ageA = a.age().orElse(Duration.ZERO);
        return b.age().orElse(Duration.ZERO).compareTo(ageA) > 0 ? b : a;
    }

    private static int rank(Freshness.Kind kind) {
        return switch (kind) {
            case UNKNOWN -> 0;
            case STALE -> 1;
            case NOMINAL -> 2;
            case LIVE -> 3;
        };
    }

    private record Crossed(long cleared, double gapHours, double refused, double red, double fee) {}
}
