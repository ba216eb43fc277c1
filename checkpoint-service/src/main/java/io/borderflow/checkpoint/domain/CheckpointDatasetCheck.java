package io.borderflow.checkpoint.domain;

import static io.borderflow.support.reference.ReferenceDataCheck.notBlank;

import io.borderflow.checkpoint.model.CheckpointDataset;
import io.borderflow.checkpoint.model.CheckpointDataset.CheckpointData;
import io.borderflow.checkpoint.model.CheckpointDataset.LaneData;
import io.borderflow.support.paging.ResourceNames;
import io.borderflow.support.reference.ReferenceDataCheck;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a checkpoint reference data file must meet before any of it is loaded: ids usable in resource names,
 * borders consistent with the two countries, positive lanes and capacity, a real time zone, opening hours when not
 * open round the clock, and a provenance for every figure.
 */
public final class CheckpointDatasetCheck {
    public static final String DATASET = "checkpoints";
    private static final Pattern ID = Pattern.compile(ResourceNames.ID_REGEX);
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final List<String> MODES = List.of("ROAD", "RAIL", "FERRY");
    private static final List<String> LANE_KINDS = List.of("REGULAR", "PRIORITY", "INSPECTION_BAY", "XRAY");
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private CheckpointDatasetCheck() {}

    /** @throws io.borderflow.support.reference.InvalidReferenceDataException listing every problem */
    public static void validate(CheckpointDataset data) {
        ReferenceDataCheck check = new ReferenceDataCheck(DATASET, data.sources());
        check.require(DATASET.equals(data.dataset()), "dataset must be '" + DATASET + "'");
        check.require(notBlank(data.version()), "version is required");
        check.require(data.checkpoints() != null && !data.checkpoints().isEmpty(), "checkpoints must not be empty");
        Set<String> ids = new HashSet<>();
        for (CheckpointData checkpoint : data.checkpoints() == null ? List.<CheckpointData>of() : data.checkpoints()) {
            String at = "checkpoint " + checkpoint.id();
            check.require(
                    checkpoint.id() != null && ID.matcher(checkpoint.id()).matches(),
                    at + ": id must be lower-case letters, digits and hyphens");
            check.require(ids.add(checkpoint.id()), at + ": duplicate id");
            check.require(notBlank(checkpoint.displayName()), at + ": display_name is required");
            check.require(MODES.contains(checkpoint.mode()), at + ": mode must be one of " + MODES);
            checkCountries(check, at, checkpoint);
            checkCounterpart(check, at, checkpoint);
            checkLocation(check, at, checkpoint);
            check.require(
                    checkpoint.lanes() != null && !checkpoint.lanes().isEmpty(), at + ": lanes must not be empty");
            checkLanes(check, at + " lanes", checkpoint.lanes());
            checkSchedule(check, at, checkpoint);
            if (checkpoint.nominalCapacity() == null) {
                check.require(false, at + ": nominal_capacity is required");
            } else {
                Integer perDay = checkpoint.nominalCapacity().vehiclesPerDay();
                check.require(
                        perDay != null && perDay > 0, at + ": nominal_capacity.vehicles_per_day must be positive");
                check.provenance(
                        at + " nominal_capacity", checkpoint.nominalCapacity().provenance());
            }
        }
        check.finish();
    }

    private static void checkCountries(ReferenceDataCheck check, String at, CheckpointData checkpoint) {
        boolean countries = checkpoint.country() != null
                && COUNTRY.matcher(checkpoint.country()).matches()
                && checkpoint.counterpartCountry() != null
                && COUNTRY.matcher(checkpoint.counterpartCountry()).matches();
        check.require(countries, at + ": country and counterpart_country must be ISO 3166-1 alpha-2 codes");
        check.require(Border.isWellFormed(checkpoint.border()), at + ": border must look like KZ-RU");
        if (countries && Border.isWellFormed(checkpoint.border())) {
            check.require(
                    Border.parse(checkpoint.border()).joins(checkpoint.country(), checkpoint.counterpartCountry()),
                    at + ": border " + checkpoint.border() + " does not join " + checkpoint.country() + " and "
                            + checkpoint.counterpartCountry());
        }
    }

    private static void checkCounterpart(ReferenceDataCheck check, String at, CheckpointData checkpoint) {
        if (checkpoint.counterpart() == null) {
            check.require(false, at + ": counterpart is required");
            return;
        }
        check.require(notBlank(checkpoint.counterpart().name()), at + ": counterpart.name is required");
        check.provenance(at + " counterpart", checkpoint.counterpart().provenance());
        checkLanes(
                check,
                at + " counterpart lanes",
                checkpoint.counterpart().lanes() == null
                        ? List.of()
                        : checkpoint.counterpart().lanes());
    }

    private static void checkLocation(ReferenceDataCheck check, String at, CheckpointData checkpoint) {
        var location = checkpoint.location();
        if (location == null || location.latitude() == null || location.longitude() == null) {
            check.require(false, at + ": location with latitude and longitude is required");
            return;
        }
        check.require(
                Math.abs(location.latitude()) <= 90 && Math.abs(location.longitude()) <= 180,
                at + ": location out of range");
        check.provenance(at + " location", location.provenance());
    }

    private static void checkLanes(ReferenceDataCheck check, String at, List<LaneData> lanes) {
        Set<String> kinds = new HashSet<>();
        for (LaneData lane : lanes) {
            check.require(LANE_KINDS.contains(lane.kind()), at + ": kind must be one of " + LANE_KINDS);
            check.require(kinds.add(String.valueOf(lane.kind())), at + ": kind " + lane.kind() + " listed twice");
            check.require(lane.count() != null && lane.count() > 0, at + ": count must be positive");
            check.provenance(at + " " + lane.kind(), lane.provenance());
        }
    }

    private static void checkSchedule(ReferenceDataCheck check, String at, CheckpointData checkpoint) {
        var schedule = checkpoint.schedule();
        if (schedule == null || schedule.alwaysOpen() == null) {
            check.require(false, at + ": schedule with always_open is required");
            return;
        }
        try {
            ZoneId.of(String.valueOf(schedule.timeZone()));
        } catch (DateTimeException e) {
            check.require(false, at + ": schedule.time_zone is not an IANA time zone: " + schedule.timeZone());
        }
        var hours = schedule.hours() == null ? List.<CheckpointDataset.HoursData>of() : schedule.hours();
        check.require(
                schedule.alwaysOpen() == hours.isEmpty(),
                at + ": schedule needs hours exactly when it is not always_open");
        for (var entry : hours) {
            check.require(
                    entry.days() != null && !entry.days().isEmpty() && DAYS.containsAll(entry.days()),
                    at + ": schedule days must be among " + DAYS);
            check.require(isTime(entry.open()) && isTime(entry.close()), at + ": schedule open/close must be HH:MM");
        }
        check.provenance(at + " schedule", schedule.provenance());
    }

    private static boolean isTime(String text) {
        try {
            LocalTime.parse(String.valueOf(text));
            return String.valueOf(text).length() == 5;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** ISO day number (1 = Monday) of a three-letter day of the data file. */
    public static int isoDay(String day) {
        return DAYS.indexOf(day) + 1;
    }
}
