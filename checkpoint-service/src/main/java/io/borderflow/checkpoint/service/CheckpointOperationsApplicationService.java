package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.CapacitySettingEntity;
import io.borderflow.checkpoint.model.CheckpointDetails;
import io.borderflow.checkpoint.model.CheckpointOperations;
import io.borderflow.checkpoint.model.ClosureEntity;
import io.borderflow.checkpoint.model.LaneGroupEntity;
import io.borderflow.checkpoint.model.LaneSettingEntity;
import io.borderflow.checkpoint.repository.CheckpointRepository;
import io.borderflow.checkpoint.repository.OperationsRepository;
import io.borderflow.checkpoint.repository.StatusChangeFeed;
import io.borderflow.support.audit.AuditEntry;
import io.borderflow.support.audit.AuditTrail;
import io.borderflow.support.error.AlreadyExistsException;
import io.borderflow.support.error.FailedPreconditionException;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.error.InvalidArgumentException;
import io.borderflow.support.error.NotFoundException;
import io.borderflow.support.error.PermissionDeniedException;
import io.borderflow.support.reference.ReferenceFile;
import io.borderflow.support.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a border post changes about its checkpoint while it runs: lanes open, planned closures, the capacity to clear
 * a day. Each change is checked against the checkpoint's reference data, stored with its audit record, and read by
 * status and forecasts on their next request.
 */
@ApplicationScoped
public class CheckpointOperationsApplicationService {
    public static final Duration MAX_CLOSURE = Duration.ofDays(366);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private final CheckpointRepository checkpoints;
    private final OperationsRepository operations;
    private final AuditTrail audit;
    private final StatusChangeFeed feed;

    public CheckpointOperationsApplicationService(
            CheckpointRepository checkpoints,
            OperationsRepository operations,
            AuditTrail audit,
            StatusChangeFeed feed) {
        this.checkpoints = checkpoints;
        this.operations = operations;
        this.audit = audit;
        this.feed = feed;
    }

    /** A lane kind's setting as read: open now out of its maximum, and the last change (null when none). */
    public record LaneState(String kind, int open, int maximum, LaneSettingEntity lastChange) {}

    /** Lane states for every kind the checkpoint has. @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} */
    @WithSession
    public Uni<List<LaneState>> lanes(String checkpointId) {
        return details(checkpointId)
                .chain(details -> operations.current(checkpointId, now()).map(current -> lanes(details, current)));
    }

    /** Closures that have not ended. @throws NotFoundException {@code CHECKPOINT_NOT_FOUND} */
    @WithSession
    public Uni<List<ClosureEntity>> closures(String checkpointId) {
        return details(checkpointId)
                .chain(details -> operations.current(checkpointId, now()).map(CheckpointOperations::closures));
    }

    /**
     * @throws InvalidArgumentException {@code INVALID_LANES}
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     */
    @WithTransaction
    public Uni<LaneState> setOpenLanes(String checkpointId, String kind, int open, String reason, Caller caller) {
        requireOperator(checkpointId, caller);
        List<FieldViolation> problems = new ArrayList<>();
        reason(problems, "reason", reason);
        if (!problems.isEmpty()) {
            throw invalid("INVALID_LANES", problems);
        }
        return details(checkpointId).chain(details -> {
            int maximum = maximum(details, kind);
            if (maximum == 0 || open < 0 || open > maximum) {
                throw invalid(
                        "INVALID_LANES",
                        List.of(
                                maximum == 0
                                        ? new FieldViolation(
                                                "kind", "checkpoints/" + checkpointId + " has no lanes of this kind")
                                        : new FieldViolation("open", "from 0 to " + maximum)));
            }
            return operations
                    .lockCheckpoint(checkpointId)
                    .chain(() -> operations.findLaneSetting(checkpointId, kind))
                    .chain(setting -> {
                        boolean created = setting == null;
                        LaneSettingEntity row = created ? new LaneSettingEntity() : setting;
                        row.id = checkpointId + "/" + kind;
                        row.checkpointId = checkpointId;
                        row.laneKind = kind;
                        row.openCount = open;
                        row.reason = reason;
                        row.updatedBy = caller.subject();
                        row.updateTime = now();
                        return operations
                                .insertOrFlush(row, created)
                                .call(() -> feed.announce(checkpointId))
                                .call(() -> audit.append(AuditEntry.of(
                                        caller,
                                        "lanes.set",
                                        "checkpoints/" + checkpointId + "/lanes/" + kind,
                                        true,
                                        open + " of " + maximum + " open: " + reason)))
                                .replaceWith(new LaneState(kind, open, maximum, row));
                    });
        });
    }

