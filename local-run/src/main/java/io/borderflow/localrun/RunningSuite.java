package io.borderflow.localrun;

import io.borderflow.support.security.DevTokenIssuer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The suite running on this machine: an embedded PostgreSQL ({@link EmbeddedDatabase}, data kept in the data folder)
 * with one database per service, and each service as a separate Java process ({@link ServiceProcess}). {@link #start}
 * returns once every service reports ready, or stops whatever it had started and throws; {@link #restart} starts a
 * service that exited again; {@link #close} stops the services (SIGTERM, so in-flight calls finish), then PostgreSQL.
 */
public final class RunningSuite implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final SuiteSettings settings;
    private final EmbeddedDatabase database;
    /** The service processes started last under each name, replicas included. */
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    /** Every process started whose class-data archive is not settled yet (it is, once its JVM has exited). */
    private final List<ServiceProcess> unsettled = new ArrayList<>();

    /** Set once {@link #close} begins: a service exiting from then on is being stopped, not failing. */
    private volatile boolean closing;

    private RunningSuite(SuiteSettings settings) {
        this.settings = settings;
        this.database = new EmbeddedDatabase(settings.dataDir().resolve("postgres"), settings.postgresPort());
    }

    /** Starts everything and waits until all services are ready; on failure nothing is left running. */
    public static RunningSuite start(SuiteSettings settings) {
        RunningSuite suite = new RunningSuite(settings);
        try {
            suite.checkJars();
            suite.checkPortsFree();
            suite.issuer();
            suite.database.start();
            suite.database.createDatabases(settings.services().stream()
                    .map(SuiteSettings.Service::database)
                    .toList());
            suite.awaitReady(suite.startServices());
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    public SuiteSettings settings() {
        return settings;
    }

    /** The development token issuer, created on first start under the data folder. */
    public DevTokenIssuer issuer() {
        return DevTokenIssuer.inFolder(settings.issuerFolder());
    }

    /** The log file of a service. */
    public Path log(String service) {
        return settings.dataDir().resolve("logs").resolve(service + ".log");
    }

    /** The running service processes, by service name. */
    public synchronized Map<String, Process> processes() {
        Map<String, Process> running = new LinkedHashMap<>();
        processes.forEach((name, process) -> running.put(name, process.process()));
        return Map.copyOf(running);
    }

    /** Whether the suite is being stopped ({@link #close} has begun). */
    public boolean closing() {
        return closing;
    }

    /**
     * Starts a service that exited again, with the same settings, and waits until it is ready; its log goes on in
     * the same file. Returns how long it took to be ready.
     *
     * @throws SuiteStartException when it exits again while starting, is not ready in time, or the suite is closing
     */
    public Duration restart(String serviceName) {
        SuiteSettings.Service service = settings.service(serviceName);
        ServiceProcess started;
        synchronized (this) {
            if (closing) {
                throw new SuiteStartException("the suite is stopping: " + serviceName + " is not started again");
            }
            ServiceProcess old = processes.get(serviceName);
            if (old != null && old.process().isAlive()) {
                throw new IllegalStateException(serviceName + " is still running");
            }
            started = launch(
                    service.name(),
                    service.port(),
                    jarOf(settings, service),
                    ServiceProcess.environment(settings, service));
        }
        awaitReady(List.of(started));
        return started.startToReady();
    }

    /**
     * How long a service took from the start of its process to its first 200 on {@code /q/health/ready}, to within
     * the 50 ms the wait polls at; for a replica, under {@code <service>@<port>}.
     */
    public synchronized Duration startToReady(String service) {
        ServiceProcess process = processes.get(service);
        if (process == null || process.startToReady() == null) {
            throw new IllegalArgumentException("no ready time for " + service + "; known: "
                    + processes.values().stream()
                            .filter(known -> known.startToReady() != null)
                            .map(ServiceProcess::name)
                            .toList());
        }
        return process.startToReady();
    }

    /**
     * Whether the running process of a service (or {@code <service>@<port>}) started from a class-data archive
     * ({@link ClassDataArchive}); false when it trained one, or with BORDERFLOW_CLASS_DATA_SHARING=off.
     */
    public synchronized boolean startedFromClassDataArchive(String service) {
        ServiceProcess process = processes.get(service);
        if (process == null) {
            throw new IllegalArgumentException("no process for " + service + "; known: " + processes.keySet());
        }
        return process.startedFromClassDataArchive();
    }

    /**
     * Whether every service of the settings will start from a class-data archive (or class-data sharing is off, so
     * none is wanted): false on a build's first start, which writes them.
     */
    public static boolean classDataArchivesReady(SuiteSettings settings) {
        return !ServiceProcess.classDataSharing()
                || settings.services().stream().allMatch(service -> {
                    Path jar = jarOf(settings, service);
                    return Files.isRegularFile(jar)
                            && ClassDataArchive.forApplication(jar).exists();
                });
    }

    /** The embedded PostgreSQL, for the tests' outages ({@code SuiteFaults}). */
    EmbeddedDatabase database() {
        return database;
    }

    /**
     * Starts one more process of a service's jar under a name of its own ({@code <service>@<port>}), and waits until
     * it is ready. Like the services, it is listed in {@link #processes}, logs to {@link #log} under its name and
     * stops with the suite. The tests start replicas with it ({@code SuiteFaults}).
     */
    void startInstance(String name, int port, Path jar, Map<String, String> environment) {
        ServiceProcess started;
        synchronized (this) {
            started = launch(name, port, jar, environment);
        }
        awaitReady(List.of(started));
    }

    private void checkJars() {
        for (SuiteSettings.Service service : settings.services()) {
            if (!Files.isRegularFile(jarOf(settings, service))) {
                throw new SuiteStartException(jarOf(settings, service)
                        + " is missing: build first (./mvnw -DskipTests package), "
                        + "or start with ./run-local, which builds what is missing");
            }
        }
    }

    private void checkPortsFree() {
        List<String> taken = new ArrayList<>();
        if (!free(settings.postgresPort())) {
            taken.add(settings.postgresPort() + " (PostgreSQL, set BORDERFLOW_POSTGRES_PORT)");
        }
        for (SuiteSettings.Service service : settings.services()) {
            if (!free(service.port())) {
                taken.add(service.port() + " (" + service.name() + ", set "
                        + service.database().toUpperCase() + "_PORT)");
            }
        }
        if (!taken.isEmpty()) {
            throw new SuiteStartException("port(s) already in use: " + String.join(", ", taken)
                    + ". Is the suite already running? Stop what holds the port or choose another one.");
        }
    }

    private synchronized List<ServiceProcess> startServices() {
        try {
            Files.createDirectories(settings.dataDir().resolve("logs"));
        } catch (IOException e) {
            throw new SuiteStartException("cannot create " + settings.dataDir().resolve("logs"), e);
        }
        List<ServiceProcess> started = new ArrayList<>();
        for (SuiteSettings.Service service : settings.services()) {
            started.add(launch(
                    service.name(),
                    service.port(),
                    jarOf(settings, service),
                    ServiceProcess.environment(settings, service)));
        }
        return started;
    }

    /** Starts a process under {@code name}, in place of the one that had it; called holding the suite's lock. */
    private ServiceProcess launch(String name, int port, Path jar, Map<String, String> environment) {
        settleArchives();
        ServiceProcess started = ServiceProcess.start(name, port, jar, environment, log(name));
        processes.put(name, started);
        unsettled.add(started);
        return started;
    }

    /** Waits until every process given is ready; throws if one exits, time runs out or the suite is closing. */
    private void awaitReady(List<ServiceProcess> starting) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        List<ServiceProcess> waiting = new ArrayList<>(starting);
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                ServiceProcess process = it.next();
                if (closing) {
                    throw new SuiteStartException("the suite is stopping: not waiting for " + process.name());
                }
                if (process.ready(http)) {
                    it.remove();
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new SuiteStartException("not ready after " + READY_TIMEOUT.toSeconds() + " s: "
                        + waiting.stream()
                                .map(p -> p.name() + " (see " + log(p.name()) + ")")
                                .toList());
            }
            if (!waiting.isEmpty()) {
                waiting.get(0).pause();
            }
        }
    }

    /** Stops the services (gracefully, then forcibly), then PostgreSQL. Safe to call more than once. */
    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            processes.values().forEach(ServiceProcess::stop);
            processes.values().forEach(ServiceProcess::awaitStopped);
            processes.clear();
            settleArchives();
            database.close();
        }
    }

    /** Keeps what the training JVMs that have exited wrote (those a test stopped or killed earlier included). */
    private void settleArchives() {
        unsettled.removeIf(ServiceProcess::settleArchiveOnceExited);
    }

    /** The service's Quarkus runner jar in its module's build output. */
    static Path jarOf(SuiteSettings settings, SuiteSettings.Service service) {
        return settings.root().resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the data folder (PostgreSQL data and logs), for a fresh start. */
    public static void reset(Path dataDir) {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new SuiteStartException("could not delete " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
