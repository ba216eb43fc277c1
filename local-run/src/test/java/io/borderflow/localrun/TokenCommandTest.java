package io.borderflow.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {

    @Test
    void printsATokenWithTheRequestedRoleAndClaimsSignedByTheLocalKey(@TempDir Path root) throws Exception {
        String token = TokenCommand.token(new String[] {"border-operator", "--checkpoints", "zhaisan,zhelkuar"}, root);

        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.get("groups").get(0).asText()).isEqualTo("border-operator");
        assertThat(claims.get("checkpoints").toString()).isEqualTo("[\"zhaisan\",\"zhelkuar\"]");
        assertThat(Files.exists(root.resolve(".local/dev-issuer/public-key.pem")))
                .isTrue();
    }

    @Test
    void aPartnerCustomsTokenNamesItsAdministration(@TempDir Path root) throws Exception {
        String token = TokenCommand.token(new String[] {"partner-customs", "--administration", "CN"}, root);

        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.get("groups").get(0).asText()).isEqualTo("partner-customs");
        assertThat(claims.get("administration").asText()).isEqualTo("CN");
    }

    @Test
    void refusesAnUnknownRoleAndListsTheKnownOnes(@TempDir Path root) {
        assertThatThrownBy(() -> TokenCommand.token(new String[] {"admin"}, root))
                .hasMessageContaining("unknown role 'admin'")
                .hasMessageContaining("freight-platform");
        assertThatThrownBy(() -> TokenCommand.token(new String[] {"carrier", "--carrier"}, root))
                .hasMessageContaining("--carrier needs a value");
    }
}