    /**
     * @throws InvalidArgumentException {@code INVALID_CLOSURE}
     * @throws AlreadyExistsException {@code REQUEST_ID_REUSED}
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     */
    @WithTransaction
    public Uni<ClosureEntity> scheduleClosure(
            String checkpointId,
            String requestId,
            OffsetDateTime start,
            OffsetDateTime end,
            String reason,
            Caller caller) {
        requireOperator(checkpointId, caller);
        OffsetDateTime now = now();
        List<FieldViolation> problems = new ArrayList<>();
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            problems.add(new FieldViolation("request_id", "8 to 64 letters, digits, '-' or '_'"));
        }
        if (start == null) {
            problems.add(new FieldViolation("closure.start_time", "required"));
        }
        if (end == null) {
            problems.add(new FieldViolation("closure.end_time", "required"));
        } else if (!end.isAfter(now)) {
            problems.add(new FieldViolation(
                    "closure.end_time", "in the past: a closure that has ended cannot be scheduled"));
        }
        if (start != null
                && end != null
                && (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_CLOSURE) > 0)) {
            problems.add(new FieldViolation("closure.end_time", "after start_time, at most 366 days later"));
        }
        reason(problems, "closure.reason", reason);
        if (!problems.isEmpty()) {
            throw invalid("INVALID_CLOSURE", problems);
        }
        String sha =
                ReferenceFile.sha256(checkpointId + "|" + start.toInstant() + "|" + end.toInstant() + "|" + reason);
        return details(checkpointId)
                .chain(() -> operations.lockCheckpoint(checkpointId))
                .chain(() -> operations.findClosureByRequest(requestId))
                .chain(existing -> {
                    if (existing != null) {
                        if (!existing.contentSha256.equals(sha)) {
                            throw new AlreadyExistsException(
                                    "REQUEST_ID_REUSED",
                                    "request_id " + requestId + " was used for another closure",
                                    Map.of("request_id", requestId));
                        }
                        return Uni.createFrom().item(existing);
                    }
                    ClosureEntity closure = new ClosureEntity();
                    closure.id = UUID.randomUUID().toString();
                    closure.checkpointId = checkpointId;
                    closure.requestId = requestId;
                    closure.contentSha256 = sha;
                    closure.startTime = start.truncatedTo(ChronoUnit.MICROS);
                    closure.endTime = end.truncatedTo(ChronoUnit.MICROS);
                    closure.reason = reason;
                    closure.createdBy = caller.subject();
                    closure.createTime = now;
                    return operations
                            .insert(closure)
                            .call(() -> feed.announce(checkpointId))
                            .call(() -> audit.append(AuditEntry.of(
                                    caller,
                                    "closure.schedule",
                                    name(closure),
                                    true,
                                    closure.startTime.toInstant() + " to " + closure.endTime.toInstant() + ": "
                                            + reason)))
                            .replaceWith(closure);
                });
    }

    /**
     * @throws NotFoundException {@code CLOSURE_NOT_FOUND}
     * @throws FailedPreconditionException {@code CLOSURE_ENDED}
     * @throws PermissionDeniedException {@code CHECKPOINT_NOT_IN_CLAIM}
     */
    @WithTransaction
    public Uni<ClosureEntity> cancelClosure(String checkpointId, String closureId, Caller caller) {
        requireOperator(checkpointId, caller);
        OffsetDateTime now = now();
        return operations
                .lockCheckpoint(checkpointId)
                .chain(() -> operations.findClosure(closureId))
                .chain(closure -> {
                    if (closure == null || !closure.checkpointId.equals(checkpointId)) {
                        throw new NotFoundException(
                                "CLOSURE_NOT_FOUND", "checkpoints/" + checkpointId + "/closures/" + closureId);
                    }
                    if (closure.cancelTime != null) {
                        return Uni.createFrom().item(closure);
                    }
                    if (!closure.endTime.isAfter(now)) {
                        throw new FailedPreconditionException(
                                "CLOSURE_ENDED", name(closure) + " ended at " + closure.endTime.toInstant());
                    }
                    closure.cancelTime = now;
                    closure.cancelledBy = caller.subject();
                    return operations
                            .flush()
                            .call(() -> feed.announce(checkpointId))
                            .call(() -> audit.append(AuditEntry.of(
                                    caller, "closure.cancel", name(closure), true, "cancelled: " + closure.reason)))
                            .replaceWith(closure);
                });
    }

    /** Vehicles a day now, and the reference figure it replaces. */
    public record CapacityState(int vehiclesPerDay, int referenceVehiclesPerDay) {}

    /** @throws InvalidArgumentException {@code INVALID_CAPACITY} */
    @WithTransaction
    public Uni<CapacityState> setNominalCapacity(
            String checkpointId, int vehiclesPerDay, String reason, Caller caller) {
        requireOperator(checkpointId, caller);
        List<FieldViolation> problems = new ArrayList<>();
        if (vehiclesPerDay < 1 || vehiclesPerDay > 100_000) {
            problems.add(new FieldViolation("vehicles_per_day", "from 1 to 100,000"));
        }
        reason(problems, "reason", reason);
        if (!problems.isEmpty()) {
            throw invalid("INVALID_CAPACITY", problems);
        }
        return details(checkpointId)
                .chain(details -> operations
                        .lockCheckpoint(checkpointId)
                        .chain(() -> operations.findCapacity(checkpointId))
                        .chain(setting -> {
                            boolean created = setting == null;
                            CapacitySettingEntity row = created ? new CapacitySettingEntity() : setting;
                            row.checkpointId = checkpointId;
                            row.vehiclesPerDay = vehiclesPerDay;
                            row.reason = reason;
                            row.updatedBy = caller.subject();
                            row.updateTime = now();
                            int reference = details.checkpoint().capacityPerDay;
                            return operations
                                    .insertOrFlush(row, created)
                                    .call(() -> feed.announce(checkpointId))
                                    .call(() -> audit.append(AuditEntry.of(
                                            caller,
                                            "capacity.set",
                                            "checkpoints/" + checkpointId,
                                            true,
                                            vehiclesPerDay + " vehicles a day (reference " + reference + "): "
                                                    + reason)))
                                    .replaceWith(new CapacityState(vehiclesPerDay, reference));
                        }));
    }

    /** Lane states from the reference lanes and the settings. */
    static List<LaneState> lanes(CheckpointDetails details, CheckpointOperations current) {
        List<LaneState> states = new ArrayList<>();
        for (LaneGroupEntity group : details.lanes()) {
            if (!LaneGroupEntity.OWN.equals(group.side)) {
                continue;
            }
            LaneSettingEntity setting = current.lanes().stream()
                    .filter(s -> s.laneKind.equals(group.kind))
                    .findFirst()
                    .orElse(null);
            states.add(new LaneState(
                    group.kind,
                    setting == null ? group.count : Math.min(setting.openCount, group.count),
                    group.count,
                    setting));
        }
        return states;
    }

    private static int maximum(CheckpointDetails details, String kind) {
        return details.lanes().stream()
                .filter(g -> LaneGroupEntity.OWN.equals(g.side) && g.kind.equals(kind))
                .mapToInt(g -> g.count)
                .sum();
    }

    private Uni<CheckpointDetails> details(String checkpointId) {
        return checkpoints
                .findDetails(checkpointId)
                .map(found -> found.orElseThrow(
                        () -> new NotFoundException("CHECKPOINT_NOT_FOUND", "checkpoints/" + checkpointId)));
    }

    static String name(ClosureEntity closure) {
        return "checkpoints/" + closure.checkpointId + "/closures/" + closure.id;
    }

    private static void requireOperator(String checkpointId, Caller caller) {
        if (!caller.operates(checkpointId)) {
            throw new PermissionDeniedException(
                    "CHECKPOINT_NOT_IN_CLAIM", "the caller may not operate checkpoints/" + checkpointId);
        }
    }

    private static void reason(List<FieldViolation> problems, String field, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            problems.add(new FieldViolation(field, "required, up to 500 characters"));
        }
    }

    private static InvalidArgumentException invalid(String reason, List<FieldViolation> problems) {
        return new InvalidArgumentException(
                reason,
                "the request has " + problems.size() + " problem(s); see the field violations",
                Map.of(),
                problems);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
