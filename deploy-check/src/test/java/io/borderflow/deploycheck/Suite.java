package io.borderflow.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the repository says the manifests must fit: the services (every module of the root pom with an
 * application.properties) and their configuration, the calls they make to each other (their gRPC clients), and the
 * Secrets deploy/README.md documents as supplied by the operator.
 */
final class Suite {
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    /** A row of the README's table: | `name`, `name` | `key`, `key` | ... */
    private static final Pattern TABLE_ROW = Pattern.compile("^\\|([^|]*)\\|([^|]*)\\|");

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    static final String SECRETS_HEADING = "### Secrets you supply";

    final Path root;
    final List<ServiceConfig> services;
    /** Secret name -> keys, as the README's "Secrets you supply" table lists them. */
    final Map<String, Set<String>> operatorSecrets;

    private Suite(Path root, List<ServiceConfig> services, Map<String, Set<String>> operatorSecrets) {
        this.root = root;
        this.services = services;
        this.operatorSecrets = operatorSecrets;
    }

    /** The repository this build runs in (system property borderflow.root, set by the pom). */
    static Path repositoryRoot() {
        String root = System.getProperty("borderflow.root");
        if (root == null) {
            throw new IllegalStateException("system property borderflow.root is not set (the pom sets it)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** The services of the repository at {@code root}, with the operator's Secrets as {@code deployDir}'s README lists them. */
    static Suite load(Path root, Path deployDir) {
        List<ServiceConfig> services = new ArrayList<>();
        for (String module : modules(root)) {
            Path properties = root.resolve(module).resolve("src/main/resources/application.properties");
            if (Files.isRegularFile(properties)) {
                ServiceConfig service = ServiceConfig.load(properties);
                if (!service.name.equals(module)) {
                    throw new IllegalStateException(properties + ": quarkus.application.name " + service.name
                            + " is not the module's name " + module);
                }
                services.add(service);
            }
        }
        if (services.isEmpty()) {
            throw new IllegalStateException("no service module with an application.properties under " + root);
        }
        return new Suite(root, List.copyOf(services), operatorSecrets(deployDir.resolve("README.md")));
    }

    private static List<String> modules(Path root) {
        try {
            Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
            List<String> modules = new ArrayList<>();
            while (m.find()) {
                modules.add(m.group(1).strip());
            }
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Set<String>> operatorSecrets(Path readme) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(SECRETS_HEADING);
        if (start < 0) {
            throw new IllegalStateException(readme + " has no section '" + SECRETS_HEADING + "'");
        }
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            Matcher row = TABLE_ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            List<String> names = code(row.group(1));
            Set<String> keys = Set.copyOf(code(row.group(2)));
            names.forEach(name -> secrets.put(name, keys));
        }
        if (secrets.isEmpty()) {
            throw new IllegalStateException(readme + ": the table under '" + SECRETS_HEADING + "' lists no Secret");
        }
        return secrets;
    }

    private static List<String> code(String cell) {
        List<String> values = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            values.addAll(
                    Arrays.stream(m.group(1).split(",")).map(String::strip).toList());
        }
        return values;
    }

    Optional<ServiceConfig> service(String name) {
        return services.stream().filter(s -> s.name.equals(name)).findFirst();
    }

    Set<String> serviceNames() {
        return services.stream().map(s -> s.name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * The service a gRPC client calls: the one whose default port (quarkus.http.port) is the client's default port, as
     * the local run wires them (checkpoint-service's ${CHECKPOINT_PORT:9101}, a client's ${CHECKPOINT_GRPC_PORT:9101});
     * else the service named after the client (client inspection, inspection-service). Empty when neither exists.
     */
    Optional<String> peerOf(ServiceConfig.Client client, ServiceConfig caller) {
        Optional<String> port = caller.defaultOf(client.portKey()).or(() -> caller.raw(client.portKey()));
        Optional<String> byPort = services.stream()
                .filter(s ->
                        port.isPresent() && s.defaultOf("quarkus.http.port").equals(port))
                .map(s -> s.name)
                .findFirst();
        return byPort.or(() -> service(client.name() + "-service").map(s -> s.name));
    }

    /** Whether {@code caller} calls {@code callee}: one of its gRPC clients is for that service. */
    boolean calls(String caller, String callee) {
        return service(caller)
                .map(s -> s.clients().stream()
                        .anyMatch(c -> peerOf(c, s).filter(callee::equals).isPresent()))
                .orElse(false);
    }
}
