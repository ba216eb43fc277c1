package io.borderflow.routing.grpc;

import io.borderflow.api.routing.v1.BorderCrossing;
import io.borderflow.api.routing.v1.Cargo;
import io.borderflow.api.routing.v1.ChannelChance;
import io.borderflow.api.routing.v1.DataFreshness;
import io.borderflow.api.routing.v1.FerryCrossing;
import io.borderflow.api.routing.v1.FindRoutesRequest;
import io.borderflow.api.routing.v1.FindRoutesResponse;
import io.borderflow.api.routing.v1.LiveData;
import io.borderflow.api.routing.v1.Objective;
import io.borderflow.api.routing.v1.Route;
import io.borderflow.api.routing.v1.RouteCost;
import io.borderflow.api.routing.v1.RouteLeg;
import io.borderflow.api.routing.v1.RouteRisk;
import io.borderflow.api.routing.v1.TrainTransit;
import io.borderflow.api.routing.v1.TransportMode;
import io.borderflow.routing.model.route.BorderDataCoverage;
import io.borderflow.routing.model.route.CrossingStep;
import io.borderflow.routing.model.route.FerryStep;
import io.borderflow.routing.model.route.Freshness;
import io.borderflow.routing.model.route.InspectionChannel;
import io.borderflow.routing.model.route.LegStep;
import io.borderflow.routing.model.route.RouteAlternative;
import io.borderflow.routing.model.route.RouteAnswer;
import io.borderflow.routing.model.route.RouteRequest;
import io.borderflow.routing.model.route.TrainStep;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.grpc.ProtoTimes;
import io.borderflow.support.paging.ResourceNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps FindRoutes between the v1 proto messages and the route search's request and answer. */
final class RouteProtoMapper {
    private RouteProtoMapper() {}

