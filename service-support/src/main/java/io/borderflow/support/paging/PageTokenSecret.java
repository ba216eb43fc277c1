package io.borderflow.support.paging;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gives {@link PageTokens} the service's page-token secret at start ({@code borderflow.page-token.secret}, env
 * {@code BORDERFLOW_PAGE_TOKEN_SECRET}, at least 32 bytes; in Kubernetes from Secret {@code <service>-page-token}).
 * Without one, tokens are signed with a random secret of the process: fine for one process (the local run, the
 * tests), whose tokens stop decoding at a restart, but replicas would refuse each other's tokens, so the prod profile
 * refuses to start without it. Observed after {@code DevIssuerGuard}, whose refusal is the more urgent to read.
 */
@ApplicationScoped
public class PageTokenSecret {
    private static final Logger LOG = Logger.getLogger(PageTokenSecret.class);

    void onStart(
            @Observes @Priority(3000) StartupEvent event,
            @ConfigProperty(name = "borderflow.page-token.secret") Optional<String> secret) {
        String refusal = refusal(ConfigUtils.getProfiles(), secret);
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
        if (secret.isPresent()) {
            PageTokens.useSecret(secret.get().getBytes(StandardCharsets.UTF_8));
        } else {
            LOG.info("page tokens are signed with a random secret of this process: they stop decoding at a restart"
                    + " (set BORDERFLOW_PAGE_TOKEN_SECRET to keep them)");
        }
    }

    /** Why a service with these profiles and this secret must not start, or null when it may. */
    static String refusal(List<String> profiles, Optional<String> secret) {
        if (secret.isPresent() && secret.get().getBytes(StandardCharsets.UTF_8).length < 32) {
            return "BORDERFLOW_PAGE_TOKEN_SECRET is shorter than 32 bytes: use e.g. `openssl rand -base64 48`";
        }
        if (secret.isEmpty() && profiles.contains("prod")) {
            return "the prod profile needs BORDERFLOW_PAGE_TOKEN_SECRET (at least 32 bytes, the same for every replica"
                    + " of the service) to sign page tokens";
        }
        return null;
    }
}
