package io.borderflow.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that says where a Quarkus service serves its health and metrics endpoints. The defaults are Quarkus'
 * own, read from the configuration metadata of the extensions on the class path (the versions of the services' BOM),
 * so a Quarkus upgrade that moved them would show here; a service's application.properties overrides them.
 */
final class QuarkusEndpoints {
    static final String ROOT = "quarkus.http.root-path";
    static final String NON_APPLICATION_ROOT = "quarkus.http.non-application-root-path";
    static final String HEALTH_ROOT = "quarkus.smallrye-health.root-path";
    static final String LIVENESS = "quarkus.smallrye-health.liveness-path";
    static final String READINESS = "quarkus.smallrye-health.readiness-path";
    static final String STARTUP = "quarkus.smallrye-health.startup-path";
    static final String METRICS = "quarkus.micrometer.export.prometheus.path";
    static final String SSL_PORT = "quarkus.http.ssl-port";
    static final String MANAGEMENT = "quarkus.management.enabled";
    private static final List<String> PATHS =
            List.of(ROOT, NON_APPLICATION_ROOT, HEALTH_ROOT, LIVENESS, READINESS, STARTUP, METRICS, SSL_PORT);

    private static final Map<String, String> DEFAULTS = readDefaults();

    /** The absolute paths one service serves. */
    record Paths(String live, String ready, String started, String metrics) {}

    private QuarkusEndpoints() {}

    static Paths of(ServiceConfig service) {
        if (service.isTrue(MANAGEMENT)) {
            throw new IllegalStateException(service.name + " serves health and metrics on the management interface ("
                    + MANAGEMENT + "); the manifests and this check expect them on the service's port");
        }
        String root = value(service, ROOT);
        String nonApplication = under(root, value(service, NON_APPLICATION_ROOT));
        String health = under(nonApplication, value(service, HEALTH_ROOT));
        return new Paths(
                under(health, value(service, LIVENESS)),
                under(health, value(service, READINESS)),
                under(health, value(service, STARTUP)),
                under(nonApplication, value(service, METRICS)));
    }

    private static String value(ServiceConfig service, String key) {
        return service.raw(key).orElse(DEFAULTS.get(key));
    }

    /** Quarkus' rule: a path starting with '/' is absolute, any other is relative to its parent. */
    private static String under(String parent, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (parent.endsWith("/") ? parent : parent + "/") + path;
    }

    /** Quarkus' default for one of the settings above, e.g. 8443 for quarkus.http.ssl-port. */
    static String defaultOf(String key) {
        return DEFAULTS.get(key);
    }

    private static Map<String, String> readDefaults() {
        Map<String, String> found = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL model : Collections.list(QuarkusEndpoints.class
                    .getClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
                try (InputStream in = model.openStream()) {
                    collect(json.readTree(in), found);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : PATHS) {
            if (!found.containsKey(key)) {
                throw new IllegalStateException(
                        "Quarkus' configuration metadata on the class path gives no default for " + key
                                + " (an extension missing from deploy-check's pom, or a new metadata format)");
            }
        }
        return found;
    }

    private static void collect(JsonNode node, Map<String, String> found) {
        if (node.isObject()) {
            JsonNode property = node.path("path").path("property");
            JsonNode defaultValue = node.get("defaultValue");
            if (property.isTextual()
                    && defaultValue != null
                    && defaultValue.isTextual()
                    && PATHS.contains(property.asText())) {
                found.put(property.asText(), defaultValue.asText());
            }
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, found));
        }
    }
}
