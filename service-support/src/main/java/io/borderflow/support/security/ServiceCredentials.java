package io.borderflow.support.security;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The credentials a service presents when it calls a peer: a bearer token of its own, authorised as the
 * {@code service} role. From a token file kept fresh by the platform in production, or signed with the development
 * issuer's key in the local run and the tests (refused in the prod profile). Every client wrapper adds
 * {@link #callCredentials()} to its stub.
 */
@ApplicationScoped
public class ServiceCredentials {
    private static final Logger LOG = Logger.getLogger(ServiceCredentials.class);
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Duration DEV_TOKEN_LIFETIME = Duration.ofMinutes(15);

    private final ServiceTokenConfig config;
    private final String serviceName;
    private volatile String token;
    private volatile Instant renewAfter = Instant.MIN;
    private volatile FileTime fileTime;

    public ServiceCredentials(
            ServiceTokenConfig config, @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.config = config;
        this.serviceName = serviceName;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.file().isEmpty() && config.devIssuerDir().isEmpty()) {
            LOG.warn("no service token configured (BORDERFLOW_SERVICE_TOKEN_FILE): calls to peers will be refused");
        }
    }

    /**
     * Why these profiles must not sign their own tokens with the development key, or null when they may
     * ({@link DevIssuerGuard} refuses the start).
     */
    public static String refusal(List<String> profiles, boolean devSigned) {
        return !DevIssuerGuard.isDevelopment(profiles) && devSigned
                ? (profiles.contains("prod") ? "the prod profile" : "profile " + profiles)
                        + " refuses BORDERFLOW_SERVICE_TOKEN_DEV_ISSUER_DIR (development profiles only: "
                        + String.join(", ", new java.util.TreeSet<>(DevIssuerGuard.DEVELOPMENT_PROFILES))
                        + "): give the service a token from your identity provider through BORDERFLOW_SERVICE_TOKEN_FILE"
                : null;
    }

    /** Bearer credentials for a peer call; a call fails with UNAUTHENTICATED before leaving when no token is at hand. */
    public CallCredentials callCredentials() {
        return actingFor(null);
    }

    /**
     * Credentials for a peer call made for an end user: the service's own token, and the end user's token in the
     * {@link OnBehalfOf#HEADER_NAME} header, so that the peer checks the end user's rights to what it reads. With a
     * null {@code endUserToken}, the service's own token alone.
     */
    public CallCredentials actingFor(String endUserToken) {
        return credentials(OnBehalfOf.HEADER, endUserToken);
    }

    /**
     * Credentials for a peer call made later for a carrier, without its token at hand: the service's own token, and
     * the carrier's id in the {@link OnBehalfOf#CARRIER_HEADER_NAME} header, so that the peer shows what that carrier
     * may see only.
     */
    public CallCredentials actingForCarrier(String carrierId) {
        return credentials(OnBehalfOf.CARRIER_HEADER, carrierId);
    }

    private CallCredentials credentials(Metadata.Key<String> onBehalfOf, String endUser) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                try {
                    Metadata headers = new Metadata();
                    headers.put(AUTHORIZATION, "Bearer " + currentToken());
                    if (endUser != null) {
                        headers.put(onBehalfOf, endUser);
                    }
                    applier.apply(headers);
                } catch (RuntimeException e) {
                    applier.fail(Status.UNAUTHENTICATED.withDescription("no service token: " + e.getMessage()));
                }
            }
        };
    }

    /** The token to present now, renewed when needed. */
    public String currentToken() {
        if (config.devIssuerDir().isPresent()) {
            if (token == null || Instant.now().isAfter(renewAfter)) {
                Instant now = Instant.now();
                token = DevTokenIssuer.inFolder(Path.of(config.devIssuerDir().get()))
                        .token("service:" + serviceName)
                        .roles(Roles.SERVICE)
                        .valid(now.minusSeconds(5), now.plus(DEV_TOKEN_LIFETIME))
                        .sign();
                renewAfter = now.plus(DEV_TOKEN_LIFETIME.dividedBy(2));
            }
            return token;
        }
        if (config.file().isPresent()) {
            Path file = Path.of(config.file().get());
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                if (token == null || !modified.equals(fileTime)) {
                    token = Files.readString(file).strip();
                    fileTime = modified;
                }
                return token;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the service token file " + file, e);
            }
        }
        throw new IllegalStateException("no service token is configured");
    }
}
