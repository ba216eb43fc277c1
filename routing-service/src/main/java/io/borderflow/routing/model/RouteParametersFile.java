package io.borderflow.routing.model;

import io.borderflow.support.reference.ProvenanceData;
import io.borderflow.support.reference.ReferenceDataCheck;
import io.borderflow.support.reference.SourceData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The file {@code reference/route-parameters.json} as written (snake_case keys) and its checks; the service maps it to
 * the search's parameters.
 */
public record RouteParametersFile(
        String dataset,
        String version,
        String description,
        String currency,
        Map<String, SourceData> sources,
        RoadCostsData roadCosts,
        TimeCostData timeCost,
        BorderFeesData borderFees,
        DrivingRulesData drivingRules,
        TruckData truck,
        List<FerryData> ferries,
        List<TrainData> trains) {

    public record RoadCostsData(
            Double fuelPerKm,
            ProvenanceData fuelProvenance,
            Double wearPerKm,
            ProvenanceData wearProvenance,
            Double tollsPerKm,
            ProvenanceData tollsProvenance,
            List<CountryTollData> tollsByCountry,
            Double timeP90Factor,
            ProvenanceData timeP90Provenance) {}

    public record CountryTollData(String country, Double perKm, ProvenanceData provenance) {}

    public record TimeCostData(Double perHour, ProvenanceData provenance) {}

    public record BorderFeesData(Double perCrossing, ProvenanceData provenance, List<CheckpointFeeData> byCheckpoint) {}

    public record CheckpointFeeData(String checkpoint, Double fee, ProvenanceData provenance) {}

    public record DrivingRulesData(
            Double maxDailyDrivingHours,
            ProvenanceData maxDailyDrivingProvenance,
            Double dailyRestHours,
            ProvenanceData dailyRestProvenance) {}

    public record TruckData(Double lengthM, ProvenanceData lengthProvenance) {}

    public record FerryData(
            String leg,
            String from,
            Double tariffPerMetre,
            ProvenanceData tariffProvenance,
            Double sailingEveryHours,
            String firstSailing,
            ProvenanceData scheduleProvenance,
            Double boardingWaitMedianHours,
            ProvenanceData boardingWaitMedianProvenance,
            Double boardingWaitP90Hours,
            ProvenanceData boardingWaitP90Provenance) {}

    /**
     * A train service: {@code departs_every_hours} from {@code first_departure}, or {@code departs_when_ready} (a
     * through train that goes on once the load is handled).
     */
    public record TrainData(
            String leg,
            String from,
            Double tariffPerLoad,
            ProvenanceData tariffProvenance,
            Double departsEveryHours,
            String firstDeparture,
            Boolean departsWhenReady,
            ProvenanceData scheduleProvenance,
            Double handlingMedianHours,
            ProvenanceData handlingMedianProvenance,
            Double handlingP90Hours,
            ProvenanceData handlingP90Provenance) {}

    /** Every problem of the file: a missing figure or section, a figure without provenance, an unused source. */
    public List<String> problems() {
        ReferenceDataCheck check = new ReferenceDataCheck("route-parameters", sources);
        List<String> problems = new ArrayList<>();
        require(problems, "route-parameters".equals(dataset), "dataset must be 'route-parameters'");
        require(problems, version != null && currency != null, "version and currency are required");
        require(
                problems,
                roadCosts != null
                        && timeCost != null
                        && borderFees != null
                        && drivingRules != null
                        && truck != null
                        && ferries != null
                        && !ferries.isEmpty(),
                "every section is required");
        require(problems, trains != null, "trains is required (may be empty)");
        if (problems.isEmpty()) {
            figure(problems, check, "road fuel", roadCosts.fuelPerKm(), roadCosts.fuelProvenance());
            figure(problems, check, "road wear", roadCosts.wearPerKm(), roadCosts.wearProvenance());
            figure(problems, check, "road tolls", roadCosts.tollsPerKm(), roadCosts.tollsProvenance());
            figure(problems, check, "road time p90", roadCosts.timeP90Factor(), roadCosts.timeP90Provenance());
            require(problems, roadCosts.tollsByCountry() != null, "tolls_by_country is required (may be empty)");
            for (CountryTollData toll :
                    roadCosts.tollsByCountry() == null ? List.<CountryTollData>of() : roadCosts.tollsByCountry()) {
                figure(problems, check, "tolls " + toll.country(), toll.perKm(), toll.provenance());
            }
            figure(problems, check, "time cost", timeCost.perHour(), timeCost.provenance());
            figure(problems, check, "border fee", borderFees.perCrossing(), borderFees.provenance());
            require(problems, borderFees.byCheckpoint() != null, "by_checkpoint is required (may be empty)");
            for (CheckpointFeeData fee :
                    borderFees.byCheckpoint() == null ? List.<CheckpointFeeData>of() : borderFees.byCheckpoint()) {
                figure(problems, check, "fee " + fee.checkpoint(), fee.fee(), fee.provenance());
            }
            figure(
                    problems,
                    check,
                    "max daily driving",
                    drivingRules.maxDailyDrivingHours(),
                    drivingRules.maxDailyDrivingProvenance());
            figure(problems, check, "daily rest", drivingRules.dailyRestHours(), drivingRules.dailyRestProvenance());
            figure(problems, check, "truck length", truck.lengthM(), truck.lengthProvenance());
            for (FerryData ferry : ferries) {
                String at = "ferry " + ferry.leg() + " from " + ferry.from();
                require(problems, ferry.leg() != null && ferry.from() != null, at + ": leg and from are required");
                figure(problems, check, at + " tariff", ferry.tariffPerMetre(), ferry.tariffProvenance());
                figure(problems, check, at + " schedule", ferry.sailingEveryHours(), ferry.scheduleProvenance());
                require(problems, ferry.firstSailing() != null, at + ": first_sailing is required");
                figure(
                        problems,
                        check,
                        at + " boarding wait",
                        ferry.boardingWaitMedianHours(),
                        ferry.boardingWaitMedianProvenance());
                figure(
                        problems,
                        check,
                        at + " boarding wait p90",
                        ferry.boardingWaitP90Hours(),
                        ferry.boardingWaitP90Provenance());
            }
            for (TrainData train : trains == null ? List.<TrainData>of() : trains) {
                String at = "train " + train.leg() + " from " + train.from();
                require(problems, train.leg() != null && train.from() != null, at + ": leg and from are required");
                figure(problems, check, at + " tariff", train.tariffPerLoad(), train.tariffProvenance());
                boolean whenReady = Boolean.TRUE.equals(train.departsWhenReady());
                boolean timetable = train.departsEveryHours() != null && train.firstDeparture() != null;
                boolean noTimetable = train.departsEveryHours() == null && train.firstDeparture() == null;
                require(
                        problems,
                        whenReady ? noTimetable : timetable,
                        at + ": either departs_every_hours and first_departure, or departs_when_ready");
                require(
                        problems,
                        train.departsEveryHours() == null || train.departsEveryHours() > 0,
                        at + ": departs_every_hours must be positive");
                check.provenance(at + " schedule", train.scheduleProvenance());
                figure(
                        problems,
                        check,
                        at + " handling",
                        train.handlingMedianHours(),
                        train.handlingMedianProvenance());
                figure(problems, check, at + " handling p90", train.handlingP90Hours(), train.handlingP90Provenance());
            }
        }
        try {
            check.finish();
        } catch (io.borderflow.support.reference.InvalidReferenceDataException e) {
            problems.addAll(e.problems());
        }
        return problems;
    }

    private static void figure(
            List<String> problems, ReferenceDataCheck check, String what, Double value, ProvenanceData provenance) {
        require(problems, value != null && value >= 0, what + ": a figure, not negative, is required");
        check.provenance(what, provenance);
    }

    private static void require(List<String> problems, boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
    }
}
