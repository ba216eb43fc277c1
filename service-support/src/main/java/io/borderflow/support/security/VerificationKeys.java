package io.borderflow.support.security;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Watches the keys tokens are verified with ({@code mp.jwt.verify.publickey.location}: a PEM file or the issuer's
 * JWKS URL) and tells {@link VerifiedTokens} to forget every token it remembers when they change: a key added,
 * withdrawn or replaced. Read every {@code borderflow.jwt.key-check-interval} (1 minute by default) on a thread of its
 * own; a read that fails changes nothing (the verifier then has the same trouble and says so). What the verifier
 * itself trusts is unchanged: smallrye-jwt re-reads a JWKS on its own schedule, a PEM file at a restart.
 */
@ApplicationScoped
public class VerificationKeys {
    private static final Logger LOG = Logger.getLogger(VerificationKeys.class);

    private final Optional<String> location;
    private final Duration interval;
    private final VerifiedTokens tokens;
    private ScheduledExecutorService reader;
    private volatile String fingerprint;

    @Inject
    public VerificationKeys(
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location,
            @ConfigProperty(name = "borderflow.jwt.key-check-interval", defaultValue = "1m") Duration interval,
            VerifiedTokens tokens) {
        this.location = location;
        this.interval = interval;
        this.tokens = tokens;
    }

    void onStart(@Observes StartupEvent event) {
        if (location.isEmpty()) {
            return;
        }
        reader = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "verification-keys");
            thread.setDaemon(true);
            return thread;
        });
        reader.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (reader != null) {
            reader.shutdownNow();
        }
    }

    /** Reads the keys once; when they differ from the last read, the remembered tokens are forgotten. */
    void check() {
        String now;
        try {
            now = fingerprint(read(location.orElseThrow()));
        } catch (IOException | UncheckedIOException | InterruptedException | IllegalArgumentException e) {
            LOG.debugf("could not read the token verification keys at %s: %s", location.orElse(""), e);
            return;
        }
        String before = fingerprint;
        fingerprint = now;
        if (before != null && !before.equals(now)) {
            LOG.infof("the token verification keys at %s changed: verified tokens are verified again", location.get());
            tokens.keysChanged();
        }
    }

    /** The key set's fingerprint: of its keys when it holds any (a rewritten file is no change), else of its text. */
    static String fingerprint(String document) {
        List<String> keys = KeyFingerprints.ofKeys(document).stream().sorted().toList();
        return keys.isEmpty() ? KeyFingerprints.sha256(document) : String.join(",", keys);
    }

    /** The text at a key location as smallrye-jwt takes it: an http(s) URL, {@code file:}, {@code classpath:}, a path. */
    static String read(String location) throws IOException, InterruptedException {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(location))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(location + " answered " + response.statusCode());
            }
            return response.body();
        }
        if (location.startsWith("file:")) {
            Path file = location.startsWith("file:/") ? Path.of(URI.create(location)) : Path.of(location.substring(5));
            return Files.readString(file);
        }
        if (location.startsWith("classpath:") || !Files.exists(Path.of(location))) {
            String name = location.replaceFirst("^classpath:", "").replaceFirst("^/", "");
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("no resource " + name);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(Path.of(location));
    }
}
