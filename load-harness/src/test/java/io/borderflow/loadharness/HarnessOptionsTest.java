package io.borderflow.loadharness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.borderflow.loadharness.scenario.Scenarios;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HarnessOptionsTest {

    @Test
    void theDefaultsAreAFullRunOfEveryScenarioOfAboutSixMinutes() {
        HarnessOptions options = HarnessOptions.parse();

        assertThat(options.mode()).isEqualTo("full");
        assertThat(options.scenarios()).isEqualTo(Scenarios.NAMES);
        Duration perScenario = options.warmup()
                .plus(options.measure())
                .plus(options.rateDuration().multipliedBy(2));
        assertThat(perScenario.multipliedBy(Scenarios.NAMES.size()))
                .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(7));
        assertThat(options.concurrency()).isBetween(32, 128);
    }

    @Test
    void quickIsASmokeRunWellUnderNinetySeconds() {
        HarnessOptions options = HarnessOptions.parse("--quick");

        assertThat(options.mode()).isEqualTo("quick");
        Duration perScenario = options.warmup()
                .plus(options.measure())
                .plus(options.rateDuration().multipliedBy(2));
        assertThat(perScenario.multipliedBy(Scenarios.NAMES.size())).isLessThanOrEqualTo(Duration.ofSeconds(65));
    }

    @Test
    void scenariosCanBeChosenAndKeepTheRunOrder() {
        HarnessOptions options = HarnessOptions.parse("--scenario", "find-routes,health", "--measure", "7");

        assertThat(options.scenarios()).containsExactly("health", "find-routes");
        assertThat(options.measure()).hasSeconds(7);
        assertThat(options.mode()).isEqualTo("custom");
        assertThat(options.settings())
                .containsEntry("scenarios", "health,find-routes")
                .containsEntry("measureSeconds", 7L);
    }

    @Test
    void theEventWindowAndTheConnectionsAreChosenAndRecorded() {
        HarnessOptions defaults = HarnessOptions.parse();
        HarnessOptions chosen = HarnessOptions.parse("--event-window", "8", "--connections", "1", "--streams", "4");

        assertThat(defaults.settings())
                .containsEntry("eventWindowPerStream", 32)
                .containsEntry("connectionsPerService", 4);
        assertThat(chosen.eventWindow()).isEqualTo(8);
        assertThat(chosen.connections()).isEqualTo(1);
        assertThat(chosen.settings())
                .containsEntry("eventWindowPerStream", 8)
                .containsEntry("connectionsPerService", 1)
                .containsEntry("eventStreams", 4);
        assertThatThrownBy(() -> HarnessOptions.parse("--event-window", "0")).hasMessageContaining("at least 1");
    }

    @Test
    void wrongOptionsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> HarnessOptions.parse("--scenario", "everything"))
                .hasMessageContaining("unknown scenario 'everything'")
                .hasMessageContaining("submit-declaration");
        assertThatThrownBy(() -> HarnessOptions.parse("--concurrency", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> HarnessOptions.parse("--measure")).hasMessageContaining("--measure needs a value");
        assertThatThrownBy(() -> HarnessOptions.parse("--warmup", "ten")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> HarnessOptions.parse("--fast")).hasMessageContaining("unknown option '--fast'");
    }
}
