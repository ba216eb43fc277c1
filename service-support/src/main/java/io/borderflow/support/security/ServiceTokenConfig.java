package io.borderflow.support.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Where a service gets the token it presents to its peers ({@code borderflow.service-token.*}): its own identity,
 * authorised as the {@code service} role, never the end user's token.
 */
@ConfigMapping(prefix = "borderflow.service-token")
public interface ServiceTokenConfig {

    /**
     * A file holding the service's current access token, issued by the identity provider to this service's client
     * (OAuth2 client credentials) and kept fresh outside the service, e.g. by a sidecar or a token-refresh job. Re-read
     * when it changes. Env: {@code BORDERFLOW_SERVICE_TOKEN_FILE}.
     */
    Optional<String> file();

    /**
     * Development only: the folder of the development issuer's key, with which the service signs its own short-lived
     * {@code service} token (the local run and the tests). The prod profile refuses it. Env:
     * {@code BORDERFLOW_SERVICE_TOKEN_DEV_ISSUER_DIR}.
     */
    Optional<String> devIssuerDir();
}
