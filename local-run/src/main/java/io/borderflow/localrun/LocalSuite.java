package io.borderflow.localrun;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local [--reset]}: starts the whole suite on this machine, prints where it listens, watches it (a
 * service that exits is reported with the end of its log and started again, see {@link SuiteSupervisor}), and on
 * Ctrl-C or SIGTERM stops everything it started, PostgreSQL included. Exit code 1 when the suite could not start or a
 * service would not stay up (the reason is printed).
 */
public final class LocalSuite {
    private LocalSuite() {}

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path root = Path.of(System.getProperty("borderflow.root", "."))
                .toAbsolutePath()
                .normalize();
        SuiteSettings settings;
        try {
            settings = SuiteSettings.defaults(root, System.getenv());
        } catch (SuiteStartException e) {
            System.err.println("BorderFlow did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        for (String arg : args) {
            switch (arg) {
                case "--reset" -> {
                    RunningSuite.reset(settings.dataDir());
                    System.out.println("Deleted " + settings.dataDir() + ": starting from empty databases.");
                }
                case "--help", "-h" -> {
                    System.out.println("usage: ./run-local [--reset]\n  --reset  delete the local data folder ("
                            + settings.dataDir() + ") first");
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + arg + " (try --help)");
                    System.exit(2);
                }
            }
        }
        System.out.println("Starting BorderFlow: PostgreSQL on " + settings.postgresPort() + ", data in "
                + settings.dataDir() + " ...");
        RunningSuite suite;
        try {
            suite = RunningSuite.start(settings);
        } catch (SuiteStartException e) {
            System.err.println("BorderFlow did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping BorderFlow ...");
                            suite.close();
                            System.out.println("Stopped.");
                            stopped.countDown();
                        },
                        "borderflow-stop"));
        System.out.println(banner(suite));
        new SuiteSupervisor(suite, System.out, () -> System.exit(1), java.time.Clock.systemDefaultZone()).watch();
        stopped.await();
    }

    static String banner(RunningSuite suite) {
        SuiteSettings s = suite.settings();
        StringBuilder text = new StringBuilder("\nBorderFlow is ready (Ctrl-C, or SIGTERM to process "
                + ProcessHandle.current().pid() + ", stops everything; a service that exits is reported here and "
                + "started again):\n");
        for (SuiteSettings.Service service : s.services()) {
            text.append(String.format(
                    "  %-19s gRPC + HTTP on localhost:%d   ready: http://localhost:%d/q/health/ready" + "   log: %s%n",
                    service.name(), service.port(), service.port(), suite.log(service.name())));
        }
        text.append("  ready after ")
                .append(String.join(
                        ", ",
                        s.services().stream()
                                .map(service -> String.format(
                                        "%.1f s",
                                        suite.startToReady(service.name()).toMillis() / 1000.0))
                                .toList()));
        boolean archived = s.services().stream().allMatch(service -> suite.startedFromClassDataArchive(service.name()));
        text.append(
                !ServiceProcess.classDataSharing()
                        ? " (class-data sharing off)\n"
                        : archived
                                ? " (from class-data archives)\n"
                                : " (first start of this build: class-data archives are written at Ctrl-C, for faster starts after)\n");
        text.append(String.format(
                "  %-19s localhost:%d (user postgres, password postgres; databases %s, each served as <database>_runtime)%n",
                "PostgreSQL",
                s.postgresPort(),
                String.join(
                        ", ",
                        s.services().stream()
                                .map(SuiteSettings.Service::database)
                                .toList())));
        text.append("\nEvery API call needs a bearer token; ./token prints one for any role (./token --help):\n")
                .append("  TOKEN=$(./token freight-platform)\n")
                .append(
                        "  grpcurl -plaintext -H \"authorization: Bearer $TOKEN\" -d '{\"name\":\"checkpoints/zhaisan\"}' localhost:")
                .append(s.service("checkpoint-service").port())
                .append(" borderflow.checkpoint.v1.CheckpointService/GetCheckpoint\n");
        return text.toString();
    }
}
