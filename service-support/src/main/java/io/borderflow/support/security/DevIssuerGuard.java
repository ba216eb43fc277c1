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

    void onStart(@Observes StartupEvent event, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            ServiceTokenConfig serviceToken) {
        List<String> profiles = ConfigUtils.getProfiles();
        String refusal = java.util.stream.Stream.of(refusal(profiles, issuer),
                        ServiceCredentials.refusal(profiles, serviceToken.devIssuerDir().isPresent()))
                .filter(java.util.Objects::nonNull).reduce((a, b) -> a + "; " + b).orElse(null);
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
    }

    /** Why a service with these profiles must not trust {@code issuer}, or null when it may. */
    public static String refusal(List<String> profiles, String issuer) {
        if (profiles.contains("prod") && DevTokenIssuer.DEV_ISSUER.equals(issuer)) {
            return "the prod profile refuses the development token issuer " + issuer
                    + ": set BORDERFLOW_JWT_ISSUER and BORDERFLOW_JWT_PUBLIC_KEY to your identity provider's issuer and keys";
        }
        return null;
    }
}
