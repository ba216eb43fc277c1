package io.borderflow.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One position per checkpoint for both services: every place of the corridor network that is a checkpoint stands
 * where checkpoint-service's reference data puts that checkpoint (Kalzhat once stood 33 km apart in the two files).
 */
class CheckpointPositionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCheckpointPlaceStandsWhereCheckpointServicePutsItsCheckpoint() throws IOException {
        JsonNode checkpoints = JSON.readTree(
                Files.readAllBytes(Path.of("../checkpoint-service/src/main/resources/reference/checkpoints.json")));
        JsonNode network =
                JSON.readTree(Files.readAllBytes(Path.of("src/main/resources/reference/corridor-network.json")));
        Map<String, String> positions = new HashMap<>();
        checkpoints.get("checkpoints").forEach(c -> positions.put(c.get("id").asText(), position(c)));

        Map<String, String> places = new HashMap<>();
        network.get("places").forEach(p -> {
            if (p.hasNonNull("checkpoint")) {
                places.put(p.get("checkpoint").asText(), position(p));
            }
        });

        assertThat(places).isNotEmpty();
        assertThat(positions).containsAllEntriesOf(places);
    }

    private static String position(JsonNode item) {
        JsonNode location = item.get("location");
        return location.get("latitude").decimalValue().stripTrailingZeros() + ","
                + location.get("longitude").decimalValue().stripTrailingZeros();
    }
}
