package io.borderflow.loadharness;

import static org.assertj.core.api.Assertions.assertThat;

import io.borderflow.loadharness.report.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {

    @Test
    void aSecondRunOfTheSameDayKeepsTheFirstOnesResults(@TempDir Path out) throws Exception {
        LoadHarness.write(RunResults.sample(), out);
        String first = Files.readString(out.resolve("load-2026-11-23.json"));

        LoadHarness.write(RunResults.sample(), out);

        assertThat(out.resolve("load-2026-11-23.json")).hasContent(first);
        assertThat(out.resolve("load-2026-11-23-2.json")).exists();
        assertThat(out.resolve("load-2026-11-23-2.svg")).exists();
        assertThat(Files.readString(out.resolve("load.md")))
                .contains("load-2026-11-23-2.json", "load-2026-11-23-2.svg")
                .doesNotContain("load-2026-11-23.json");
    }
}
