package io.borderflow.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokenIssuerTest {

    @Test
    void tokensAreSignedWithTheKeptKeyAndCarryTheClaims(@TempDir Path dir) throws Exception {
        DevTokenIssuer issuer = DevTokenIssuer.inFolder(dir);
        String token = issuer.token("post-zhaisan-1")
                .roles(Roles.BORDER_OPERATOR)
                .checkpoints(List.of("zhaisan"))
                .sign();

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("iss").asText()).isEqualTo(DevTokenIssuer.DEV_ISSUER);
        assertThat(claims.get("aud").asText()).isEqualTo("borderflow");
        assertThat(claims.get("sub").asText()).isEqualTo("post-zhaisan-1");
        assertThat(claims.get("groups").get(0).asText()).isEqualTo("border-operator");
        assertThat(claims.get("checkpoints").get(0).asText()).isEqualTo("zhaisan");
        assertThat(claims.get("exp").asLong()).isGreaterThan(claims.get("iat").asLong());

        // the same folder gives the same key: a token verifies against the public key kept there
        DevTokenIssuer again = DevTokenIssuer.inFolder(dir);
        assertThat(again.publicKeyPem()).isEqualTo(issuer.publicKeyPem());
        String pem = again.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem))));
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(DevTokenIssuer.ephemeral().publicKeyPem()).isNotEqualTo(issuer.publicKeyPem());
    }

    @Test
    void prodRefusesTheDevelopmentIssuer() {
        assertThat(DevIssuerGuard.refusal(List.of("prod"), DevTokenIssuer.DEV_ISSUER))
                .contains("refuses");
        assertThat(DevIssuerGuard.refusal(List.of("prod"), "https://idp.customs.example/realms/borderflow"))
                .isNull();
        assertThat(DevIssuerGuard.refusal(List.of("local"), DevTokenIssuer.DEV_ISSUER))
                .isNull();
        assertThat(DevIssuerGuard.refusal(List.of("test"), DevTokenIssuer.DEV_ISSUER))
                .isNull();
        // another issuer's name does not make the development key acceptable in prod
        assertThat(DevIssuerGuard.keyRefusal(List.of("prod"), "file:.local/dev-issuer/public-key.pem"))
                .contains("refuses");
        assertThat(DevIssuerGuard.keyRefusal(
                        List.of("prod"),
                        "https://idp.customs.example/realms/borderflow/protocol/" + "openid-connect/certs"))
                .isNull();
        assertThat(DevIssuerGuard.keyRefusal(List.of("local"), "file:.local/dev-issuer/public-key.pem"))
                .isNull();
    }
}
