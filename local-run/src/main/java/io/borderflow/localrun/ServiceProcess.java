package io.borderflow.localrun;

import io.borderflow.support.security.DevTokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One service's JVM: started from its Quarkus runner jar with the local run's JVM options and, when there is one, its
 * class-data archive ({@link ClassDataArchive}); configured through its environment; its output appended to its log
 * file. {@link #ready} tells when it answers 200 on {@code /q/health/ready}; {@link #stop} asks it to stop (SIGTERM,
 * so in-flight calls finish) and {@link #awaitStopped} kills it if it does not.
 */
final class ServiceProcess {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
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

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    /** How this start uses its class-data archive; null without one. */
    private final ClassDataArchive.Start archive;

    private volatile Duration startToReady;

    private ServiceProcess(String name, int port, Path log, Process process, ClassDataArchive.Start archive) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.archive = archive;
    }

    /**
     * Starts the JVM of {@code jar} under {@code name} (a service's, or {@code <service>@<port>} for a replica),
     * listening on {@code port}, with {@code environment} added to this process's and its output written to
     * {@code log}.
     */
    static ServiceProcess start(String name, int port, Path jar, Map<String, String> environment, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
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
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // glibc keeps up to 8 malloc arenas per core, each grown by the threads that used it: RSS no one needs
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        try {
            return new ServiceProcess(name, port, log, builder.start(), archive);
        } catch (IOException e) {
            throw new SuiteStartException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The configuration a service gets in the suite: its port, its database and where its peers listen. */
    static Map<String, String> environment(SuiteSettings settings, SuiteSettings.Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_HOST", "localhost");
        env.put("DB_PORT", String.valueOf(settings.postgresPort()));
        env.put("DB_NAME", service.database());
        // serves calls as the runtime role, migrates as the migration role (EmbeddedDatabase.createDatabases)
        String runtime = EmbeddedDatabase.runtimeRole(service.database());
        String migration = EmbeddedDatabase.migrationRole(service.database());
        env.put("DB_USER", runtime);
        env.put("DB_PASSWORD", EmbeddedDatabase.password(runtime));
        env.put("DB_MIGRATION_USER", migration);
        env.put("DB_MIGRATION_PASSWORD", EmbeddedDatabase.password(migration));
        // the local profile: what is not prod; prod refuses the development issuer
        env.put("QUARKUS_PROFILE", "local");
        env.put("BORDERFLOW_JWT_ISSUER", DevTokenIssuer.DEV_ISSUER);
        env.put(
                "BORDERFLOW_JWT_PUBLIC_KEY",
                settings.issuerFolder()
                        .resolve(DevTokenIssuer.PUBLIC_KEY_FILE)
                        .toUri()
                        .toString());
        // each service signs its own `service` token for calls to its peers with the development key
        env.put(
                "BORDERFLOW_SERVICE_TOKEN_DEV_ISSUER_DIR",
                settings.issuerFolder().toAbsolutePath().toString());
        for (SuiteSettings.Service peer : settings.services()) {
            String prefix = peer.database().toUpperCase();
            env.put(prefix + "_PORT", String.valueOf(peer.port()));
            env.put(prefix + "_HOST", "localhost");
            env.put(prefix + "_GRPC_PORT", String.valueOf(peer.port()));
        }
        return env;
    }

    /** {@link #JVM_OPTIONS}, or the space-separated options in BORDERFLOW_JVM_OPTIONS (to try others). */
    static List<String> jvmOptions() {
        String chosen = System.getenv("BORDERFLOW_JVM_OPTIONS");
        return chosen == null || chosen.isBlank()
                ? JVM_OPTIONS
                : List.of(chosen.trim().split("\\s+"));
    }

    /** Class-data sharing is on unless BORDERFLOW_CLASS_DATA_SHARING is {@code off} (to compare starts without). */
    static boolean classDataSharing() {
        return !"off"
                .equalsIgnoreCase(System.getenv()
                        .getOrDefault("BORDERFLOW_CLASS_DATA_SHARING", "on")
                        .trim());
    }

    String name() {
        return name;
    }

    Process process() {
        return process;
    }

    /** Whether it started from a class-data archive; false when it trains one, or without class-data sharing. */
    boolean startedFromClassDataArchive() {
        return archive != null && !archive.trains();
    }

    /**
     * Whether it answers 200 on {@code /q/health/ready}; when it does, records how long that took from the start of
     * the process.
     *
     * @throws SuiteStartException when it has exited, with the last lines of its log
     */
    boolean ready(HttpClient http) {
        if (!process.isAlive()) {
            throw new SuiteStartException(name + " exited with code " + process.exitValue()
                    + " while starting. Last lines of " + log + ":\n" + tail(log));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                return false;
            }
        } catch (IOException notYetListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuiteStartException("interrupted while waiting for " + name);
        }
        if (archive != null) {
            archive.ready();
        }
        Instant started = process.info().startInstant().orElseThrow();
        startToReady = Duration.between(started, Instant.now());
        return true;
    }

    /**
     * How long it took from the start of its process to its first 200 on {@code /q/health/ready}, to within the
     * 50 ms the suite polls at; null until then.
     */
    Duration startToReady() {
        return startToReady;
    }

    /** Waits 50 ms, or less if the process exits meanwhile. */
    void pause() {
        try {
            process.waitFor(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuiteStartException("interrupted while starting");
        }
    }

    /** Asks it to stop (SIGTERM), without waiting. */
    void stop() {
        process.destroy();
    }

    /** Waits up to 30 s for it to exit after {@link #stop}, then kills it (SIGKILL). */
    void awaitStopped() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Once the JVM has exited, keeps what it wrote as its class-data archive if it trained one and exited normally
     * ({@link ClassDataArchive.Start#settle}). Returns whether it has exited, so nothing is left to settle.
     */
    boolean settleArchiveOnceExited() {
        if (process.isAlive()) {
            return false;
        }
        if (archive != null) {
            archive.settle(process.exitValue());
        }
        return true;
    }

    /** The last 25 lines of a log, or why it could not be read. */
    static String tail(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 25), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }
}
