package io.borderflow.checkpoint.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.checkpoint.model.CheckpointDataset;
import io.borderflow.checkpoint.model.CheckpointDataset.CheckpointData;
import io.borderflow.checkpoint.model.CheckpointDataset.LaneData;
import io.borderflow.support.reference.InvalidReferenceDataException;
import io.borderflow.support.reference.ProvenanceData;
import io.borderflow.support.reference.ReferenceFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointDatasetCheckTest {
    private static final CheckpointDataset DATA = ReferenceFile.read(
                    "reference/checkpoints.json", CheckpointDataset.class)
            .content();

    @Test
    void shippedDataIsValidAndCoversTheNamedCrossings() {
        assertThatCode(() -> CheckpointDatasetCheck.validate(DATA)).doesNotThrowAnyException();
        assertThat(DATA.checkpoints())
                .extracting(CheckpointData::id)
                .contains(
                        "zhaisan",
                        "zhelkuar",
                        "mamlyutka",
                        "syrym",
                        "kairak",
                        "nur-zholy",
                        "alakol",
                        "bakhty",
                        "maikapchagai",
                        "kalzhat",
                        "zabaykalsk",
                        "blagoveshchensk",
                        "pogranichny",
                        "aktau",
                        "kuryk",
                        "alat",
                        "red-bridge",
                        "sarpi");
    }

    @Test
    void everyProblemOfABadCheckpointIsReported() {
        CheckpointData zhaisan = DATA.checkpoints().get(0);
        CheckpointData bad = new CheckpointData(
                "Bad_Id",
                "",
                "KZ",
                "RU",
                "KZ-CN",
                null,
                "HOVERCRAFT",
                zhaisan.counterpart(),
                zhaisan.location(),
                List.of(
                        new LaneData("REGULAR", 0, new ProvenanceData(null, null, "guess")),
                        new LaneData("REGULAR", 2, new ProvenanceData("nowhere", null, null))),
                new CheckpointDataset.ScheduleData(
                        "Mars/Olympus", false, List.of(), zhaisan.schedule().provenance()),
                new CheckpointDataset.CapacityData(-5, new ProvenanceData(null, null, null)),
                null);
        List<CheckpointData> checkpoints = new ArrayList<>(DATA.checkpoints());
        checkpoints.add(bad);

        assertThatThrownBy(() -> CheckpointDatasetCheck.validate(new CheckpointDataset(
                        DATA.dataset(), DATA.version(), DATA.description(), DATA.sources(), checkpoints)))
                .isInstanceOfSatisfying(
                        InvalidReferenceDataException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "checkpoint Bad_Id: id must be lower-case letters, digits and hyphens",
                                        "checkpoint Bad_Id: display_name is required",
                                        "checkpoint Bad_Id: mode must be one of [ROAD, RAIL, FERRY]",
                                        "checkpoint Bad_Id: border KZ-CN does not join KZ and RU",
                                        "checkpoint Bad_Id lanes: count must be positive",
                                        "checkpoint Bad_Id lanes: kind REGULAR listed twice",
                                        "checkpoint Bad_Id lanes REGULAR: unknown source 'nowhere'",
                                        "checkpoint Bad_Id: schedule.time_zone is not an IANA time zone: Mars/Olympus",
                                        "checkpoint Bad_Id: schedule needs hours exactly when it is not always_open",
                                        "checkpoint Bad_Id: nominal_capacity.vehicles_per_day must be positive",
                                        "checkpoint Bad_Id nominal_capacity: provenance needs exactly one of 'source' and 'estimate'"));
    }

    @Test
    void borderHasNoDirection() {
        Border border = Border.parse("RU-CN");
        assertThat(border.spellings()).containsExactly("RU-CN", "CN-RU");
        assertThat(border.joins("CN", "RU")).isTrue();
        assertThat(border.joins("KZ", "RU")).isFalse();
        assertThat(Border.isWellFormed("KZ-KZ")).isFalse();
        assertThat(Border.isWellFormed("kz-ru")).isFalse();
        assertThat(Border.isWellFormed("KZ-RU")).isTrue();
    }
}
