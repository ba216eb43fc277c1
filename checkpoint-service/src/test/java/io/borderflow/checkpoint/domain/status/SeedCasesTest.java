package io.borderflow.checkpoint.domain.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.checkpoint.domain.estimation.LaneKind;
import io.borderflow.checkpoint.domain.status.StatusCalculator.CheckpointFacts;
import io.borderflow.checkpoint.domain.status.StatusCalculator.VisitFacts;
import io.borderflow.checkpoint.model.CheckpointDataset;
import io.borderflow.checkpoint.model.CheckpointStatusView;
import io.borderflow.support.calendar.OpeningCalendar;
import io.borderflow.support.reference.ReferenceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seeds' Kazakhstan-Russia case on the shipped reference data: 2,500 to 7,500 trucks (reported) stood at the
 * Kazakhstan-Russia crossings for 3-5 days. Spread over the five road crossings in proportion to what each clears a day
 * (carriers go where the queue moves; an assumption), all released at the booth so that the crossings' capacities,
 * not the lanes, set the pace, a truck arriving now waits 3 to 5 days for the reported 5,000 to 7,500.
 */
class SeedCasesTest {
    private static final Instant NOW = Instant.parse("2025-10-15T06:00:00Z");
    private static final List<String> KZ_RU_ROAD = List.of("zhaisan", "zhelkuar", "mamlyutka", "syrym", "kairak");

    private static CheckpointDataset data() throws Exception {
        Path file = Path.of("src/main/resources/reference/checkpoints.json");
        return ReferenceFile.parse(file.toString(), Files.readAllBytes(file), CheckpointDataset.class)
                .content();
    }

    @ParameterizedTest
    @ValueSource(ints = {5000, 7500})
    void theReportedBacklogOverTheFiveRoadCrossingsToRussiaIsThreeToFiveDays(int trucks) throws Exception {
        List<CheckpointDataset.CheckpointData> crossings = data().checkpoints().stream()
                .filter(c -> KZ_RU_ROAD.contains(c.id()))
                .toList();
        assertThat(crossings).hasSize(5);
        int perDay = crossings.stream()
                .mapToInt(c -> c.nominalCapacity().vehiclesPerDay())
                .sum();
        // 300 + 150 + 300 + 500 (Syrym while rebuilt) + 400
        assertThat(perDay).isEqualTo(1650);

        for (CheckpointDataset.CheckpointData crossing : crossings) {
            int capacity = crossing.nominalCapacity().vehiclesPerDay();
            int waiting = (int) Math.round((double) trucks * capacity / perDay);
            Map<LaneKind, Integer> lanes = new EnumMap<>(LaneKind.class);
            crossing.lanes().forEach(l -> lanes.merge(LaneKind.valueOf(l.kind()), l.count(), Integer::sum));
            CheckpointFacts facts = new CheckpointFacts(
                    crossing.id(),
                    OpeningCalendar.alwaysOpen(ZoneId.of(crossing.schedule().timeZone()), List.of()),
                    lanes,
                    lanes,
                    capacity);
            List<VisitFacts> visits = new ArrayList<>();
            for (int i = 0; i < waiting; i++) {
                visits.add(new VisitFacts(
                        "WAITING",
                        "REGULAR",
                        "GREEN",
                        "EXIT",
                        NOW.minusSeconds(60 + i),
                        null,
                        null,
                        Duration.ofMinutes(5).toSeconds()));
            }

            CheckpointStatusView.DirectionStatus leaving =
                    StatusCalculator.compute(facts, visits, NOW).directions().get(0);

            Duration wait = leaving.estimatedWaits().stream()
                    .filter(w -> w.channel() == null)
                    .findFirst()
                    .orElseThrow()
                    .waitTime();
            assertThat(wait)
                    .as("%s: %d waiting at %d a day", crossing.id(), waiting, capacity)
                    .isBetween(Duration.ofDays(3), Duration.ofDays(5));
        }
    }
}
