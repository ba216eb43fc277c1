package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.domain.estimation.LaneKind;
import io.borderflow.checkpoint.domain.status.StatusCalculator;
import io.borderflow.checkpoint.model.CapacitySettingEntity;
import io.borderflow.checkpoint.model.CheckpointDetails;
import io.borderflow.checkpoint.model.CheckpointOperations;
import io.borderflow.checkpoint.model.ClosureEntity;
import io.borderflow.checkpoint.model.OpeningHoursEntity;
import io.borderflow.checkpoint.repository.CheckpointRepository;
import io.borderflow.checkpoint.repository.OperationsRepository;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.calendar.OpeningHours;
import io.borderflow.support.calendar.ScheduledClosure;
import io.borderflow.support.error.NotFoundException;
import io.smallrye.mutiny.Uni;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A checkpoint as it runs now: its reference data with what its border post changed (lanes open, closures that
 * stand, capacity). Status, truck views and the electronic queue are all computed from it, so a change reaches each
 * of them on its next request.
 */
record LiveCheckpoint(CheckpointDetails details, CheckpointOperations operations) {

    /** Needs a session. @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} (in the Uni) */
    static Uni<LiveCheckpoint> load(
            CheckpointRepository checkpoints, OperationsRepository operations, String checkpointId) {
        return checkpoints
                .findDetails(checkpointId)
                .map(found -> found.orElseThrow(
                        () -> new NotFoundException("CHECKPOINT_NOT_FOUND", "checkpoints/" + checkpointId)))
                .chain(details -> operations
                        .current(checkpointId, OffsetDateTime.now(ZoneOffset.UTC))
                        .map(current -> new LiveCheckpoint(details, current)));
    }

    String id() {
        return details.checkpoint().id;
    }

    /** Vehicles a day the checkpoint is to clear: the border post's setting, else the reference figure. */
    int vehiclesPerDay() {
        CapacitySettingEntity capacity = operations.capacity();
        return capacity != null ? capacity.vehiclesPerDay : details.checkpoint().capacityPerDay;
    }

    /** The checkpoint as the status calculator needs it: lanes open as set, closures, capacity as set. */
    StatusCalculator.CheckpointFacts facts() {
        Map<LaneKind, Integer> open = new EnumMap<>(LaneKind.class);
        Map<LaneKind, Integer> maximum = new EnumMap<>(LaneKind.class);
        for (var lane : CheckpointOperationsApplicationService.lanes(details, operations)) {
            open.merge(LaneKind.valueOf(lane.kind()), lane.open(), Integer::sum);
            maximum.merge(LaneKind.valueOf(lane.kind()), lane.maximum(), Integer::sum);
        }
        return new StatusCalculator.CheckpointFacts(
                id(),
                calendar(c -> c.direction == null),
                open,
                maximum,
                vehiclesPerDay(),
                Map.of("EXIT", calendar("EXIT"), "ENTRY", calendar("ENTRY")));
    }

    /**
     * Opening hours from the reference data, with every closure that stands, of either direction: the electronic
     * queue's windows, not yet kept per direction, close when either direction does.
     */
    OpeningCalendar calendar() {
        return calendar(c -> true);
    }

    /** The calendar a truck travelling in {@code direction} meets: the closures of both directions and of its own. */
    OpeningCalendar calendar(String direction) {
        return calendar(c -> c.direction == null || c.direction.equals(direction));
    }

    private OpeningCalendar calendar(java.util.function.Predicate<ClosureEntity> applies) {
        ZoneId zone = ZoneId.of(details.checkpoint().timeZone);
        List<ScheduledClosure> closures = operations.closures().stream()
                .filter(c -> c.cancelTime == null)
                .filter(applies)
                .map(c -> new ScheduledClosure(c.startTime.toInstant(), c.endTime.toInstant(), c.reason))
                .toList();
        if (details.checkpoint().alwaysOpen) {
            return OpeningCalendar.alwaysOpen(zone, closures);
        }
        List<OpeningHours> hours = new ArrayList<>();
        for (OpeningHoursEntity entry : details.openingHours()) {
            Set<DayOfWeek> days = Arrays.stream(entry.days.split(","))
                    .map(String::trim)
                    .map(Integer::parseInt)
                    .map(DayOfWeek::of)
                    .collect(Collectors.toSet());
            hours.add(new OpeningHours(days, entry.openTime, entry.closeTime));
        }
        return OpeningCalendar.weekly(zone, hours, closures);
    }
}
