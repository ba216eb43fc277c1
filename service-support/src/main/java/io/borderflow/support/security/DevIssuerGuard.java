package io.borderflow.support.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start a service in the prod profile that trusts the development token issuer, or that signs its own
 * service token with the development key: whoever has the local run's key could otherwise mint tokens for any role.
 * Part of every service (service-support is an indexed dependency).
 */
@ApplicationScoped
public class DevIssuerGuard {

    void onStart(
            @Observes StartupEvent event,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") java.util.Optional<String> keyLocation,
            ServiceTokenConfig serviceToken) {
        List<String> profiles = ConfigUtils.getProfiles();
        String refusal = java.util.stream.Stream.of(
                        refusal(profiles, issuer),
                        keyRefusal(profiles, keyLocation.orElse("")),
                        ServiceCredentials.refusal(
                                profiles, serviceToken.devIssuerDir().isPresent()))
                .filter(java.util.Objects::nonNull)
                .reduce((a, b) -> a + "; " + b)
                .orElse(null);
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
    }

    /**
     * Why a service with these profiles must not trust the key at {@code keyLocation}, or null when it may: the
     * development issuer's key (its folder, as the local run writes it) is refused in prod whatever issuer is named.
     */
    public static String keyRefusal(List<String> profiles, String keyLocation) {
        if (profiles.contains("prod") && keyLocation.contains(RUN_ISSUER_FOLDER)) {
            return "the prod profile refuses the development signing key " + keyLocation
                    + ": set BORDERFLOW_JWT_PUBLIC_KEY to your identity provider's key or JWKS URL";
        }
        return null;
    }

    /** The folder of the development issuer's key pair, as the local run names it. */
    static final String RUN_ISSUER_FOLDER = "dev-issuer/";

    /** Why a service with these profiles must not trust {@code issuer}, or null when it may. */
    public static String refusal(List<String> profiles, String issuer) {
        if (profiles.contains("prod") && DevTokenIssuer.DEV_ISSUER.equals(issuer)) {
            return "the prod profile refuses the development token issuer " + issuer
                    + ": set BORDERFLOW_JWT_ISSUER and BORDERFLOW_JWT_PUBLIC_KEY to your identity provider's issuer and keys";
        }
        return null;
    }
}
