package io.borderflow.testsupport;

import io.borderflow.support.security.DevTokenIssuer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Makes the service under test trust the development issuer whose tokens {@link TestTokens} mints, and sign its own
 * service token for peer calls with it.
 */
public class DevIssuerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestTokens.issuer();
        return Map.of(
                "mp.jwt.verify.issuer", DevTokenIssuer.DEV_ISSUER,
                "mp.jwt.verify.publickey.location",
                        TestTokens.KEYS
                                .resolve(DevTokenIssuer.PUBLIC_KEY_FILE)
                                .toUri()
                                .toString(),
                // calls to peers carry the service's own token, signed by the same issuer
                "borderflow.service-token.dev-issuer-dir",
                        TestTokens.KEYS.toAbsolutePath().toString());
    }

    @Override
    public void stop() {}
}
