package io.borderflow.checkpoint.domain;

import static io.borderflow.support.reference.ReferenceDataCheck.notBlank;

import io.borderflow.checkpoint.model.HolidayDataset;
import io.borderflow.checkpoint.model.HolidayDataset.Holiday;
import io.borderflow.support.paging.ResourceNames;
import io.borderflow.support.reference.ReferenceDataCheck;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a holiday closures file must meet before any of it is loaded: ids usable in request ids and unique,
 * checkpoints that exist, a real time zone, an end after the start and at most 366 days later, a reason, a direction
 * if any that is EXIT or ENTRY, and a provenance for every closure.
 */
public final class HolidayDatasetCheck {
    public static final String DATASET = "holiday-closures";
    private static final Pattern ID = Pattern.compile(ResourceNames.ID_REGEX);

    private HolidayDatasetCheck() {}

    /**
     * @param checkpoints the checkpoint ids of the checkpoint reference data
     * @throws io.borderflow.support.reference.InvalidReferenceDataException listing every problem
     */
    public static void validate(HolidayDataset data, Set<String> checkpoints) {
        ReferenceDataCheck check = new ReferenceDataCheck(DATASET, data.sources());
        check.require(DATASET.equals(data.dataset()), "dataset must be '" + DATASET + "'");
        check.require(notBlank(data.version()), "version is required");
        check.require(data.closures() != null, "closures are required");
        Set<String> ids = new HashSet<>();
        for (Holiday holiday : data.closures() == null ? java.util.List.<Holiday>of() : data.closures()) {
            String at = "closure " + holiday.id();
            check.require(holiday.id() != null && ID.matcher(holiday.id()).matches(), at + ": id must match " + ID);
            check.require(ids.add(holiday.id()), at + ": id is used twice");
            check.require(
                    notBlank(holiday.reason()) && holiday.reason().length() <= 500,
                    at + ": reason of 1 to 500 characters is required");
            check.require(
                    holiday.checkpoints() != null && !holiday.checkpoints().isEmpty(),
                    at + ": checkpoints must not be empty");
            if (holiday.checkpoints() != null) {
                for (String checkpoint : holiday.checkpoints()) {
                    check.require(checkpoints.contains(checkpoint), at + ": unknown checkpoint '" + checkpoint + "'");
                }
            }
            check.require(
                    holiday.direction() == null
                            || holiday.direction().equals("EXIT")
                            || holiday.direction().equals("ENTRY"),
                    at + ": direction must be EXIT, ENTRY or absent (both)");
            try {
                Instant start = start(holiday);
                Instant end = end(holiday);
                check.require(
                        end.isAfter(start) && Duration.between(start, end).compareTo(Duration.ofDays(366)) <= 0,
                        at + ": end must be after start, at most 366 days later");
            } catch (DateTimeException | NullPointerException e) {
                check.require(
                        false, at + ": time_zone, start and end (yyyy-MM-ddTHH:mm) are required: " + e.getMessage());
            }
            check.provenance(at, holiday.provenance());
        }
        check.finish();
    }

    /** When the closure starts. */
    public static Instant start(Holiday holiday) {
        return LocalDateTime.parse(holiday.start())
                .atZone(ZoneId.of(holiday.timeZone()))
                .toInstant();
    }

    /** When it ends. */
    public static Instant end(Holiday holiday) {
        return LocalDateTime.parse(holiday.end())
                .atZone(ZoneId.of(holiday.timeZone()))
                .toInstant();
    }
}
