package io.borderflow.localrun;

import io.borderflow.support.security.DevTokenIssuer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The suite running on this machine: an embedded PostgreSQL (data kept in the data folder) with one database per
 * service, and each service as a separate Java process. {@link #start} returns once every service reports ready, or
 * stops whatever it had started and throws; {@link #close} stops the services (SIGTERM, so in-flight calls finish),
 * then PostgreSQL.
 */
public final class RunningSuite implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final String ISSUER_FOLDER = "dev-issuer";
    /**
     * How each service's JVM runs, sized from the load harness's measurements (docs/benchmarks/load.md): a 160 MiB
     * heap (the suite's peak need under load, with room), code cache and thread stacks bounded, out of memory fatal
     * rather than limping. G1 stays the collector: the serial one saved about 40 MiB of RSS but cost a quarter of the
     * event throughput on two cores.
     */
    static final List<String> JVM_OPTIONS = List.of(
            "-Xmx160m",
            "-XX:ReservedCodeCacheSize=96m",
            "-Xss512k",
            "-XX:MaxDirectMemorySize=64m",
            "-XX:+ExitOnOutOfMemoryError");

    private final SuiteSettings settings;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Duration> startToReady = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every start's use of its class-data archive, settled once its JVM has exited. */
    private final Map<Process, ClassDataArchive.Start> archiveStarts = new LinkedHashMap<>();

    private EmbeddedPostgres postgres;
    /** Set once {@link #close} begins: a service exiting from then on is being stopped, not failing. */
    private volatile boolean closing;

    private RunningSuite(SuiteSettings settings) {
        this.settings = settings;
    }

    /** Starts everything and waits until all services are ready; on failure nothing is left running. */
    public static RunningSuite start(SuiteSettings settings) {
        RunningSuite suite = new RunningSuite(settings);
        try {
            suite.checkJars();
            suite.checkPortsFree();
            suite.issuer();
            suite.startPostgres();
            suite.createDatabases();
            suite.startServices();
            suite.awaitReady();
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
        return DevTokenIssuer.inFolder(settings.dataDir().resolve(ISSUER_FOLDER));
    }

    /** The log file of a service. */
    public Path log(String service) {
        return settings.dataDir().resolve("logs").resolve(service + ".log");
    }

    /** The running service processes, by service name. */
    public synchronized Map<String, Process> processes() {
        return Map.copyOf(processes);
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
        SuiteSettings.Service service = settings.services().stream()
                .filter(s -> s.name().equals(serviceName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + serviceName));
        synchronized (this) {
            if (closing) {
                throw new SuiteStartException("the suite is stopping: " + serviceName + " is not started again");
            }
            Process old = processes.get(serviceName);
            if (old != null && old.isAlive()) {
                throw new IllegalStateException(serviceName + " is still running");
            }
            launch(service, jar(service), environment(service));
        }
        awaitReady(List.of(service));
        return startToReady(serviceName);
    }

    /**
     * How long a service took from the start of its process to its first 200 on {@code /q/health/ready}, to within
     * the 50 ms the wait polls at; for a replica, under {@code <service>@<port>}.
     */
    public synchronized Duration startToReady(String service) {
        Duration duration = startToReady.get(service);
        if (duration == null) {
            throw new IllegalArgumentException("no ready time for " + service + "; known: " + startToReady.keySet());
        }
        return duration;
    }

    /**
     * Stops PostgreSQL as an outage would, with the services left running (they see their connections fail). The
     * data stays; {@link #startPostgresAgain} brings it back on the same port.
     */
    public synchronized void stopPostgres() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new SuiteStartException("PostgreSQL did not stop: " + e.getMessage(), e);
        } finally {
            postgres = null;
        }
    }

    /** Starts PostgreSQL again on its port and data folder, after {@link #stopPostgres}. */
    public synchronized void startPostgresAgain() {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL is already running");
        }
        startPostgres();
    }

    private void checkJars() {
        for (SuiteSettings.Service service : settings.services()) {
            if (!Files.isRegularFile(jar(service))) {
                throw new SuiteStartException(jar(service) + " is missing: build first (./mvnw -DskipTests package), "
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

    private void startPostgres() {
        Path data = settings.dataDir().resolve("postgres");
        Map<String, String> added = postgresSettings(System.getenv("BORDERFLOW_POSTGRES_SETTINGS"));
        try {
            Files.createDirectories(data);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(settings.postgresPort())
                    // zonky turns synchronous commits off for test speed; an acknowledged write must survive a
                    // PostgreSQL crash, so a commit returns only once its WAL is flushed
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(Duration.ofSeconds(60));
            added.forEach(builder::setServerConfig);
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new SuiteStartException(
                    "embedded PostgreSQL did not start on port " + settings.postgresPort()
                            + " with data in " + data + ": " + e.getMessage()
                            + " (a data folder from another PostgreSQL version? start with --reset)",
                    e);
        }
    }

    private void createDatabases() {
        String url = "jdbc:postgresql://localhost:" + settings.postgresPort() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
            for (SuiteSettings.Service service : settings.services()) {
                try (PreparedStatement exists =
                        connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    exists.setString(1, service.database());
                    if (!exists.executeQuery().next()) {
                        connection.createStatement().execute("create database " + service.database());
                    }
                }
            }
        } catch (SQLException e) {
            throw new SuiteStartException("could not create the services' databases: " + e.getMessage(), e);
        }
    }

    private void startServices() {
        try {
            Files.createDirectories(settings.dataDir().resolve("logs"));
        } catch (IOException e) {
            throw new SuiteStartException("cannot create " + settings.dataDir().resolve("logs"), e);
        }
        for (SuiteSettings.Service service : settings.services()) {
            launch(service, jar(service), environment(service));
        }
    }

    /**
     * Starts one more instance of a service, on another port and the same database (a second replica, as a
     * Deployment with two pods would run it), and waits until it is ready. It stops with the suite; its log is
     * {@code <service>@<port>}.
     */
    public synchronized void startReplica(String serviceName, int port) {
        SuiteSettings.Service original = settings.service(serviceName);
        SuiteSettings.Service replica = new SuiteSettings.Service(serviceName + "@" + port, original.database(), port);
        Map<String, String> env = environment(original);
        env.put(original.database().toUpperCase() + "_PORT", String.valueOf(port));
        launch(replica, jar(original), env);
        awaitReady(List.of(replica));
    }

    /**
     * Whether the running process of a service (or {@code <service>@<port>}) started from a class-data archive
     * ({@link ClassDataArchive}); false when it trained one, or with BORDERFLOW_CLASS_DATA_SHARING=off.
     */
    public synchronized boolean startedFromClassDataArchive(String service) {
        Process process = processes.get(service);
        if (process == null) {
            throw new IllegalArgumentException("no process for " + service + "; known: " + processes.keySet());
        }
        ClassDataArchive.Start start = archiveStarts.get(process);
        return start != null && !start.trains();
    }

    /**
     * Whether every service of the settings will start from a class-data archive (or class-data sharing is off, so
     * none is wanted): false on a build's first start, which writes them.
     */
    public static boolean classDataArchivesReady(SuiteSettings settings) {
        return !classDataSharing()
                || settings.services().stream().allMatch(service -> {
                    Path jar = jarOf(settings, service);
                    return Files.isRegularFile(jar)
                            && ClassDataArchive.forApplication(jar).exists();
                });
    }

    /** Class-data sharing is on unless BORDERFLOW_CLASS_DATA_SHARING is {@code off} (to compare starts without). */
    static boolean classDataSharing() {
        return !"off"
                .equalsIgnoreCase(System.getenv()
                        .getOrDefault("BORDERFLOW_CLASS_DATA_SHARING", "on")
                        .trim());
    }

    /** PostgreSQL settings an acknowledged write's durability rests on. */
    static final List<String> DURABILITY =
            List.of("synchronous_commit", "fsync", "full_page_writes", "wal_sync_method");

    /**
     * PostgreSQL settings added to the embedded server's, from BORDERFLOW_POSTGRES_SETTINGS: space-separated
     * {@code name=value} pairs (to profile or try settings, e.g. {@code shared_preload_libraries=pg_stat_statements}).
     * The settings an acknowledged write's durability rests on ({@link #DURABILITY}) cannot be changed this way.
     *
     * @throws SuiteStartException for a pair without a name or an {@code =}, or one of {@link #DURABILITY}
     */
    static Map<String, String> postgresSettings(String text) {
        Map<String, String> chosen = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return chosen;
        }
        for (String pair : text.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new SuiteStartException(
                        "BORDERFLOW_POSTGRES_SETTINGS: expected name=value, got \"" + pair + "\"");
            }
            String name = pair.substring(0, eq);
            if (DURABILITY.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new SuiteStartException("BORDERFLOW_POSTGRES_SETTINGS: " + name + " cannot be changed: an"
                        + " acknowledged write must survive a crash (" + String.join(", ", DURABILITY)
                        + " stay as they are)");
            }
            chosen.put(name, pair.substring(eq + 1));
        }
        return chosen;
    }

    /** {@link #JVM_OPTIONS}, or the space-separated options in BORDERFLOW_JVM_OPTIONS (to try others). */
    static List<String> jvmOptions() {
        String chosen = System.getenv("BORDERFLOW_JVM_OPTIONS");
        return chosen == null || chosen.isBlank()
                ? JVM_OPTIONS
                : List.of(chosen.trim().split("\\s+"));
    }

    private void launch(SuiteSettings.Service service, Path jar, Map<String, String> env) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions());
        settleArchives();
        ClassDataArchive.Start archive = null;
        Path runner = jar;
        if (classDataSharing() && Files.isRegularFile(jar)) {
            ClassDataArchive application = ClassDataArchive.forApplication(jar);
            archive = application.start();
            command.addAll(archive.options());
            runner = application.jar();
        }
        command.add("-jar");
        command.add(runner.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(service.name()).toFile());
        // glibc keeps up to 8 malloc arenas per core, each grown by the threads that used it: RSS no one needs
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(env);
        try {
            startToReady.remove(service.name());
            Process process = builder.start();
            processes.put(service.name(), process);
            if (archive != null) {
                archiveStarts.put(process, archive);
            }
        } catch (IOException e) {
            throw new SuiteStartException("could not start " + service.name() + ": " + e.getMessage(), e);
        }
    }

    /** The configuration a service gets: its port, its database and where its peers listen. */
    private Map<String, String> environment(SuiteSettings.Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_HOST", "localhost");
        env.put("DB_PORT", String.valueOf(settings.postgresPort()));
        env.put("DB_NAME", service.database());
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "postgres");
        // the local profile: what is not prod; prod refuses the development issuer
        env.put("QUARKUS_PROFILE", "local");
        env.put("BORDERFLOW_JWT_ISSUER", DevTokenIssuer.DEV_ISSUER);
        env.put(
                "BORDERFLOW_JWT_PUBLIC_KEY",
                settings.dataDir()
                        .resolve(ISSUER_FOLDER)
                        .resolve(DevTokenIssuer.PUBLIC_KEY_FILE)
                        .toUri()
                        .toString());
        // each service signs its own `service` token for calls to its peers with the development key
        env.put(
                "BORDERFLOW_SERVICE_TOKEN_DEV_ISSUER_DIR",
                settings.dataDir().resolve(ISSUER_FOLDER).toAbsolutePath().toString());
        for (SuiteSettings.Service peer : settings.services()) {
            String prefix = peer.database().toUpperCase();
            env.put(prefix + "_PORT", String.valueOf(peer.port()));
            env.put(prefix + "_HOST", "localhost");
            env.put(prefix + "_GRPC_PORT", String.valueOf(peer.port()));
        }
        return env;
    }

    private void awaitReady() {
        awaitReady(settings.services());
    }

    private void awaitReady(List<SuiteSettings.Service> services) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        List<SuiteSettings.Service> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (var it = waiting.iterator(); it.hasNext(); ) {
                SuiteSettings.Service service = it.next();
                if (closing) {
                    throw new SuiteStartException("the suite is stopping: not waiting for " + service.name());
                }
                Process process;
                synchronized (this) {
                    process = processes.get(service.name());
                }
                if (!process.isAlive()) {
                    throw new SuiteStartException(service.name() + " exited with code " + process.exitValue()
                            + " while starting. Last lines of " + log(service.name()) + ":\n"
                            + tail(log(service.name())));
                }
                if (ready(http, service)) {
                    ClassDataArchive.Start archive;
                    synchronized (this) {
                        archive = archiveStarts.get(process);
                    }
                    if (archive != null) {
                        archive.ready();
                    }
                    Instant started = process.info().startInstant().orElseThrow();
                    startToReady.put(service.name(), Duration.between(started, Instant.now()));
                    it.remove();
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new SuiteStartException("not ready after " + READY_TIMEOUT.toSeconds() + " s: "
                        + waiting.stream()
                                .map(s -> s.name() + " (see " + log(s.name()) + ")")
                                .toList());
            }
            if (!waiting.isEmpty()) {
                Process first;
                synchronized (this) {
                    first = processes.get(waiting.get(0).name());
                }
                pause(first);
            }
        }
    }

    private static boolean ready(HttpClient http, SuiteSettings.Service service) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + service.port() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYetListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuiteStartException("interrupted while waiting for " + service.name());
        }
    }

    /** Stops the services (gracefully, then forcibly), then PostgreSQL. Safe to call more than once. */
    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            stopAll();
        }
    }

    private void stopAll() {
        processes.values().forEach(Process::destroy);
        for (Map.Entry<String, Process> entry : processes.entrySet()) {
            try {
                if (!entry.getValue().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    entry.getValue().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                entry.getValue().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        settleArchives();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            postgres = null;
        }
    }

    /** Keeps what the training JVMs that have exited wrote (those a test stopped or killed earlier included). */
    private void settleArchives() {
        for (var it = archiveStarts.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Process, ClassDataArchive.Start> entry = it.next();
            if (!entry.getKey().isAlive()) {
                entry.getValue().settle(entry.getKey().exitValue());
                it.remove();
            }
        }
    }

    private Path jar(SuiteSettings.Service service) {
        return jarOf(settings, service);
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

    /** The last 25 lines of a log, or why it could not be read. */
    static String tail(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 25), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    /** Waits 50 ms, or less if the process exits meanwhile. */
    private static void pause(Process process) {
        try {
            process.waitFor(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuiteStartException("interrupted while starting");
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