    /** @throws InvalidArgumentException {@code INVALID_ROUTE_QUERY} for names and enum values it cannot read */
    static RouteRequest request(FindRoutesRequest r) {
        List<FieldViolation> problems = new ArrayList<>();
        String origin = placeId(r.getOrigin(), "origin", problems);
        String destination = placeId(r.getDestination(), "destination", problems);
        if (r.getObjective() == Objective.UNRECOGNIZED) {
            problems.add(new FieldViolation("objective", "one of the Objective values"));
        }
        Set<String> checkpoints = new LinkedHashSet<>();
        for (int i = 0; i < r.getConstraints().getAvoidCheckpointsCount(); i++) {
            String name = r.getConstraints().getAvoidCheckpoints(i);
            if (name.matches("checkpoints/[a-z0-9-]{1,63}")) {
                checkpoints.add(name.substring("checkpoints/".length()));
            } else {
                problems.add(new FieldViolation(
                        "constraints.avoid_checkpoints[" + i + "]",
                        "checkpoints/{checkpoint_id}, e.g. checkpoints/zhaisan"));
            }
        }
        Set<String> modes = new LinkedHashSet<>();
        for (int i = 0; i < r.getConstraints().getAllowedModesCount(); i++) {
            TransportMode mode = r.getConstraints().getAllowedModes(i);
            if (mode == TransportMode.TRANSPORT_MODE_UNSPECIFIED || mode == TransportMode.UNRECOGNIZED) {
                problems.add(
                        new FieldViolation("constraints.allowed_modes[" + i + "]", "one of the TransportMode values"));
            } else {
                modes.add(mode.name().substring("TRANSPORT_MODE_".length()));
            }
        }
        String declaration = null;
        if (!r.getDeclaration().isEmpty()) {
            if (r.getDeclaration().matches("declarations/[0-9a-f-]{36}")) {
                declaration = r.getDeclaration().substring("declarations/".length());
            } else {
                problems.add(new FieldViolation("declaration", "declarations/{declaration_id}"));
            }
        }
        if (r.hasCargo() == !r.getDeclaration().isEmpty()) {
            problems.add(new FieldViolation("cargo", "set cargo or declaration, one of them"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidArgumentException(
                    "INVALID_ROUTE_QUERY",
                    "the request has " + problems.size() + " problem(s); see the field violations",
                    Map.of(),
                    problems);
        }
        String objective = r.getObjective() == Objective.OBJECTIVE_UNSPECIFIED
                ? null
                : r.getObjective().name().substring("OBJECTIVE_".length());
        return new RouteRequest(
                origin,
                destination,
                r.hasDepartureTime() ? ProtoTimes.instant(r.getDepartureTime()) : null,
                objective,
                r.getWeights().getTimeWeight(),
                r.getWeights().getCostWeight(),
                r.getWeights().getRiskWeight(),
                new LinkedHashSet<>(r.getConstraints().getAvoidCountryCodesList()),
                checkpoints,
                modes,
                r.getConstraints().hasLatestArrivalTime()
                        ? ProtoTimes.instant(r.getConstraints().getLatestArrivalTime())
                        : null,
                r.getConstraints().getMaxAlternatives(),
                r.hasCargo() ? cargo(r.getCargo()) : null,
                declaration);
    }

    private static String placeId(String name, String field, List<FieldViolation> problems) {
        try {
            return ResourceNames.parseId("places", name, field);
        } catch (InvalidArgumentException e) {
            problems.add(new FieldViolation(field, "places/{place_id}, e.g. places/urumqi"));
            return null;
        }
    }

    private static RouteRequest.CargoProfile cargo(Cargo c) {
        return new RouteRequest.CargoProfile(
                c.getGoodsLinesList().stream()
                        .map(l -> new RouteRequest.GoodsLineData(
                                l.getHsCode(),
                                l.getDescription(),
                                l.getBrand(),
                                l.getQuantity(),
                                l.getQuantityUnit(),
                                l.getNetWeightKg(),
                                l.getCustomsValue(),
                                l.getCurrency(),
                                l.getOriginCountryCode()))
                        .toList(),
                c.getOriginCountryCode(),
                c.getDestinationCountryCode(),
                c.hasConsignor()
                        ? new RouteRequest.PartyData(
                                c.getConsignor().getName(), c.getConsignor().getCountryCode())
                        : null,
                c.hasConsignee()
                        ? new RouteRequest.PartyData(
                                c.getConsignee().getName(), c.getConsignee().getCountryCode())
                        : null,
                c.getTraderAeo());
    }

    static FindRoutesResponse response(RouteAnswer answer) {
        FindRoutesResponse.Builder response = FindRoutesResponse.newBuilder().setSearchTime(time(answer.searchTime()));
        answer.result().noRoute().ifPresent(reason -> response.setNoRouteReason(reason.name()));
        answer.result().alternatives().forEach(route -> response.addRoutes(route(route, answer.channelFreshness())));
        BorderDataCoverage coverage = answer.borderData();
        response.setBorderData(io.borderflow.api.routing.v1.BorderDataCoverage.newBuilder()
                .setCheckpoints(coverage.checkpoints())
                .setStatusLive(coverage.statusLive())
                .setStatusStale(coverage.statusStale())
                .setStatusUnknown(coverage.statusUnknown())
                .setCalendarLive(coverage.calendarLive())
                .setCalendarStale(coverage.calendarStale())
                .setCalendarUnknown(coverage.calendarUnknown()));
        return response.build();
    }

    private static Route route(RouteAlternative a, Map<String, Freshness> channelFreshness) {
        Route.Builder route = Route.newBuilder()
                .setRank(a.rank())
                .setCorridor(io.borderflow.api.routing.v1.Corridor.valueOf(
                        "CORRIDOR_" + a.corridor().name()))
                .setLabel(a.label())
                .setExplanation(a.explanation())
                .setDepartureTime(time(a.departure()))
                .setArrivalTime(time(a.arrival()))
                .setMedianTime(span(a.medianTime()))
                .setP90Time(span(a.p90Time()))
                .setDistanceKm(Math.round(a.distanceKm() * 10) / 10.0)
                .setCost(RouteCost.newBuilder()
                        .setCurrency(a.cost().currency())
                        .setTotal(money(a.cost().total()))
                        .setDistance(money(a.cost().distance()))
                        .setTime(money(a.cost().time()))
                        .setFerry(money(a.cost().ferry()))
                        .setRail(money(a.cost().rail()))
                        .setBorderFees(money(a.cost().borderFees())))
                .setRisk(RouteRisk.newBuilder()
                        .setRefusalOrRedirectProbability(a.risk().refusalOrRedirect())
                        .setRedInspectionProbability(a.risk().redInspection()));
        LiveData.Builder live = LiveData.newBuilder()
                .setStale(a.liveData().stale())
                .setNominal(a.liveData().nominal())
                .setUnknown(a.liveData().unknown());
        a.liveData().oldestLiveAge().ifPresent(age -> live.setOldestLiveAge(span(age)));
        route.setLiveData(live);
        a.legs().forEach(leg -> route.addLegs(leg(leg)));
        a.crossings()
                .forEach(crossing -> route.addCrossings(crossing(
                        crossing, channelFreshness.getOrDefault(crossing.checkpointId(), Freshness.nominal()))));
        a.ferries().forEach(ferry -> route.addFerries(ferry(ferry)));
        a.trains().forEach(train -> route.addTrains(train(train)));
        return route.build();
    }

    private static RouteLeg leg(LegStep leg) {
        return RouteLeg.newBuilder()
                .setLeg("legs/" + leg.legId())
                .setMode(TransportMode.valueOf("TRANSPORT_MODE_" + leg.mode().name()))
                .setFromPlace("places/" + leg.from())
                .setToPlace("places/" + leg.to())
                .setDistanceKm(leg.distanceKm())
                .setDepartureTime(time(leg.departure()))
                .setArrivalTime(time(leg.arrival()))
                .setRest(span(leg.rest()))
                .build();
    }

    private static BorderCrossing crossing(CrossingStep c, Freshness channels) {
        BorderCrossing.Builder crossing = BorderCrossing.newBuilder()
                .setCheckpoint("checkpoints/" + c.checkpointId())
                .setPlace("places/" + c.placeId())
                .setFromCountryCode(c.fromCountry())
                .setToCountryCode(c.toCountry())
                .setArrivalTime(time(c.arrival()))
                .setWaitForOpening(span(c.waitForOpening()))
                .setWaitMedian(span(c.waitMedian()))
                .setWaitP90(span(c.waitP90()))
                .setExpectedInspection(span(c.expectedInspection()))
                .setClearedTime(time(c.cleared()))
                .setWaitFreshness(freshness(c.freshness()))
                .setChannelFreshness(freshness(channels))
                .setFee(money(c.fee()))
                .setCalendarFreshness(freshness(c.calendarFreshness()));
        c.opensAt().ifPresent(t -> crossing.setOpensTime(time(t)));
        c.freshness().age().ifPresent(age -> crossing.setWaitAge(span(age)));
        c.calendarFreshness().age().ifPresent(age -> crossing.setCalendarAge(span(age)));
        for (InspectionChannel channel : InspectionChannel.values()) {
            crossing.addChannels(ChannelChance.newBuilder()
                    .setChannel(io.borderflow.api.inspection.v1.Channel.valueOf("CHANNEL_" + channel.name()))
                    .setProbability(c.channels().probability(channel))
                    .setInspectionTime(span(c.channels().inspectionTime(channel))));
        }
        return crossing.build();
    }

    private static FerryCrossing ferry(FerryStep f) {
        return FerryCrossing.newBuilder()
                .setLeg("legs/" + f.legId())
                .setFromPlace("places/" + f.from())
                .setToPlace("places/" + f.to())
                .setReadyTime(time(f.readyAt()))
                .setBoardingWaitMedian(span(f.boardingWaitMedian()))
                .setBoardingWaitP90(span(f.boardingWaitP90()))
                .setSailingTime(time(f.sailing()))
                .setLandingTime(time(f.landing()))
                .setTariff(money(f.tariff()))
                .build();
    }

    private static TrainTransit train(TrainStep t) {
        return TrainTransit.newBuilder()
                .setLeg("legs/" + t.legId())
                .setFromPlace("places/" + t.from())
                .setToPlace("places/" + t.to())
                .setReadyTime(time(t.readyAt()))
                .setHandlingMedian(span(t.handlingMedian()))
                .setHandlingP90(span(t.handlingP90()))
                .setDepartureTime(time(t.departure()))
                .setArrivalTime(time(t.arrival()))
                .setTariff(money(t.tariff()))
                .build();
    }

    private static DataFreshness freshness(Freshness freshness) {
        return DataFreshness.valueOf("DATA_FRESHNESS_" + freshness.kind().name());
    }

    /** Times to the second: the search's arithmetic runs in fractions of milliseconds no partner needs. */
    private static com.google.protobuf.Timestamp time(java.time.Instant instant) {
        return ProtoTimes.timestamp(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** Durations rounded to the second. */
    private static com.google.protobuf.Duration span(java.time.Duration duration) {
        return ProtoTimes.duration(java.time.Duration.ofSeconds(Math.round(duration.toMillis() / 1000.0)));
    }

    /** Money to the cent. */
    private static double money(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}
