package io.borderflow.checkpoint.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.checkpoint.domain.estimation.LaneKind;
import io.borderflow.checkpoint.domain.status.StatusCalculator;
import io.borderflow.checkpoint.domain.status.VisitTallies;
import io.borderflow.checkpoint.model.RulesetHandling;
import io.borderflow.checkpoint.model.TruckVisitEntity;
import io.borderflow.checkpoint.model.VisitTally;
import io.borderflow.support.calendar.OpeningCalendar;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The database's count of a checkpoint's visits ({@link VisitRows#statusTally}) against the plain-Java count of the
 * same visits ({@link VisitTallies#of}): random visits in every state, with times on both sides of each window's start
 * and exactly on it, written in a transaction that is rolled back, so no other test sees them.
 */
@QuarkusTest
class StatusTallyTest {
    private static final String CHECKPOINT = "zabaykalsk";
    private static final List<String> STATES = List.of(
            "BOOKED", "WAITING", "CALLED", "IN_INSPECTION", "CLEARED", "REFUSED", "REDIRECTED", "NO_SHOW", "CANCELLED");
    private static final List<String> CHANNELS =
            java.util.Arrays.asList(null, "GREEN", "BLUE", "YELLOW", "RED", "REFUSED");

    @Inject
    Pool pool;

    @Inject
    VisitRows rows;

    @Test
    void theDatabaseCountsAsThePlainJavaTallyDoes() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (long seed = 1; seed <= 3; seed++) {
            List<TruckVisitEntity> visits = visits(new Random(seed), now, 400);
            Compared compared = inRolledBackTransaction(connection -> rows.saveVisits(connection, visits, List.of())
                    .chain(() -> rows.statusTally(connection, CHECKPOINT, VisitTallies.windows(now)))
                    .chain(tally -> facts(connection, now).map(facts -> new Compared(tally, facts))));

            VisitTally expected = VisitTallies.of(compared.facts(), now);
            assertThat(compared.database().groups())
                    .as("seed %d", seed)
                    .containsExactlyInAnyOrderElementsOf(expected.groups());
            assertThat(compared.database().observedWaits()).as("seed %d", seed).isEqualTo(expected.observedWaits());
            assertThat(compared.database().observedWaits())
                    .as("cleared trucks were written")
                    .isNotNull();
            assertThat(compared.database().groups())
                    .extracting(VisitTally.Group::state)
                    .as("every state was written")
                    .containsAll(STATES);

            StatusCalculator.CheckpointFacts checkpoint = new StatusCalculator.CheckpointFacts(
                    CHECKPOINT,
                    OpeningCalendar.alwaysOpen(ZoneId.of("Asia/Chita"), List.of()),
                    Map.of(LaneKind.REGULAR, 4, LaneKind.PRIORITY, 1),
                    Map.of(LaneKind.REGULAR, 4, LaneKind.PRIORITY, 1),
                    400);
            assertThat(compared.database().groups())
                    .as("handling and occupancies were written")
                    .anySatisfy(g -> assertThat(g.decided()).isPositive())
                    .anySatisfy(g -> assertThat(g.occupancies()).isPositive());
            assertThat(StatusCalculator.compute(checkpoint, compared.database(), RulesetHandling.FALLBACK, now))
                    .isEqualTo(StatusCalculator.compute(checkpoint, compared.facts(), RulesetHandling.FALLBACK, now));
        }
    }

    @Test
    void aCheckpointWithoutVisitsTalliesNothing() {
        VisitTally tally = rows.statusTally("no-such-checkpoint", VisitTallies.windows(Instant.now()))
                .await()
                .atMost(Duration.ofSeconds(10));

        assertThat(tally.groups()).isEmpty();
        assertThat(tally.observedWaits()).isNull();
    }

    private record Compared(VisitTally database, List<StatusCalculator.VisitFacts> facts) {}

    /**
     * The visits at the checkpoint that can count for a status (open, or arrived or ended in the last day), read as
     * they are stored: those written by the test and any other test's.
     */
    private static Uni<List<StatusCalculator.VisitFacts>> facts(SqlConnection connection, Instant now) {
        OffsetDateTime dayAgo = now.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC);
        return connection
                .preparedQuery("select state, lane_kind, channel, direction, arrive_time, inspection_start_time,"
                        + " end_time, expected_handling_seconds from truck_visit"
                        + " where checkpoint_id = $1 and (state = any($2) or arrive_time >= $3 or end_time >= $3)")
                .execute(Tuple.of(CHECKPOINT, VisitRepository.OPEN.toArray(String[]::new), dayAgo))
                .map(found -> {
                    List<StatusCalculator.VisitFacts> list = new ArrayList<>();
                    found.forEach(row -> list.add(new StatusCalculator.VisitFacts(
                            row.getString(0),
                            row.getString(1),
                            row.getString(2),
                            row.getString(3),
                            instant(row.getOffsetDateTime(4)),
                            instant(row.getOffsetDateTime(5)),
                            instant(row.getOffsetDateTime(6)),
                            row.getLong(7))));
                    return list;
                });
    }

    private <T> T inRolledBackTransaction(java.util.function.Function<SqlConnection, Uni<T>> work) {
        return pool.withConnection(connection ->
                        connection.begin().chain(tx -> work.apply(connection).call(() -> tx.rollback())))
                .await()
                .atMost(Duration.ofSeconds(30));
    }

    /** Random visits; a third of their times fall exactly on a window's start (one hour, six hours, one day ago). */
    private static List<TruckVisitEntity> visits(Random random, Instant now, int count) {
        List<Instant> edges =
                List.of(now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(6)), now.minus(Duration.ofDays(1)));
        List<TruckVisitEntity> visits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String state = STATES.get(i % STATES.size());
            Instant arrive = random.nextInt(3) == 0
                    ? edges.get(random.nextInt(3))
                    : now.minusSeconds(random.nextInt(40 * 3600)).minusNanos(random.nextInt(1_000_000) * 1000L);
            boolean ended = List.of("CLEARED", "REFUSED", "REDIRECTED", "NO_SHOW", "CANCELLED")
                    .contains(state);
            boolean arrived = !state.equals("BOOKED") && (!ended || random.nextInt(5) > 0);
            Instant end = !ended
                    ? null
                    : random.nextInt(3) == 0
                            ? edges.get(random.nextInt(3))
                            : arrive.plusSeconds(random.nextInt(20 * 3600));
            if (end != null && end.isAfter(now)) {
                end = now;
            }
            TruckVisitEntity v = new TruckVisitEntity();
            v.id = "tally-" + UUID.randomUUID();
            v.checkpointId = CHECKPOINT;
            v.plateKey = "TALLY" + i;
            v.plate = v.plateKey;
            v.carrierId = "tally-carrier";
            v.direction = random.nextBoolean() ? "EXIT" : "ENTRY";
            v.laneKind = random.nextInt(4) == 0 ? "PRIORITY" : "REGULAR";
            v.channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
            v.expectedHandlingSeconds = random.nextInt(3) == 0 ? null : 60L * (5 + random.nextInt(240));
            v.state = state;
            v.startTime = arrive.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC);
            v.arriveTime = arrived ? arrive.atOffset(ZoneOffset.UTC) : null;
            v.endTime = end == null ? null : end.atOffset(ZoneOffset.UTC);
            if (arrived && (end != null || state.equals("IN_INSPECTION")) && random.nextInt(4) > 0) {
                // started between arriving and ending, or exactly on a window's start
                Instant until = end == null ? now : end;
                Instant start = random.nextInt(3) == 0
                        ? edges.get(random.nextInt(3))
                        : arrive.plusNanos((long) (random.nextDouble()
                                        * Duration.between(arrive, until).toNanos())
                                / 1000
                                * 1000);
                v.inspectionStartTime = start.atOffset(ZoneOffset.UTC);
            }
            v.updateTime = now.atOffset(ZoneOffset.UTC);
            visits.add(v);
        }
        return visits;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
