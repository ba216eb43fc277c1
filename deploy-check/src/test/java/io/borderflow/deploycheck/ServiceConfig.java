package io.borderflow.deploycheck;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's own configuration, its {@code application.properties}, as the prod profile a pod runs with sees it: which
 * port it listens on, which peers it calls (its gRPC clients), where its database is, which environment variables it
 * reads, and what each resolves to in a given environment. The source of truth the manifests are checked against.
 */
final class ServiceConfig {
    private static final Pattern EXPRESSION = Pattern.compile("^\\$\\{([A-Za-z0-9_.-]+)(?::([^}]*))?}$");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern CLIENT_HOST = Pattern.compile("^quarkus\\.grpc\\.clients\\.([a-z0-9-]+)\\.host$");

    final String name;
    final Path file;
    private final Properties properties;

    private ServiceConfig(String name, Path file, Properties properties) {
        this.name = name;
        this.file = file;
        this.properties = properties;
    }

    static ServiceConfig load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = properties.getProperty("quarkus.application.name");
        if (name == null) {
            throw new IllegalStateException(file + " sets no quarkus.application.name");
        }
        return new ServiceConfig(name, file, properties);
    }

    /** The value for the prod profile: {@code %prod.key} over {@code key}; empty when neither is set. */
    Optional<String> raw(String key) {
        return Optional.ofNullable(properties.getProperty("%prod." + key, properties.getProperty(key)));
    }

    /**
     * What {@code key} resolves to in a pod with this environment, as SmallRye Config would: the key's own environment
     * variable (QUARKUS_HTTP_PORT for quarkus.http.port) first, then the value in application.properties, where
     * {@code ${VAR:default}} takes VAR from the environment or else the default, and {@code ${other.key}} is resolved
     * in turn. Empty when nothing sets it.
     */
    Optional<String> resolve(String key, Map<String, String> env) {
        String own = env.get(environmentName(key));
        if (own != null) {
            return Optional.of(own);
        }
        return raw(key).flatMap(value -> expand(value, env));
    }

    private Optional<String> expand(String value, Map<String, String> env) {
        Matcher m = EXPRESSION.matcher(value.strip());
        if (!m.matches()) {
            return Optional.of(value);
        }
        String reference = m.group(1);
        Optional<String> referenced =
                reference.contains(".") ? resolve(reference, env) : Optional.ofNullable(env.get(reference));
        return referenced.or(() -> Optional.ofNullable(m.group(2)));
    }

    /** The environment variable that sets {@code key} directly (SmallRye's mapping: upper case, others to '_'). */
    static String environmentName(String key) {
        StringBuilder name = new StringBuilder();
        for (char c : key.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    /** The environment variable a setting is taken from, e.g. CHECKPOINT_PORT for quarkus.http.port. */
    Optional<String> variableOf(String key) {
        return raw(key).map(v -> EXPRESSION.matcher(v.strip()))
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .filter(v -> !v.contains("."));
    }

    /** The default a setting has when its environment variable is not set. */
    Optional<String> defaultOf(String key) {
        return raw(key).map(v -> EXPRESSION.matcher(v.strip()))
                .filter(Matcher::matches)
                .map(m -> m.group(2));
    }

    /** Every environment variable application.properties reads (for the profiles a pod runs: none and %prod). */
    Set<String> variablesRead() {
        Set<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%") && !key.startsWith("%prod.")) {
                continue;
            }
            Matcher m = ENV_REFERENCE.matcher(properties.getProperty(key));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** A gRPC client of this service (which peer it calls: {@link Suite#peerOf}). */
    record Client(String name, String hostKey, String portKey) {
        String loadBalancingPolicyKey() {
            return "quarkus.grpc.clients." + name + ".load-balancing-policy";
        }

        String trustStoreKey() {
            return "quarkus.grpc.clients." + name + ".ssl.trust-store";
        }
    }

    /** The gRPC clients configured without a profile (the ones a pod uses), in name order. */
    List<Client> clients() {
        return properties.stringPropertyNames().stream()
                .sorted()
                .map(CLIENT_HOST::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .map(c -> new Client(c, "quarkus.grpc.clients." + c + ".host", "quarkus.grpc.clients." + c + ".port"))
                .toList();
    }

    boolean isTrue(String key) {
        return raw(key).map(v -> v.strip().toLowerCase(Locale.ROOT))
                .filter("true"::equals)
                .isPresent();
    }

    @Override
    public String toString() {
        return name;
    }
}
