package io.borderflow.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCredentialsTest {
    @TempDir
    Path dir;

    private static ServiceTokenConfig config(String file, String devIssuerDir) {
        return new ServiceTokenConfig() {
            @Override
            public Optional<String> file() {
                return Optional.ofNullable(file);
            }

            @Override
            public Optional<String> devIssuerDir() {
                return Optional.ofNullable(devIssuerDir);
            }
        };
    }

    private static JsonNode claims(String jwt) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void aDevelopmentTokenIsTheServicesOwnWithTheServiceRole() throws Exception {
        ServiceCredentials credentials = new ServiceCredentials(config(null, dir.toString()), "inspection-service");

        String token = credentials.currentToken();
        JsonNode claims = claims(token);
        assertThat(claims.get("sub").asText()).isEqualTo("service:inspection-service");
        assertThat(claims.get("groups")).extracting(JsonNode::asText).containsExactly(Roles.SERVICE);
        assertThat(claims.get("iss").asText()).isEqualTo(DevTokenIssuer.DEV_ISSUER);
        assertThat(claims.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(credentials.currentToken())
                .as("kept until half its life is over")
                .isEqualTo(token);
        assertThat(Files.exists(dir.resolve(DevTokenIssuer.PUBLIC_KEY_FILE))).isTrue();
    }

    @Test
    void aTokenFileIsReadAgainWhenItChanges() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "first-token\n", StandardCharsets.UTF_8);
        ServiceCredentials credentials = new ServiceCredentials(config(file.toString(), null), "routing-service");
        assertThat(credentials.currentToken()).isEqualTo("first-token");

        Files.writeString(file, "second-token", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(credentials.currentToken()).isEqualTo("second-token");
    }

    @Test
    void withoutATokenThereIsNothingToPresent() {
        ServiceCredentials credentials = new ServiceCredentials(config(null, null), "checkpoint-service");
        assertThatThrownBy(credentials::currentToken).hasMessageContaining("no service token");
        ServiceCredentials missingFile =
                new ServiceCredentials(config(dir.resolve("absent").toString(), null), "x");
        assertThatThrownBy(missingFile::currentToken).hasMessageContaining("cannot read the service token file");
    }

    @Test
    void theProdProfileRefusesDevelopmentSignedServiceTokens() {
        assertThat(ServiceCredentials.refusal(List.of("prod"), true)).contains("BORDERFLOW_SERVICE_TOKEN_FILE");
        assertThat(ServiceCredentials.refusal(List.of("prod"), false)).isNull();
        assertThat(ServiceCredentials.refusal(List.of("local"), true)).isNull();
    }
}
