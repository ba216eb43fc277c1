package io.borderflow.deploycheck;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks one rendering of deploy/ against what the services need, and returns every problem found (an empty list when
 * the manifests fit). The expectations come from the repository ({@link Suite}: each service's application.properties,
 * its gRPC clients, the README's table of operator-supplied Secrets) and from Quarkus' conventions
 * ({@link QuarkusEndpoints}); nothing is a second hand-written list of the services' ports, paths or calls.
 */
final class ManifestCheck {
    /** What is checked: the pods only (the base, which has no database or issuer yet), or a whole deployment. */
    enum Scope {
        POD_SPECS,
        DEPLOYMENT
    }

    /** The container that runs a service in its Deployment. */
    static final String SERVER = "server";
    /** Namespace labels agreed with the operator (deploy/README.md, "Network policies"). */
    static final Map<String, String> GATEWAY_NAMESPACE = Map.of("borderflow.io/api-gateway", "true");

    static final Map<String, String> METRICS_NAMESPACE = Map.of("borderflow.io/metrics", "true");
    /** Memory a service needs besides its heap: about 200 MiB measured (deploy/README.md, "Resources"), with room. */
    static final long NON_HEAP_BYTES = 256L * 1024 * 1024;
    /** From the end of the shutdown timeout to the JVM's exit (about 2 s measured), with room. */
    static final Duration JVM_EXIT = Duration.ofSeconds(3);

    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");
    private static final Pattern XMX = Pattern.compile("-Xmx([0-9]+)([kKmMgG]?)");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** Variables read by Quarkus, the JVM's launcher or the C library rather than by application.properties. */
    private static final List<String> CONFIG_PREFIXES =
            List.of("QUARKUS_", "BORDERFLOW_", "MP_", "SMALLRYE_", "JAVA_", "JDK_", "MALLOC_ARENA_MAX");

    private final Manifests manifests;
    private final Suite suite;
    private final Scope scope;
    private final Provided provided;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Server> servers = new HashMap<>();

    /** A service's Deployment as rendered, with what it resolves to. */
    private record Server(
            ServiceConfig config,
            Deployment deployment,
            Container container,
            ContainerEnvironment env,
            int port,
            boolean tlsOnly,
            QuarkusEndpoints.Paths paths) {
        String name() {
            return config.name;
        }

        Map<String, String> podLabels() {
            Map<String, String> labels =
                    deployment.getSpec().getTemplate().getMetadata().getLabels();
            return labels == null ? Map.of() : labels;
        }

        PodSpec pod() {
            return deployment.getSpec().getTemplate().getSpec();
        }

        Optional<String> setting(String key) {
            return config.resolve(key, env.values);
        }
    }

    private ManifestCheck(Manifests manifests, Suite suite, Scope scope) {
        this.manifests = manifests;
        this.suite = suite;
        this.scope = scope;
        this.provided = new Provided(manifests, suite);
    }

    static List<String> problems(Manifests manifests, Suite suite, Scope scope) {
        ManifestCheck check = new ManifestCheck(manifests, suite, scope);
        check.run();
        return List.copyOf(check.problems);
    }

    private void run() {
        manifests.workloads().forEach(this::checkWorkload);
        for (ServiceConfig service : suite.services) {
            Optional<Deployment> deployment = manifests.deployment(service.name);
            if (deployment.isEmpty()) {
                problems.add(service.name + ": no Deployment of that name");
                continue;
            }
            Optional<Container> container = deployment.get().getSpec().getTemplate().getSpec().getContainers().stream()
                    .filter(c -> SERVER.equals(c.getName()))
                    .findFirst();
            if (container.isEmpty()) {
                problems.add(service.name + ": its Deployment has no container named " + SERVER);
                continue;
            }
            List<String> environmentProblems = new ArrayList<>();
            ContainerEnvironment env =
                    ContainerEnvironment.of(service.name, container.get(), manifests, provided, environmentProblems);
            if (scope == Scope.DEPLOYMENT) {
                problems.addAll(environmentProblems);
            }
            boolean tlsOnly = service.resolve("quarkus.http.insecure-requests", env.values)
                    .filter(v -> v.equalsIgnoreCase("disabled"))
                    .isPresent();
            String port = tlsOnly
                    ? service.resolve(QuarkusEndpoints.SSL_PORT, env.values)
                            .orElse(QuarkusEndpoints.defaultOf(QuarkusEndpoints.SSL_PORT))
                    : service.resolve("quarkus.http.port", env.values).orElse("8080");
            servers.put(
                    service.name,
                    new Server(
                            service,
                            deployment.get(),
                            container.get(),
                            env,
                            Integer.parseInt(port),
                            tlsOnly,
                            QuarkusEndpoints.of(service)));
        }
        servers.values().forEach(this::checkServer);
        if (scope == Scope.DEPLOYMENT) {
            servers.values().forEach(this::checkWiring);
            checkNetworkPolicies();
            checkServiceMonitors();
        }
    }

    // --- every pod: hardening, resources, probes ---

    private void checkWorkload(Manifests.Workload workload) {
        PodSpec pod = workload.template().getSpec();
        PodSecurityContext podSecurity = pod.getSecurityContext();
        Map<String, String> labels = workload.template().getMetadata().getLabels();
        for (String label :
                List.of("app.kubernetes.io/name", "app.kubernetes.io/component", "app.kubernetes.io/part-of")) {
            if (labels == null || !labels.containsKey(label)) {
                problems.add(workload + ": its pods have no label " + label);
            }
        }
        if (pod.getAutomountServiceAccountToken() == null || pod.getAutomountServiceAccountToken()) {
            problems.add(workload + ": mounts a Kubernetes API token (automountServiceAccountToken is not false)");
        }
        for (Container c : pod.getContainers()) {
            String where = workload + ", container " + c.getName();
            SecurityContext security = c.getSecurityContext();
            Boolean runAsNonRoot = security != null && security.getRunAsNonRoot() != null
                    ? security.getRunAsNonRoot()
                    : podSecurity == null ? null : podSecurity.getRunAsNonRoot();
            if (!Boolean.TRUE.equals(runAsNonRoot)) {
                problems.add(where + ": may run as root (runAsNonRoot is not true)");
            }
            String seccomp = security != null && security.getSeccompProfile() != null
                    ? security.getSeccompProfile().getType()
                    : podSecurity != null && podSecurity.getSeccompProfile() != null
                            ? podSecurity.getSeccompProfile().getType()
                            : null;
            if (!"RuntimeDefault".equals(seccomp)) {
                problems.add(where + ": seccomp profile is " + seccomp + ", not RuntimeDefault");
            }
            if (security == null) {
                problems.add(where + ": has no securityContext");
            } else {
                if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                    problems.add(where + ": allowPrivilegeEscalation is not false");
                }
                if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
                    problems.add(where + ": the root filesystem is not read-only");
                }
                if (Boolean.TRUE.equals(security.getPrivileged())) {
                    problems.add(where + ": is privileged");
                }
                if (security.getCapabilities() == null
                        || security.getCapabilities().getDrop() == null
                        || !security.getCapabilities().getDrop().contains("ALL")) {
                    problems.add(where + ": does not drop ALL capabilities");
                }
            }
            Map<String, Quantity> requests =
                    c.getResources() == null ? null : c.getResources().getRequests();
            Map<String, Quantity> limits =
                    c.getResources() == null ? null : c.getResources().getLimits();
            for (String resource : List.of("cpu", "memory")) {
                if (requests == null || !requests.containsKey(resource)) {
                    problems.add(where + ": no " + resource + " request");
                }
                if (limits == null || !limits.containsKey(resource)) {
                    problems.add(where + ": no " + resource + " limit");
                }
            }
            if (c.getStartupProbe() == null) {
                problems.add(where + ": no startup probe");
            }
            if (c.getLivenessProbe() == null) {
                problems.add(where + ": no liveness probe");
            }
            if (c.getReadinessProbe() == null) {
                problems.add(where + ": no readiness probe");
            }
        }
    }

    // --- each service's pod: the port it listens on, the paths it serves, its JVM, its Service ---

    private void checkServer(Server s) {
        String name = s.name();
        List<ContainerPort> grpcPorts = s.container().getPorts().stream()
                .filter(p -> "grpc".equals(p.getName()))
                .toList();
        if (grpcPorts.isEmpty()) {
            problems.add(name + ": its container has no port named grpc");
        } else if (grpcPorts.get(0).getContainerPort() != s.port()) {
            problems.add(
                    name + ": its port grpc is " + grpcPorts.get(0).getContainerPort() + ", but the service listens on "
                            + s.port() + " (" + (s.tlsOnly() ? "quarkus.http.ssl-port" : "quarkus.http.port") + ")");
        }
        String scheme = s.tlsOnly() ? "HTTPS" : "HTTP";
        checkProbe(s, "startup", s.container().getStartupProbe(), s.paths().started(), scheme);
        checkProbe(s, "liveness", s.container().getLivenessProbe(), s.paths().live(), scheme);
        checkProbe(s, "readiness", s.container().getReadinessProbe(), s.paths().ready(), scheme);

        Map<String, String> annotations =
                s.deployment().getSpec().getTemplate().getMetadata().getAnnotations();
        if (annotations != null && "true".equals(annotations.get("prometheus.io/scrape"))) {
            if (!String.valueOf(s.port()).equals(annotations.get("prometheus.io/port"))) {
                problems.add(name + ": prometheus.io/port is " + annotations.get("prometheus.io/port")
                        + ", the metrics are on " + s.port());
            }
            if (!s.paths().metrics().equals(annotations.get("prometheus.io/path"))) {
                problems.add(name + ": prometheus.io/path is " + annotations.get("prometheus.io/path")
                        + ", the service serves its metrics at " + s.paths().metrics());
            }
            String annotatedScheme = annotations.getOrDefault("prometheus.io/scheme", "http");
            if (!annotatedScheme.equalsIgnoreCase(scheme)) {
                problems.add(name + ": prometheus.io/scheme is " + annotatedScheme + ", the service serves " + scheme);
            }
        }
        checkHeap(s);

        Optional<Service> service = manifests.service(name);
        if (service.isEmpty()) {
            problems.add(name + ": no Service of that name");
        } else {
            checkServiceFront(s, service.get(), false);
        }
    }

    private void checkProbe(Server s, String kind, Probe probe, String path, String scheme) {
        if (probe == null) {
            return;
        }
        HTTPGetAction get = probe.getHttpGet();
        if (get == null) {
            problems.add(s.name() + ": the " + kind + " probe is not an HTTP GET of " + path);
            return;
        }
        if (!path.equals(get.getPath())) {
            problems.add(s.name() + ": the " + kind + " probe asks " + get.getPath() + ", but the service serves "
                    + kind + " at " + path);
        }
        if (!portMatches(get.getPort(), s)) {
            problems.add(s.name() + ": the " + kind + " probe goes to port "
                    + get.getPort().getValue() + ", not grpc (" + s.port() + ")");
        }
        String probeScheme = get.getScheme() == null ? "HTTP" : get.getScheme();
        if (!probeScheme.equals(scheme)) {
            problems.add(s.name() + ": the " + kind + " probe uses " + probeScheme + ", the service serves " + scheme);
        }
    }

    private static boolean portMatches(IntOrString port, Server s) {
        return port != null && ("grpc".equals(port.getStrVal()) || Objects.equals(port.getIntVal(), s.port()));
    }

    private void checkHeap(Server s) {
        Quantity limit = s.container().getResources() == null
                        || s.container().getResources().getLimits() == null
                ? null
                : s.container().getResources().getLimits().get("memory");
        if (limit == null) {
            return;
        }
        long limitBytes = Quantity.getAmountInBytes(limit).longValue();
        String options = String.join(
                " ",
                s.env().get("JAVA_OPTS_APPEND").orElse(""),
                s.env().get("JAVA_TOOL_OPTIONS").orElse(""),
                s.env().get("JDK_JAVA_OPTIONS").orElse(""));
        Long heap = null;
        Matcher percentage = MAX_RAM_PERCENTAGE.matcher(options);
        while (percentage.find()) {
            heap = new BigDecimal(percentage.group(1))
                    .multiply(BigDecimal.valueOf(limitBytes))
                    .divide(BigDecimal.valueOf(100))
                    .longValue();
        }
        Matcher xmx = XMX.matcher(options);
        while (xmx.find()) {
            long factor = switch (xmx.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 1024L;
                case "m" -> 1024L * 1024;
                case "g" -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            heap = Long.parseLong(xmx.group(1)) * factor;
        }
        if (heap == null) {
            problems.add(
                    s.name() + ": no heap size (-XX:MaxRAMPercentage or -Xmx) in its JVM options, so the base image's"
                            + " default applies whatever the memory limit");
        } else if (limitBytes - heap < NON_HEAP_BYTES) {
            problems.add(s.name() + ": a heap of " + mib(heap) + " leaves " + mib(limitBytes - heap) + " of the "
                    + mib(limitBytes) + " memory limit for the rest of the JVM, which needs " + mib(NON_HEAP_BYTES));
        }
    }

    private static String mib(long bytes) {
        return bytes / (1024 * 1024) + " MiB";
    }

    /** A Service in front of a service's pods: selects them, and has the port grpc leading to the service's port. */
    private void checkServiceFront(Server s, Service service, boolean headless) {
        String where = "Service " + service.getMetadata().getName();
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty() || !s.podLabels().entrySet().containsAll(selector.entrySet())) {
            problems.add(
                    where + ": its selector " + selector + " does not select " + s.name() + "'s pods " + s.podLabels());
        }
        boolean isHeadless = "None".equals(service.getSpec().getClusterIP());
        if (headless && !isHeadless) {
            problems.add(
                    where + ": is not headless (clusterIP: None), so a client's DNS look-up gives one virtual IP and"
                            + " its calls do not spread over the pods");
        }
        if (!headless && isHeadless) {
            problems.add(where + ": is headless; partners and gateways need a Service with a cluster IP");
        }
        Optional<ServicePort> grpc = service.getSpec().getPorts().stream()
                .filter(p -> "grpc".equals(p.getName()))
                .findFirst();
        if (grpc.isEmpty()) {
            problems.add(where + ": has no port named grpc");
        } else if (!portMatches(
                grpc.get().getTargetPort() == null
                        ? new IntOrString(grpc.get().getPort())
                        : grpc.get().getTargetPort(),
                s)) {
            problems.add(where + ": its port grpc leads to "
                    + grpc.get().getTargetPort().getValue() + ", not to " + s.name() + "'s port " + s.port());
        }
    }

    // --- a whole deployment: configuration, Secrets, peers, database, tokens, shutdown, images, scaling ---

    private void checkWiring(Server s) {
        String name = s.name();
        for (String variable : s.env().values.keySet()) {
            if (!s.config().variablesRead().contains(variable)
                    && CONFIG_PREFIXES.stream().noneMatch(variable::startsWith)) {
                problems.add(name + ": sets " + variable + ", which its application.properties does not read");
            }
        }
        checkVolumes(s);
        checkPeers(s);
        checkDatabase(s);
        checkTokens(s);
        checkShutdown(s);
        checkImage(s);
        checkScaling(s);
    }

    private void checkVolumes(Server s) {
        for (Volume volume : s.pod().getVolumes()) {
            if (volume.getSecret() != null) {
                String secret = volume.getSecret().getSecretName();
                Optional<Provided.SecretSource> source = provided.secret(secret);
                if (source.isEmpty()) {
                    if (!Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                        problems.add(s.name() + ": volume " + volume.getName() + " is Secret " + secret
                                + ", which is neither in the manifests, nor made by an operator they use, nor documented in"
                                + " deploy/README.md as supplied by the operator");
                    }
                } else if (volume.getSecret().getItems() != null) {
                    volume.getSecret().getItems().stream()
                            .filter(i -> !source.get().keys().contains(i.getKey()))
                            .forEach(i -> problems.add(s.name() + ": volume " + volume.getName() + " takes key "
                                    + i.getKey() + " of Secret " + secret + ", which has only "
                                    + source.get().keys()));
                }
            }
            if (volume.getConfigMap() != null
                    && manifests.configMap(volume.getConfigMap().getName()).isEmpty()
                    && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                problems.add(s.name() + ": volume " + volume.getName() + " is ConfigMap "
                        + volume.getConfigMap().getName() + ", which the manifests do not define");
            }
        }
    }

    /**
     * A file the service reads, e.g. /var/run/secrets/borderflow/service-token/token: it must be a key of the Secret
     * mounted at its folder. Returns a problem, or null when the file is there.
     */
    private String secretFileProblem(Server s, String what, String path) {
        for (VolumeMount mount : s.container().getVolumeMounts()) {
            String folder = mount.getMountPath().endsWith("/") ? mount.getMountPath() : mount.getMountPath() + "/";
            if (!path.startsWith(folder) || mount.getSubPath() != null) {
                continue;
            }
            String key = path.substring(folder.length());
            Optional<Volume> volume = s.pod().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst();
            if (volume.isEmpty()) {
                return s.name() + ": " + what + " " + path + " is on volume " + mount.getName()
                        + ", which the pod does not have";
            }
            if (volume.get().getSecret() == null) {
                return s.name() + ": " + what + " " + path + " is not in a Secret";
            }
            String secret = volume.get().getSecret().getSecretName();
            Optional<Provided.SecretSource> source = provided.secret(secret);
            if (source.isEmpty()) {
                return s.name() + ": " + what + " " + path + " comes from Secret " + secret
                        + ", which nothing provides or documents";
            }
            if (!source.get().keys().contains(key)) {
                return s.name() + ": " + what + " " + path + " is key " + key + " of Secret " + secret
                        + ", which has only "
                        + source.get().keys().stream().sorted().toList() + " ("
                        + source.get().origin() + ")";
            }
            return null;
        }
        return s.name() + ": " + what + " " + path + " is on no mounted volume";
    }

    private void checkPeers(Server s) {
        for (ServiceConfig.Client client : s.config().clients()) {
            String where = s.name() + "'s client " + client.name();
            Server peer = suite.peerOf(client, s.config()).map(servers::get).orElse(null);
            if (peer == null) {
                problems.add(where + ": calls no service of the suite that this check can tell (its default port is no"
                        + " service's, nor is it named after one)");
                continue;
            }
            String host = s.setting(client.hostKey()).orElse("");
            String port = s.setting(client.portKey()).orElse("");
            Optional<Service> service = manifests.service(clusterName(host));
            if (service.isEmpty()) {
                problems.add(where + ": calls host '" + host + "' ("
                        + s.config().variableOf(client.hostKey()).orElse(client.hostKey())
                        + "), which is not a Service in the manifests");
            } else {
                checkServiceFront(peer, service.get(), true);
                if (service.get().getSpec().getPorts().stream()
                        .noneMatch(p -> String.valueOf(p.getPort()).equals(port))) {
                    problems.add(where + ": calls port " + port + ", which Service " + host + " does not have");
                }
            }
            if (!String.valueOf(peer.port()).equals(port)) {
                problems.add(where + ": calls port " + port + ", but " + peer.name() + " listens on " + peer.port());
            }
            String policy = s.setting(client.loadBalancingPolicyKey()).orElse("pick_first");
            if (!"round_robin".equals(policy)) {
                problems.add(where + ": load-balancing policy is " + policy + ", so all its calls go to one pod of "
                        + peer.name() + " (set " + ServiceConfig.environmentName(client.loadBalancingPolicyKey())
                        + "=round_robin)");
            }
            if (peer.tlsOnly()) {
                Optional<String> trust = s.setting(client.trustStoreKey());
                if (trust.isEmpty()) {
                    problems.add(where + ": " + peer.name() + " serves TLS only, but the client has no trust store ("
                            + ServiceConfig.environmentName(client.trustStoreKey()) + ") and would speak plain text");
                } else {
                    Optional.ofNullable(secretFileProblem(s, "the trust store of client " + client.name(), trust.get()))
                            .ifPresent(problems::add);
                }
            }
        }
    }

    /** The Service a host name in the cluster names ("x", "x.ns", "x.ns.svc.cluster.local" -> "x"). */
    private static String clusterName(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    private static boolean inCluster(String host) {
        return !host.contains(".") || host.endsWith(".svc") || host.endsWith(".svc.cluster.local");
    }

    private void checkDatabase(Server s) {
        String hostKey = "borderflow.db.host";
        String host = s.setting(hostKey).orElse("");
        String variable = s.config().variableOf(hostKey).orElse(hostKey);
        if (host.isBlank() || host.equals(s.config().defaultOf(hostKey).orElse(null)) || host.equals("localhost")) {
            problems.add(s.name() + ": " + variable + " is not set, so the service would look for its database at '"
                    + host + "'; choose a PostgreSQL option (deploy/README.md)");
            return;
        }
        String port = s.setting("borderflow.db.port").orElse("");
        if (!inCluster(host)) {
            return;
        }
        String name = clusterName(host);
        Optional<Service> service = manifests.service(name);
        Optional<Provided.GeneratedService> generated = provided.generatedService(name);
        if (service.isPresent()) {
            if (service.get().getSpec().getPorts().stream()
                    .noneMatch(p -> String.valueOf(p.getPort()).equals(port))) {
                problems.add(s.name() + ": its database is at port " + port + " of Service " + name
                        + ", which has no such port");
            }
        } else if (generated.isPresent()) {
            if (!String.valueOf(generated.get().port()).equals(port)) {
                problems.add(s.name() + ": its database is at port " + port + " of " + name + ", which listens on "
                        + generated.get().port());
            }
            checkDatabaseTls(s, name);
        } else {
            problems.add(s.name() + ": " + variable + " is " + host
                    + ", which is no Service of the manifests nor one an" + " operator they use creates");
        }
    }

    /**
     * A CloudNativePG database serves TLS with a certificate of the cluster's own CA: the service must verify it and the
     * host name (sslmode verify-full) on the JDBC connection Flyway uses and on the reactive pool, against that CA's
     * certificate mounted from a Secret.
     */
    private void checkDatabaseTls(Server s, String host) {
        String mode =
                s.setting("quarkus.datasource.reactive.postgresql.ssl-mode").orElse("disable");
        if (!mode.equals("verify-full")) {
            problems.add(
                    s.name() + ": connects to its database " + host + " with sslmode " + mode + ", not verify-full");
        }
        String jdbcUrl = s.config().raw("quarkus.datasource.jdbc.url").orElse("");
        if (s.env()
                        .get(ServiceConfig.environmentName("quarkus.datasource.jdbc.url"))
                        .isPresent()
                || !jdbcUrl.contains("sslmode=${DB_SSL_MODE")) {
            problems.add(s.name() + ": its JDBC URL (Flyway's) does not take sslmode from DB_SSL_MODE as the reactive"
                    + " pool does");
        }
        String rootCert = s.env().get("DB_SSL_ROOT_CERT").orElse("");
        String trusted = s.setting("quarkus.datasource.reactive.trust-certificate-pem.certs")
                .orElse("");
        if (rootCert.isEmpty() || trusted.isEmpty()) {
            problems.add(s.name() + ": no CA to verify its database's certificate with (DB_SSL_ROOT_CERT, "
                    + ServiceConfig.environmentName("quarkus.datasource.reactive.trust-certificate-pem.certs") + ")");
        } else {
            Stream.of(rootCert, trusted)
                    .distinct()
                    .map(path -> secretFileProblem(s, "the database's CA", path))
                    .filter(Objects::nonNull)
                    .forEach(problems::add);
        }
        if (!"true"
                        .equals(s.setting("quarkus.datasource.reactive.trust-certificate-pem")
                                .orElse(""))
                || !"HTTPS"
                        .equals(s.setting("quarkus.datasource.reactive.hostname-verification-algorithm")
                                .orElse(""))) {
            problems.add(s.name() + ": its reactive pool does not trust the database's CA or verify its host name");
        }
    }

    private void checkTokens(Server s) {
        String profile = s.env().get("QUARKUS_PROFILE").orElse("prod");
        String issuerKey = "mp.jwt.verify.issuer";
        String issuer = s.setting(issuerKey).orElse("");
        String developmentIssuer = s.config().defaultOf(issuerKey).orElse("");
        Optional<String> devIssuerDir = s.setting("borderflow.service-token.dev-issuer-dir");
        Optional<String> tokenFile = s.setting("borderflow.service-token.file");
        if (profile.equals("prod")) {
            if (issuer.equals(developmentIssuer)) {
                problems.add(s.name() + ": runs the prod profile with the development token issuer " + issuer
                        + " (BORDERFLOW_JWT_ISSUER unset), which the prod profile refuses: the pods would not start");
            }
            if (devIssuerDir.isPresent()) {
                problems.add(s.name() + ": runs the prod profile with BORDERFLOW_SERVICE_TOKEN_DEV_ISSUER_DIR, which it"
                        + " refuses: the pods would not start");
            }
            if (!s.env().fromSecrets.containsKey("BORDERFLOW_PAGE_TOKEN_SECRET")) {
                problems.add(s.name() + ": runs the prod profile without BORDERFLOW_PAGE_TOKEN_SECRET from a Secret,"
                        + " which it refuses: the pods would not start");
            }
        }
        if (devIssuerDir.isPresent()) {
            for (String file : List.of("private-key.pem", "public-key.pem")) {
                Optional.ofNullable(
                                secretFileProblem(s, "the development issuer's key", devIssuerDir.get() + "/" + file))
                        .ifPresent(problems::add);
            }
        } else if (tokenFile.isPresent()) {
            Optional.ofNullable(secretFileProblem(s, "the service token file", tokenFile.get()))
                    .ifPresent(problems::add);
        } else {
            problems.add(s.name()
                    + ": has no service token (BORDERFLOW_SERVICE_TOKEN_FILE), so its calls to peers are refused");
        }
        String publicKey = s.setting("mp.jwt.verify.publickey.location").orElse("");
        if (publicKey.startsWith("file:")) {
            Optional.ofNullable(secretFileProblem(
                            s, "the token issuer's public key", publicKey.substring("file:".length())))
                    .ifPresent(problems::add);
        } else if (!publicKey.startsWith("https://")) {
            problems.add(
                    s.name() + ": the token issuer's key is at '" + publicKey + "', neither a file nor an https URL");
        }
    }

    private void checkShutdown(Server s) {
        Optional<Duration> delay = s.setting("quarkus.shutdown.delay").map(ManifestCheck::duration);
        Optional<Duration> timeout = s.setting("quarkus.shutdown.timeout").map(ManifestCheck::duration);
        if (delay.isPresent() && !s.config().isTrue("quarkus.shutdown.delay-enabled")) {
            problems.add(
                    s.name() + ": QUARKUS_SHUTDOWN_DELAY is set, but application.properties does not enable the delay"
                            + " at build time (quarkus.shutdown.delay-enabled=true), so it is ignored");
        }
        if (timeout.isEmpty()) {
            problems.add(s.name() + ": no QUARKUS_SHUTDOWN_TIMEOUT, so calls in flight are cut when the pod stops");
            return;
        }
        long grace = s.pod().getTerminationGracePeriodSeconds() == null
                ? 30
                : s.pod().getTerminationGracePeriodSeconds();
        Duration needed = delay.orElse(Duration.ZERO).plus(timeout.get()).plus(JVM_EXIT);
        if (needed.toSeconds() > grace) {
            problems.add(s.name() + ": shutdown delay "
                    + delay.orElse(Duration.ZERO).toSeconds() + " s + timeout "
                    + timeout.get().toSeconds() + " s + " + JVM_EXIT.toSeconds() + " s to exit exceed"
                    + " terminationGracePeriodSeconds " + grace + ": the pod is killed before its calls finish");
        }
    }

    /** A Quarkus duration: ISO-8601 (PT5S) or a number with a unit (500ms, 5s, 1m, 1h, 1d; a bare number is seconds). */
    static Duration duration(String value) {
        String v = value.strip();
        if (v.toUpperCase(Locale.ROOT).startsWith("P")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        Matcher m = Pattern.compile("^([0-9]+)(ms|s|m|h|d)?$").matcher(v.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private void checkImage(Server s) {
        String image = s.container().getImage();
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        String tag = image.contains("@") ? null : colon > slash ? image.substring(colon + 1) : null;
        if (!image.contains("@") && (tag == null || tag.equals("latest"))) {
            problems.add(s.name() + ": image " + image + " has no fixed tag (set it in the overlay's images:)");
        }
        String version = s.podLabels().get("app.kubernetes.io/version");
        if (version == null) {
            problems.add(s.name() + ": its pods have no app.kubernetes.io/version label");
        } else if (tag != null && !tag.equals(version)) {
            problems.add(s.name() + ": label app.kubernetes.io/version " + version + " is not its image's tag " + tag);
        }
    }

    private void checkScaling(Server s) {
        List<HorizontalPodAutoscaler> autoscalers = manifests.ofType(HorizontalPodAutoscaler.class).stream()
                .filter(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                        && s.name().equals(h.getSpec().getScaleTargetRef().getName()))
                .toList();
        if (autoscalers.isEmpty()) {
            return;
        }
        if (s.deployment().getSpec().getReplicas() != null) {
            problems.add(
                    s.name() + ": has a HorizontalPodAutoscaler and sets replicas, so every apply resets its scale");
        }
        boolean budget = manifests.ofType(PodDisruptionBudget.class).stream()
                .anyMatch(p -> NetworkPolicies.matches(p.getSpec().getSelector(), s.podLabels()));
        if (!budget) {
            problems.add(
                    s.name() + ": is autoscaled but has no PodDisruptionBudget, so a node drain may stop all its pods");
        }
        if (autoscalers.get(0).getSpec().getMinReplicas() == null
                || autoscalers.get(0).getSpec().getMinReplicas() < 2) {
            problems.add(s.name() + ": its HorizontalPodAutoscaler allows a single replica");
        }
    }

    // --- network policies: exactly the calls the services make ---

    private void checkNetworkPolicies() {
        NetworkPolicies policies = new NetworkPolicies(manifests);
        Map<String, NetworkPolicies.Endpoint> pods = new HashMap<>();
        servers.values().forEach(s -> pods.put(s.name(), endpoint(s.name(), s.podLabels(), s.container())));
        boolean underPolicy =
                pods.values().stream().anyMatch(p -> policies.isolated(p, "Ingress") || policies.isolated(p, "Egress"));
        if (!underPolicy) {
            return;
        }
        for (Server s : servers.values()) {
            NetworkPolicies.Endpoint pod = pods.get(s.name());
            for (String direction : List.of("Ingress", "Egress")) {
                if (!policies.isolated(pod, direction)) {
                    problems.add(s.name() + ": no network policy restricts its " + direction.toLowerCase(Locale.ROOT)
                            + " (no deny-all selects it)");
                }
            }
            for (Server other : servers.values()) {
                if (other == s) {
                    continue;
                }
                boolean allowed = policies.allows(pod, pods.get(other.name()), other.port(), "TCP");
                boolean calls = suite.calls(s.name(), other.name());
                if (calls && !allowed) {
                    problems.add("network policies deny " + s.name() + " -> " + other.name() + ":" + other.port()
                            + ", but " + s.name() + " calls it");
                } else if (!calls && allowed) {
                    problems.add("network policies allow " + s.name() + " -> " + other.name() + ":" + other.port()
                            + ", a call " + s.name() + " never makes");
                }
            }
            NetworkPolicies.Endpoint gateway = new NetworkPolicies.Endpoint(
                    "the API gateway's namespace", "gateway", GATEWAY_NAMESPACE, Map.of(), Map.of());
            if (!policies.allows(gateway, pod, s.port(), "TCP")) {
                problems.add("network policies keep partners (a namespace labelled " + GATEWAY_NAMESPACE + ") from "
                        + s.name() + ":" + s.port());
            }
            NetworkPolicies.Endpoint prometheus = new NetworkPolicies.Endpoint(
                    "Prometheus' namespace", "monitoring", METRICS_NAMESPACE, Map.of(), Map.of());
            if (!policies.allows(prometheus, pod, s.port(), "TCP")) {
                problems.add("network policies keep Prometheus (a namespace labelled " + METRICS_NAMESPACE + ") from "
                        + s.name() + "'s metrics on " + s.port());
            }
            NetworkPolicies.Endpoint stranger = new NetworkPolicies.Endpoint(
                    "another namespace",
                    "elsewhere",
                    Map.of("kubernetes.io/metadata.name", "elsewhere"),
                    Map.of("app", "anything"),
                    Map.of());
            if (policies.allows(stranger, pod, s.port(), "TCP")) {
                problems.add("network policies let any pod of any namespace reach " + s.name() + ":" + s.port());
            }
            NetworkPolicies.Endpoint dns = new NetworkPolicies.Endpoint(
                    "cluster DNS",
                    "kube-system",
                    Map.of("kubernetes.io/metadata.name", "kube-system"),
                    Map.of("k8s-app", "kube-dns"),
                    Map.of());
            if (!policies.allows(pod, dns, 53, "UDP")) {
                problems.add("network policies keep " + s.name() + " from the cluster DNS (kube-dns, 53/UDP)");
            }
            checkDatabaseReachable(policies, s, pod);
            String publicKey = s.setting("mp.jwt.verify.publickey.location").orElse("");
            if (publicKey.startsWith("https://")
                    && !policies.allows(pod, NetworkPolicies.Endpoint.outside("the token issuer"), 443, "TCP")) {
                problems.add("network policies keep " + s.name() + " from the token issuer's keys at " + publicKey);
            }
        }
    }

    private void checkDatabaseReachable(NetworkPolicies policies, Server s, NetworkPolicies.Endpoint pod) {
        String host = s.setting("borderflow.db.host").orElse("");
        int port;
        try {
            port = Integer.parseInt(s.setting("borderflow.db.port").orElse(""));
        } catch (NumberFormatException e) {
            return;
        }
        NetworkPolicies.Endpoint database;
        if (!inCluster(host)) {
            database = NetworkPolicies.Endpoint.outside("the database at " + host);
        } else {
            String name = clusterName(host);
            Optional<Service> service = manifests.service(name);
            Optional<Provided.GeneratedService> generated = provided.generatedService(name);
            if (service.isPresent()) {
                Optional<Manifests.Workload> behind = manifests.workloads().stream()
                        .filter(w -> w.template().getMetadata().getLabels() != null
                                && w.template()
                                        .getMetadata()
                                        .getLabels()
                                        .entrySet()
                                        .containsAll(service.get()
                                                .getSpec()
                                                .getSelector()
                                                .entrySet()))
                        .findFirst();
                if (behind.isEmpty()) {
                    problems.add("Service " + name + " (" + s.name() + "'s database) selects no pod of the manifests");
                    return;
                }
                int targetPort = service.get().getSpec().getPorts().stream()
                        .filter(p -> p.getPort() == port)
                        .findFirst()
                        .map(p -> targetPort(p, behind.get()))
                        .orElse(port);
                database = endpoint(
                        behind.get().toString(),
                        behind.get().template().getMetadata().getLabels(),
                        behind.get().template().getSpec().getContainers().get(0));
                if (!policies.allows(pod, database, targetPort, "TCP")) {
                    problems.add("network policies keep " + s.name() + " from its database (" + behind.get() + ":"
                            + targetPort + ")");
                }
                return;
            } else if (generated.isPresent()) {
                database = new NetworkPolicies.Endpoint(
                        generated.get().origin(),
                        manifests.namespace(),
                        manifests.namespaceLabels(),
                        generated.get().podLabels(),
                        Map.of());
            } else {
                return;
            }
        }
        if (!policies.allows(pod, database, port, "TCP")) {
            problems.add(
                    "network policies keep " + s.name() + " from its database (" + database + ", port " + port + ")");
        }
    }

    private static int targetPort(ServicePort port, Manifests.Workload behind) {
        IntOrString target = port.getTargetPort();
        if (target == null) {
            return port.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        return behind.template().getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts().stream())
                .filter(p -> target.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElse(port.getPort());
    }

    private NetworkPolicies.Endpoint endpoint(String description, Map<String, String> labels, Container container) {
        Map<String, Integer> named = new HashMap<>();
        container.getPorts().stream()
                .filter(p -> p.getName() != null)
                .forEach(p -> named.put(p.getName(), p.getContainerPort()));
        return new NetworkPolicies.Endpoint(
                description,
                manifests.namespace(),
                manifests.namespaceLabels(),
                labels == null ? Map.of() : labels,
                named);
    }

    // --- ServiceMonitors (Prometheus Operator) ---

    private void checkServiceMonitors() {
        for (GenericKubernetesResource monitor : manifests.custom("monitoring.coreos.com", "ServiceMonitor")) {
            String where = "ServiceMonitor " + monitor.getMetadata().getName();
            LabelSelector selector = SERIALIZATION.convertValue(monitor.get("spec", "selector"), LabelSelector.class);
            List<Service> selected = manifests.ofType(Service.class).stream()
                    .filter(svc -> svc.getMetadata().getLabels() != null
                            && NetworkPolicies.matches(
                                    selector, svc.getMetadata().getLabels()))
                    .toList();
            if (selected.isEmpty()) {
                problems.add(where + ": selects no Service");
            }
            List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
            for (Service service : selected) {
                Server s = servers.get(
                        service.getSpec().getSelector() == null
                                ? ""
                                : service.getSpec().getSelector().get("app.kubernetes.io/name"));
                if (s == null) {
                    continue;
                }
                if ("None".equals(service.getSpec().getClusterIP())) {
                    problems.add(where + ": selects the headless Service "
                            + service.getMetadata().getName() + " too, so every pod is scraped twice");
                }
                for (Map<String, Object> endpoint : endpoints == null ? List.<Map<String, Object>>of() : endpoints) {
                    Function<String, String> field = key ->
                            endpoint.get(key) == null ? null : endpoint.get(key).toString();
                    if (!"grpc".equals(field.apply("port"))) {
                        problems.add(where + ": scrapes port " + field.apply("port") + ", not grpc");
                    }
                    if (!s.paths().metrics().equals(field.apply("path"))) {
                        problems.add(where + ": scrapes " + field.apply("path") + ", " + s.name()
                                + " serves metrics at " + s.paths().metrics());
                    }
                    String scheme = field.apply("scheme") == null ? "http" : field.apply("scheme");
                    if (!scheme.equalsIgnoreCase(s.tlsOnly() ? "https" : "http")) {
                        problems.add(where + ": scrapes over " + scheme + ", " + s.name() + " serves "
                                + (s.tlsOnly() ? "https" : "http") + " only");
                    }
                }
            }
        }
    }
}
