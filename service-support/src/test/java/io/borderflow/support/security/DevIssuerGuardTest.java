package io.borderflow.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevIssuerGuardTest {

    @Test
    void onlyAProfileNamedForDevelopmentAcceptsTheDevelopmentIssuer() {
        for (String development : List.of("dev", "test", "local")) {
            assertThat(DevIssuerGuard.refusal(List.of(development), DevTokenIssuer.DEV_ISSUER))
                    .as(development)
                    .isNull();
            assertThat(ServiceCredentials.refusal(List.of(development), true)).isNull();
        }
        // a profile made up for a staging cluster, or none at all, is not development: it used to pass as "not prod"
        for (List<String> other : List.of(List.of("staging"), List.<String>of(), List.of("prod", "local"))) {
            assertThat(DevIssuerGuard.refusal(other, DevTokenIssuer.DEV_ISSUER))
                    .as(other.toString())
                    .contains("refuses the development token issuer");
            assertThat(DevIssuerGuard.keyRefusal(other, "file:.local/dev-issuer/public-key.pem"))
                    .as(other.toString())
                    .contains("refuses the development signing key");
            assertThat(ServiceCredentials.refusal(other, true))
                    .as(other.toString())
                    .contains("refuses");
        }
        assertThat(DevIssuerGuard.refusal(List.of("prod"), DevTokenIssuer.DEV_ISSUER))
                .startsWith("the prod profile refuses the development token issuer");
    }

    @Test
    void theDevelopmentKeyIsRecognisedByItsFingerprintUnderAnyPathOrIssuer(@TempDir Path dir) throws Exception {
        Path devFolder = dir.resolve("keys");
        DevTokenIssuer development = DevTokenIssuer.inFolder(devFolder);
        // the same public key copied where a production key would be, under another issuer's name
        Path copy = dir.resolve("etc/borderflow/jwt-issuer/public-key.pem");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, development.publicKeyPem());
        String location = copy.toUri().toString();

        Set<String> trusted = DevIssuerGuard.trustedFingerprints(location);
        Set<String> developmentKeys = DevIssuerGuard.developmentFingerprints(Optional.of(devFolder.toString()));

        assertThat(trusted).hasSize(1).isEqualTo(developmentKeys);
        assertThat(DevIssuerGuard.keyRefusal(List.of("prod"), location, trusted, developmentKeys))
                .contains("refuses the development signing key");
        assertThat(DevIssuerGuard.keyRefusal(List.of("local"), location, trusted, developmentKeys))
                .isNull();
        // another key at the same place is the identity provider's
        Files.writeString(copy, DevTokenIssuer.ephemeral().publicKeyPem());
        assertThat(DevIssuerGuard.keyRefusal(
                        List.of("prod"), location, DevIssuerGuard.trustedFingerprints(location), developmentKeys))
                .isNull();
    }
}
