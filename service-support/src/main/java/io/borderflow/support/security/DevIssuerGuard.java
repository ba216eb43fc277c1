package io.borderflow.support.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start a service that trusts the development token issuer, or signs its own service token with the
 * development key, unless a profile named for development is active ({@link #DEVELOPMENT_PROFILES}): whoever has the
 * local run's key could otherwise mint tokens for any role. So a packaged service in {@code prod}, or in a profile
 * someone made up for staging, refuses it; {@code ./mvnw quarkus:dev} ({@code dev}), the tests ({@code test}) and the
 * local run and the dev overlay ({@code local}) accept it.
 * <p>
 * The development key is recognised by its fingerprint (SHA-256 of the public key, {@link KeyFingerprints}), not only
 * by its issuer name or its folder: the trusted key is compared with the development keys this process can see (the
 * folder it would sign its service token from, and the local run's {@code .local/dev-issuer/}), so a copy of it under
 * another name or path is refused too. A JWKS URL is not fetched here (no network at start-up).
 */
@ApplicationScoped
public class DevIssuerGuard {
    /** The profiles in which the development issuer may be trusted: Quarkus dev mode, the tests, the local run. */
    public static final Set<String> DEVELOPMENT_PROFILES = Set.of("dev", "test", "local");

    /** The folder of the development issuer's key pair, as the local run names it. */
    static final String RUN_ISSUER_FOLDER = "dev-issuer/";

    /** Where the local run keeps its development key, relative to the folder it runs from. */
    private static final Path LOCAL_RUN_KEY = Path.of(".local", "dev-issuer", DevTokenIssuer.PUBLIC_KEY_FILE);

    void onStart(
            @Observes StartupEvent event,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
            ServiceTokenConfig serviceToken) {
        List<String> profiles = ConfigUtils.getProfiles();
        String location = keyLocation.orElse("");
        String refusal = Stream.of(
                        refusal(profiles, issuer),
                        keyRefusal(
                                profiles,
                                location,
                                trustedFingerprints(location),
                                developmentFingerprints(serviceToken.devIssuerDir())),
                        ServiceCredentials.refusal(
                                profiles, serviceToken.devIssuerDir().isPresent()))
                .filter(Objects::nonNull)
                .reduce((a, b) -> a + "; " + b)
                .orElse(null);
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
    }

    /** Whether these profiles may trust the development issuer: one is named for development, and none is prod. */
    public static boolean isDevelopment(List<String> profiles) {
        return !profiles.contains("prod") && profiles.stream().anyMatch(DEVELOPMENT_PROFILES::contains);
    }

    /** Why a service with these profiles must not trust {@code issuer}, or null when it may. */
    public static String refusal(List<String> profiles, String issuer) {
        if (!isDevelopment(profiles) && DevTokenIssuer.DEV_ISSUER.equals(issuer)) {
            return who(profiles) + " refuses the development token issuer " + issuer
                    + ": set BORDERFLOW_JWT_ISSUER and BORDERFLOW_JWT_PUBLIC_KEY to your identity provider's issuer and keys";
        }
        return null;
    }

    /** {@link #keyRefusal(List, String, Set, Set)} by the key's folder only. */
    public static String keyRefusal(List<String> profiles, String keyLocation) {
        return keyRefusal(profiles, keyLocation, Set.of(), Set.of());
    }

    /**
     * Why a service with these profiles must not trust the key at {@code keyLocation}, whose keys have the fingerprints
     * {@code trusted}, or null when it may: outside development, the development key is refused whatever issuer is
     * named, in its own folder or, by its fingerprint (one of {@code development}), anywhere else.
     */
    public static String keyRefusal(
            List<String> profiles, String keyLocation, Set<String> trusted, Set<String> development) {
        if (isDevelopment(profiles)) {
            return null;
        }
        boolean developmentKey =
                keyLocation.contains(RUN_ISSUER_FOLDER) || trusted.stream().anyMatch(development::contains);
        if (developmentKey) {
            return who(profiles) + " refuses the development signing key " + keyLocation
                    + ": set BORDERFLOW_JWT_PUBLIC_KEY to your identity provider's key or JWKS URL";
        }
        return null;
    }

    private static String who(List<String> profiles) {
        return profiles.contains("prod")
                ? "the prod profile"
                : "profile " + profiles + " (not a development profile: " + new TreeSet<>(DEVELOPMENT_PROFILES) + ")";
    }

    /** The fingerprints of the keys at a PEM location; none for a JWKS URL (not fetched at start) or an unreadable one. */
    static Set<String> trustedFingerprints(String location) {
        if (location.isEmpty() || location.startsWith("http://") || location.startsWith("https://")) {
            return Set.of();
        }
        try {
            return Set.copyOf(KeyFingerprints.ofKeys(VerificationKeys.read(location)));
        } catch (IOException | RuntimeException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }

    /** The fingerprints of the development keys this process can see. */
    static Set<String> developmentFingerprints(Optional<String> devIssuerDir) {
        Set<String> fingerprints = new TreeSet<>();
        Stream.concat(
                        devIssuerDir.stream().map(dir -> Path.of(dir).resolve(DevTokenIssuer.PUBLIC_KEY_FILE)),
                        Stream.of(LOCAL_RUN_KEY))
                .filter(Files::isReadable)
                .forEach(file -> {
                    try {
                        fingerprints.addAll(KeyFingerprints.ofKeys(Files.readString(file)));
                    } catch (IOException unreadable) {
                        // not a key this process can see
                    }
                });
        return fingerprints;
    }
}
