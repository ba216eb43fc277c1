package io.borderflow.localrun;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the local suite lives and listens.
 *
 * @param root the repository root (holds {@code <service>/target/quarkus-app/quarkus-run.jar})
 * @param dataDir PostgreSQL data and service logs; kept between runs
 * @param postgresPort the embedded PostgreSQL's port
 * @param services the services in start order, each with its HTTP/gRPC port
 */
public record SuiteSettings(Path root, Path dataDir, int postgresPort, List<Service> services) {

    /** One service of the suite: its name (= module folder = database name prefix) and port. */
    public record Service(String name, String database, int port) {}

    public static final int DEFAULT_POSTGRES_PORT = 55432;
    /** The development token issuer's folder in the data folder. */
    static final String ISSUER_FOLDER = "dev-issuer";

    /** The documented defaults, each overridable by an environment variable. */
    public static SuiteSettings defaults(Path root, Map<String, String> env) {
        return new SuiteSettings(
                root,
                Path.of(env.getOrDefault(
                        "BORDERFLOW_DATA_DIR", root.resolve(".local").toString())),
                port(env, "BORDERFLOW_POSTGRES_PORT", DEFAULT_POSTGRES_PORT),
                List.of(
                        new Service("checkpoint-service", "checkpoint", port(env, "CHECKPOINT_PORT", 9101)),
                        new Service("inspection-service", "inspection", port(env, "INSPECTION_PORT", 9102)),
                        new Service("routing-service", "routing", port(env, "ROUTING_PORT", 9103))));
    }

    public Service service(String name) {
        return services.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** Where the development token issuer keeps its key pair (created on the suite's first start). */
    Path issuerFolder() {
        return dataDir.resolve(ISSUER_FOLDER);
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new SuiteStartException(variable + " must be a port number, got '" + value + "'");
        }
    }
}
