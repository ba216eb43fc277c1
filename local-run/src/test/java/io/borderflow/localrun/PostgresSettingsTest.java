package io.borderflow.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** BORDERFLOW_POSTGRES_SETTINGS as the local run reads it: name=value pairs added to the embedded server's settings. */
class PostgresSettingsTest {
    @Test
    void pairsAreReadInOrderAndAValueMayHoldAnEqualsSign() {
        assertThat(EmbeddedDatabase.postgresSettings(
                        " shared_preload_libraries=pg_stat_statements  work_mem=8MB\tapp=a=b "))
                .containsExactly(
                        java.util.Map.entry("shared_preload_libraries", "pg_stat_statements"),
                        java.util.Map.entry("work_mem", "8MB"),
                        java.util.Map.entry("app", "a=b"));
    }

    @Test
    void nothingSetAddsNothing() {
        assertThat(EmbeddedDatabase.postgresSettings(null)).isEmpty();
        assertThat(EmbeddedDatabase.postgresSettings("  ")).isEmpty();
    }

    @Test
    void aPairWithoutANameOrValueSignIsRefusedByName() {
        assertThatThrownBy(() -> EmbeddedDatabase.postgresSettings("work_mem=8MB fsync"))
                .isInstanceOf(SuiteStartException.class)
                .hasMessageContaining("\"fsync\"");
        assertThatThrownBy(() -> EmbeddedDatabase.postgresSettings("=on"))
                .isInstanceOf(SuiteStartException.class)
                .hasMessageContaining("\"=on\"");
    }

    @Test
    void whatDurabilityRestsOnCannotBeTurnedOff() {
        for (String pair : java.util.List.of(
                "synchronous_commit=off", "fsync=off", "FULL_PAGE_WRITES=off", "wal_sync_method=open_sync")) {
            assertThatThrownBy(() -> EmbeddedDatabase.postgresSettings("work_mem=8MB " + pair))
                    .as(pair)
                    .isInstanceOf(SuiteStartException.class)
                    .hasMessageContaining("cannot be changed");
        }
    }
}
