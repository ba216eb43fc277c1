package io.borderflow.support.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceFileTest {

    record Figure(String id, int value, ProvenanceData provenance) {}

    record Dataset(String version, Map<String, SourceData> sources, List<Figure> figures) {}

    private static ReferenceFile.Loaded<Dataset> parse(String json) {
        return ReferenceFile.parse("test.json", json.getBytes(StandardCharsets.UTF_8), Dataset.class);
    }

    @Test
    void readsSnakeCaseAndDigestsTheBytes() {
        var loaded = parse("""
                {"version":"1","sources":{"s":{"kind":"REPORTED","citation":"C","url":"u"}},
                 "figures":[{"id":"a","value":3,"provenance":{"source":"s","note":"up to 3"}}]}""");
        assertThat(loaded.content().figures()).singleElement().satisfies(f -> {
            assertThat(f.value()).isEqualTo(3);
            assertThat(f.provenance().note()).isEqualTo("up to 3");
        });
        assertThat(loaded.sha256()).hasSize(64);
        assertThat(parse("""
                {"version":"2","sources":{},"figures":[]}""").sha256()).isNotEqualTo(loaded.sha256());
    }

    @Test
    void unknownKeysAreRejected() {
        assertThatThrownBy(() -> parse("""
                {"version":"1","sources":{},"figures":[],"surprise":true}""")).hasMessageContaining("surprise");
    }

    @Test
    void checkReportsEveryProvenanceProblemAtOnce() {
        var check = new ReferenceDataCheck(
                "test",
                Map.of(
                        "used", new SourceData("REPORTED", "C", null),
                        "unused", new SourceData("RUMOUR", "", null)));
        check.provenance("a", new ProvenanceData("used", null, null));
        check.provenance("b", new ProvenanceData("used", null, "guess"));
        check.provenance("c", new ProvenanceData(null, null, null));
        check.provenance("d", new ProvenanceData("missing", null, null));
        check.provenance("e", new ProvenanceData(null, "note", "basis"));
        check.provenance("f", null);

        assertThatThrownBy(check::finish)
                .isInstanceOfSatisfying(
                        InvalidReferenceDataException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "source unused: kind must be one of [REPORTED, OFFICIAL, RESEARCH]",
                                        "source unused: citation is required",
                                        "b: provenance needs exactly one of 'source' and 'estimate'",
                                        "c: provenance needs exactly one of 'source' and 'estimate'",
                                        "d: unknown source 'missing'",
                                        "e: a 'note' goes with a source, not with an estimate",
                                        "f: provenance is required",
                                        "source unused is listed but no figure cites it"));
    }

    @Test
    void cleanDataPasses() {
        var check = new ReferenceDataCheck("test", Map.of("s", new SourceData("OFFICIAL", "C", null)));
        check.provenance("a", new ProvenanceData("s", null, null));
        check.provenance("b", new ProvenanceData(null, null, "derived from a"));
        org.assertj.core.api.Assertions.assertThatCode(check::finish).doesNotThrowAnyException();
    }
}
