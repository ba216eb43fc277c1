package io.borderflow.checkpoint.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.borderflow.checkpoint.model.HolidayDataset;
import io.borderflow.support.reference.InvalidReferenceDataException;
import io.borderflow.support.reference.ProvenanceData;
import io.borderflow.support.reference.ReferenceFile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HolidayDatasetCheckTest {
    private static final Set<String> CHECKPOINTS =
            Set.of("nur-zholy", "alakol", "bakhty", "maikapchagai", "kalzhat", "pogranichny", "blagoveshchensk");

    @Test
    void theShippedCalendarIsValid() {
        HolidayDataset shipped = ReferenceFile.read("reference/holiday-closures.json", HolidayDataset.class)
                .content();

        assertThatCode(() -> HolidayDatasetCheck.validate(shipped, CHECKPOINTS)).doesNotThrowAnyException();
        assertThat(shipped.closures()).isNotEmpty();
    }

    @Test
    void everyProblemIsListed() {
        ProvenanceData estimate = new ProvenanceData(null, null, "basis: a test");
        HolidayDataset bad = new HolidayDataset(
                "holiday-closures",
                "1",
                "",
                Map.of(),
                List.of(
                        new HolidayDataset.Holiday(
                                "ok-2027",
                                "A holiday",
                                List.of("nur-zholy"),
                                "Asia/Shanghai",
                                "2027-10-01T00:00",
                                "2027-10-04T00:00",
                                null,
                                estimate),
                        new HolidayDataset.Holiday(
                                "backwards-2027",
                                "Ends first",
                                List.of("nowhere"),
                                "Asia/Almaty",
                                "2027-10-04T00:00",
                                "2027-10-01T00:00",
                                "SIDEWAYS",
                                estimate),
                        new HolidayDataset.Holiday(
                                "no-zone-2027",
                                "No zone",
                                List.of("kalzhat"),
                                "Mars/Olympus",
                                "2027-10-01T00:00",
                                "2027-10-02T00:00",
                                null,
                                null)));

        InvalidReferenceDataException refused = catchThrowableOfType(
                InvalidReferenceDataException.class, () -> HolidayDatasetCheck.validate(bad, CHECKPOINTS));

        assertThat(refused.problems())
                .hasSize(5)
                .anySatisfy(p -> assertThat(p).contains("backwards-2027: unknown checkpoint 'nowhere'"))
                .anySatisfy(p -> assertThat(p).contains("backwards-2027: direction"))
                .anySatisfy(p -> assertThat(p).contains("backwards-2027: end must be after start"))
                .anySatisfy(p -> assertThat(p).contains("no-zone-2027: time_zone, start and end"))
                .anySatisfy(p -> assertThat(p).contains("no-zone-2027: provenance is required"));
    }
}
