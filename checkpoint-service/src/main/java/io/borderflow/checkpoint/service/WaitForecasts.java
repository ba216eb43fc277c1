package io.borderflow.checkpoint.service;

import io.borderflow.checkpoint.model.CheckpointStatusView;
import io.borderflow.checkpoint.repository.CheckpointRepository;
import io.borderflow.checkpoint.repository.OperationsRepository;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.error.FieldViolation;
import io.borderflow.support.queueing.QueueForecast;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The wait a truck will meet at a checkpoint, in its direction, at its arrival: the checkpoint's current status of
 * that direction carried to the arrival by {@link QueueForecast}, the forecast routing-service's route search applies
 * to the same status, on the calendar of that direction (its opening hours and the closures of both directions and of
 * its own). One status and one calendar per checkpoint asked, however many queries name it.
 */
@ApplicationScoped
public class WaitForecasts {
    /** The most queries in one call. */
    public static final int MAX_QUERIES = 500;
    /** How far ahead an arrival may be. */
    public static final Duration HORIZON = Duration.ofDays(14);
    /** How far before now an arrival may be, for the clocks of the caller and the server. */
    public static final Duration GRACE = Duration.ofMinutes(5);

    private final CheckpointStatusApplicationService statuses;
    private final CheckpointRepository checkpoints;
    private final OperationsRepository operations;

    public WaitForecasts(
            CheckpointStatusApplicationService statuses,
            CheckpointRepository checkpoints,
            OperationsRepository operations) {
        this.statuses = statuses;
        this.checkpoints = checkpoints;
        this.operations = operations;
    }

    /**
     * One question: a checkpoint, the direction (EXIT or ENTRY), the arrival, the channel (GREEN...REFUSED, null: not
     * decided). A field is null when the caller gave none or a malformed one; {@code problems} then says why.
     */
    public record Query(String checkpointId, String direction, Instant arrival, String channel) {}

    /**
     * The answer to a query.
     *
     * @param opens when the crossing opens, for an arrival while it is closed; else null
     * @param waitTime from joining to the start of the control; null when not within a year
     * @param handling the channel's handling time as the status has it
     */
    public record Forecast(
            Query query,
            Instant opens,
            Duration waitTime,
            double trucksAhead,
            Duration handling,
            Instant statusTime,
            String basis) {}

    /** Every problem of the queries at {@code now}, as field violations named {@code queries[i].field}. */
    public static List<FieldViolation> problems(List<Query> queries, Instant now) {
        List<FieldViolation> problems = new ArrayList<>();
        if (queries.isEmpty() || queries.size() > MAX_QUERIES) {
            problems.add(new FieldViolation("queries", "1 to " + MAX_QUERIES + " queries are required"));
            return problems;
        }
        for (int i = 0; i < queries.size(); i++) {
            Query query = queries.get(i);
            String at = "queries[" + i + "].";
            if (query.checkpointId() == null) {
                problems.add(new FieldViolation(at + "checkpoint", "checkpoints/{checkpoint_id} is required"));
            }
            if (!"EXIT".equals(query.direction()) && !"ENTRY".equals(query.direction())) {
                problems.add(new FieldViolation(at + "direction", "DIRECTION_EXIT or DIRECTION_ENTRY is required"));
            }
            if (query.channel() != null
                    && !List.of("GREEN", "BLUE", "YELLOW", "RED", "REFUSED").contains(query.channel())) {
                problems.add(new FieldViolation(at + "channel", "an InspectionChannel value, or unspecified"));
            }
            if (query.arrival() == null) {
                problems.add(new FieldViolation(at + "arrival_time", "required"));
            } else if (query.arrival().isBefore(now.minus(GRACE))
                    || query.arrival().isAfter(now.plus(HORIZON))) {
                problems.add(new FieldViolation(
                        at + "arrival_time", "from now to " + HORIZON.toDays() + " days on (the forecast's horizon)"));
            }
        }
        return problems;
    }

    /**
     * The forecasts, in the order of the queries, which must have no {@link #problems}.
     *
     * @throws io.borderflow.support.error.NotFoundException {@code CHECKPOINT_NOT_FOUND} (in the Uni)
     */
    public Uni<List<Forecast>> forecast(List<Query> queries) {
        List<String> ids = new ArrayList<>(
                new LinkedHashSet<>(queries.stream().map(Query::checkpointId).toList()));
        Map<String, CheckpointStatusView> status = new LinkedHashMap<>();
        Map<String, LiveCheckpoint> live = new LinkedHashMap<>();
        Uni<Void> loaded = Uni.createFrom().voidItem();
        for (String id : ids) {
            // the status first, with no session held (see CheckpointStatusApplicationService#status), then the
            // checkpoint's calendar in a session of its own
            loaded = loaded.chain(() -> statuses.status(id).invoke(s -> status.put(id, s)))
                    .chain(() -> Panache.withSession(() -> LiveCheckpoint.load(checkpoints, operations, id))
                            .invoke(l -> live.put(id, l)))
                    .replaceWithVoid();
        }
        return loaded.map(done -> queries.stream()
                .map(q -> forecast(q, status.get(q.checkpointId()), live.get(q.checkpointId())))
                .toList());
    }

    private static Forecast forecast(Query query, CheckpointStatusView status, LiveCheckpoint live) {
        CheckpointStatusView.DirectionStatus flow = status.directions().stream()
                .filter(d -> d.direction().equals(query.direction()))
                .findFirst()
                .orElseThrow();
        OpeningCalendar calendar = live.calendar(query.direction());
        Optional<Instant> opens =
                calendar.isOpen(query.arrival()) ? Optional.of(query.arrival()) : calendar.nextOpening(query.arrival());
        Duration handling = status.handling().stream()
                .filter(h -> Objects.equals(h.channel(), estimationChannel(query.channel())))
                .map(CheckpointStatusView.Handling::mean)
                .findFirst()
                .orElse(null);
        if (opens.isEmpty()) {
            return new Forecast(query, null, null, 0, handling, status.updateTime(), flow.capacityBasis());
        }
        Instant join = opens.get();
        QueueForecast forecast = QueueForecast.damped(
                calendar,
                flow.clearancesPerOpenHour(),
                flow.arrivalsPerHour(),
                flow.trucksWaiting(),
                status.updateTime());
        Duration wait = forecast.servedAt(join)
                .map(start -> Duration.between(join, start))
                .orElse(null);
        return new Forecast(
                query,
                join.equals(query.arrival()) ? null : join,
                wait,
                forecast.queuedAt(join),
                handling,
                status.updateTime(),
                flow.capacityBasis());
    }

    /** The status's name of a channel's handling figure: REFUSED queues with the documentary checks. */
    private static String estimationChannel(String channel) {
        return "REFUSED".equals(channel) ? "YELLOW" : channel;
    }
}
