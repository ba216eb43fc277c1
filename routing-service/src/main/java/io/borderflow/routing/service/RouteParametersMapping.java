package io.borderflow.routing.service;

import io.borderflow.routing.domain.search.BorderFees;
import io.borderflow.routing.domain.search.Departures;
import io.borderflow.routing.domain.search.DrivingRules;
import io.borderflow.routing.domain.search.FerryService;
import io.borderflow.routing.domain.search.RoadCosts;
import io.borderflow.routing.domain.search.RouteParameters;
import io.borderflow.routing.domain.search.TrainService;
import io.borderflow.routing.model.RouteParametersFile;
import io.borderflow.support.reference.InvalidReferenceDataException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The route parameters file mapped to the search's parameters, after its checks. */
public final class RouteParametersMapping {
    private RouteParametersMapping() {}

    /** @throws InvalidReferenceDataException listing every problem of the file */
    public static RouteParameters parameters(RouteParametersFile file) {
        List<String> problems = file.problems();
        if (!problems.isEmpty()) {
            throw new InvalidReferenceDataException("route-parameters", problems);
        }
        var roadCosts = file.roadCosts();
        var borderFees = file.borderFees();
        var drivingRules = file.drivingRules();
        Map<String, Double> tolls = new LinkedHashMap<>();
        roadCosts.tollsByCountry().forEach(toll -> tolls.put(toll.country(), toll.perKm()));
        Map<String, Double> fees = new LinkedHashMap<>();
        borderFees.byCheckpoint().forEach(fee -> fees.put(fee.checkpoint(), fee.fee()));
        List<FerryService> services = file.ferries().stream()
                .map(ferry -> new FerryService(
                        ferry.leg(),
                        ferry.from(),
                        ferry.tariffPerMetre(),
                        new Departures.Interval(Instant.parse(ferry.firstSailing()), hours(ferry.sailingEveryHours())),
                        hours(ferry.boardingWaitMedianHours()),
                        hours(ferry.boardingWaitP90Hours())))
                .toList();
        List<TrainService> trains = file.trains().stream()
                .map(train -> new TrainService(
                        train.leg(),
                        train.from(),
                        train.tariffPerLoad(),
                        Boolean.TRUE.equals(train.departsWhenReady())
                                ? new Departures.WhenReady()
                                : new Departures.Interval(
                                        Instant.parse(train.firstDeparture()), hours(train.departsEveryHours())),
                        hours(train.handlingMedianHours()),
                        hours(train.handlingP90Hours())))
                .toList();
        return new RouteParameters(
                file.currency(),
                new RoadCosts(
                        roadCosts.fuelPerKm(),
                        roadCosts.wearPerKm(),
                        roadCosts.tollsPerKm(),
                        tolls,
                        roadCosts.timeP90Factor()),
                file.timeCost().perHour(),
                new BorderFees(borderFees.perCrossing(), fees),
                new DrivingRules(hours(drivingRules.maxDailyDrivingHours()), hours(drivingRules.dailyRestHours())),
                file.truck().lengthM(),
                services,
                trains);
    }

    public static Duration hours(double hours) {
        return Duration.ofMillis(Math.round(hours * 3_600_000));
    }
}
