package io.borderflow.loadharness;

import io.borderflow.loadharness.drive.CallTarget;
import io.borderflow.loadharness.drive.CpuUse;
import io.borderflow.loadharness.drive.LoadRunner;
import io.borderflow.loadharness.drive.PhaseResult;
import io.borderflow.loadharness.measure.MachineInfo;
import io.borderflow.loadharness.measure.ProcessSampler;
import io.borderflow.loadharness.report.LoadChart;
import io.borderflow.loadharness.report.LoadReport;
import io.borderflow.loadharness.report.ResultFile;
import io.borderflow.loadharness.report.RunResult;
import io.borderflow.loadharness.report.ScenarioResult;
import io.borderflow.loadharness.report.TargetChecks;
import io.borderflow.loadharness.scenario.Scenario;
import io.borderflow.loadharness.scenario.Scenarios;
import io.borderflow.loadharness.scenario.SuiteClients;
import io.borderflow.localrun.RunningSuite;
import io.borderflow.localrun.SuiteSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load driver: starts the suite as the local run does (on free ports, with a fresh data folder under
 * {@code load-harness/target/suite}), runs the scenarios against it, and writes {@code load-<date>.json},
 * {@code load-<date>.svg} and {@code load.md} to {@code docs/benchmarks}. See {@link HarnessOptions#USAGE}.
 */
public final class LoadHarness {
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(5);
    private static final Duration IDLE_MEASURE = Duration.ofSeconds(3);
    /** The suite counts as settled after start-up once its services use less than this together. */
    private static final double SETTLED_CORES = 0.1;

    private static final Duration MAX_SETTLING = Duration.ofSeconds(90);

    private LoadHarness() {}

    public static void main(String[] args) throws Exception {
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n\n" + HarnessOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(HarnessOptions.USAGE);
            return;
        }
        Path root = options.root() != null ? options.root().toAbsolutePath().normalize() : findRoot();
        Path out = options.out() != null ? options.out() : root.resolve("docs/benchmarks");
        RunResult run = run(options, root);
        write(run, out);
    }

    static RunResult run(HarnessOptions options, Path root) throws Exception {
        Path data = root.resolve("load-harness/target/suite");
        RunningSuite.reset(data);
        SuiteSettings settings = settings(root, data, freePorts(4));
        if (!RunningSuite.classDataArchivesReady(settings)) {
            // the start measured is the one every start but a build's first is: from the class-data archives
            System.out.println(
                    "first start of this build: starting and stopping the suite once to write its class-data archives");
            RunningSuite.start(settings).close();
            RunningSuite.reset(data);
        }
        System.out.printf(
                Locale.ROOT,
                "starting the suite (PostgreSQL on %d, services on %s) with data in %s%n",
                settings.postgresPort(),
                settings.services().stream().map(s -> s.name() + " " + s.port()).toList(),
                data);
        try (RunningSuite suite = RunningSuite.start(settings)) {
            Map<String, Long> ready = new LinkedHashMap<>();
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (SuiteSettings.Service service : settings.services()) {
                ready.put(service.name(), suite.startToReady(service.name()).toMillis());
                ports.put(service.name(), service.port());
            }
            System.out.println("ready: start to ready " + ready + " ms");
            Map<String, Long> pids = new LinkedHashMap<>();
            for (SuiteSettings.Service service : settings.services()) {
                pids.put(service.name(), suite.processes().get(service.name()).pid());
            }
            // once ready, a JVM still compiles its hot code for a while: measure from when the suite has settled
            CpuUse idle;
            Instant settling = Instant.now();
            try (ProcessSampler idleSampler = new ProcessSampler(pids)) {
                do {
                    CpuUse.Meter.Stop meter = idleSampler.start();
                    Thread.sleep(IDLE_MEASURE.toMillis());
                    idle = meter.stop();
                } while (idle.serviceCores().values().stream()
                                        .mapToDouble(Double::doubleValue)
                                        .sum()
                                > SETTLED_CORES
                        && Duration.between(settling, Instant.now()).compareTo(MAX_SETTLING) < 0);
            }
            System.out.printf(
                    Locale.ROOT,
                    "idle for %d s, %d s after ready: machine %.0f%% busy, service cores %s%n",
                    IDLE_MEASURE.toSeconds(),
                    Duration.between(settling, Instant.now()).toSeconds(),
                    idle.machineBusy() * 100,
                    idle.serviceCores());
            Duration perScenario = options.warmup()
                    .plus(options.measure())
                    .plus(options.rateDuration().multipliedBy(2));
            List<ScenarioResult> results = new ArrayList<>();
            try (SuiteClients clients = SuiteClients.connect(
                            ports,
                            options.connections(),
                            suite.issuer(),
                            runTag(),
                            CALL_DEADLINE,
                            perScenario.plus(CALL_DEADLINE.multipliedBy(3)).plusSeconds(60));
                    ProcessSampler sampler = new ProcessSampler(pids)) {
                LoadRunner runner = new LoadRunner(sampler, CALL_DEADLINE.plusSeconds(2));
                List<Scenario> chosen = Scenarios.all(clients, options.streams(), options.eventWindow()).stream()
                        .filter(scenario -> options.scenarios().contains(scenario.name()))
                        .toList();
                // every scenario once before any is measured: the JIT compiles the whole suite's hot code, not only
                // the code of the scenarios before it
                for (Scenario scenario : chosen) {
                    System.out.printf(
                            Locale.ROOT,
                            "warming up with %s for %d s%n",
                            scenario.name(),
                            options.warmup().toSeconds());
                    try (CallTarget calls = scenario.calls().get()) {
                        runner.closedLoop(calls, inFlight(scenario, options), options.warmup(), Duration.ofSeconds(1));
                    }
                }
                for (Scenario scenario : chosen) {
                    results.add(runScenario(scenario, options, runner, sampler));
                }
            }
            return new RunResult(
                    LocalDate.now(ZoneOffset.UTC),
                    options.mode(),
                    options.settings(),
                    commit(root),
                    MachineInfo.current(),
                    ready,
                    results,
                    Scenarios.HEALTH,
                    idle);
        }
    }

    private static int inFlight(Scenario scenario, HarnessOptions options) {
        return scenario.inFlight() > 0 ? scenario.inFlight() : options.concurrency();
    }

    private static ScenarioResult runScenario(
            Scenario scenario, HarnessOptions options, LoadRunner runner, ProcessSampler sampler)
            throws InterruptedException {
        System.out.printf(Locale.ROOT, "%n%s: %s%n", scenario.name(), scenario.rpc());
        sampler.resetPeaks();
        try (CallTarget calls = scenario.calls().get()) {
            PhaseResult max =
                    runner.closedLoop(calls, inFlight(scenario, options), options.warmup(), options.measure());
            print(max);
            List<PhaseResult> fixed = new ArrayList<>();
            for (double rate : scenario.rates()) {
                PhaseResult phase = runner.openLoop(calls, rate, options.rateDuration());
                print(phase);
                fixed.add(phase);
            }
            Map<String, Long> rss = sampler.resetPeaks();
            System.out.println("  peak VmRSS MB "
                    + rss.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue() / 1048576)
                            .toList());
            return new ScenarioResult(
                    scenario.name(),
                    scenario.service(),
                    scenario.rpc(),
                    scenario.sends(),
                    scenario.target(),
                    max,
                    fixed,
                    rss);
        }
    }

    private static void print(PhaseResult p) {
        System.out.printf(
                Locale.ROOT,
                "  %-14s %s  %,9.0f ok/s  p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f ms  failed %s"
                        + "  machine %.0f%%  driver %.2f cores%n",
                p.kind(),
                p.concurrency() > 0
                        ? String.format(Locale.ROOT, "%4d in flight", p.concurrency())
                        : String.format(Locale.ROOT, "%6.0f/s sent", p.offeredRate()),
                p.achievedRate(),
                p.latency().p50Ms(),
                p.latency().p99Ms(),
                p.latency().p999Ms(),
                p.latency().maxMs(),
                p.failures(),
                p.cpu().machineBusy() * 100,
                p.cpu().driverCores());
    }

    static void write(RunResult run, Path out) throws IOException {
        Files.createDirectories(out);
        String name = freeName(out, "load-" + run.date());
        String json = name + ".json";
        String svg = name + ".svg";
        Files.writeString(out.resolve(json), ResultFile.json(run), StandardCharsets.UTF_8);
        Files.writeString(out.resolve(svg), LoadChart.svg(run), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("load.md"), LoadReport.markdown(run, json, svg), StandardCharsets.UTF_8);
        System.out.println();
        for (TargetChecks.Check check : TargetChecks.of(run)) {
            System.out.printf(
                    Locale.ROOT,
                    "%-5s %s: %s, measured %s%n",
                    check.met() == null ? "n/a" : check.met() ? "met" : "MISS",
                    check.subject(),
                    check.target(),
                    check.measured());
        }
        System.out.println("\nwrote " + out.resolve(json) + ", " + out.resolve(svg) + " and " + out.resolve("load.md"));
    }

    /**
     * {@code base}, or {@code base-2}, {@code base-3}... when the results of an earlier run of the same day are already
     * there: a run never writes over another's raw results (load.md, the latest report, is written over).
     */
    static String freeName(Path out, String base) {
        String name = base;
        for (int n = 2; Files.exists(out.resolve(name + ".json")) || Files.exists(out.resolve(name + ".svg")); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private static SuiteSettings settings(Path root, Path data, int[] ports) {
        return new SuiteSettings(
                root,
                data,
                ports[0],
                List.of(
                        new SuiteSettings.Service("checkpoint-service", "checkpoint", ports[1]),
                        new SuiteSettings.Service("inspection-service", "inspection", ports[2]),
                        new SuiteSettings.Service("routing-service", "routing", ports[3])));
    }

    /** Ports free on this machine now. */
    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
        return ports;
    }

    /** The working directory if it holds the services, else its parent (run from inside load-harness). */
    private static Path findRoot() {
        Path here = Path.of("").toAbsolutePath().normalize();
        for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve("checkpoint-service"))
                    && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "run from the repository root (no checkpoint-service folder in " + here + " or above), or give --root");
    }

    /** Four base-36 characters from the clock, so ids and plates of runs a few seconds apart differ. */
    static String runTag() {
        long seconds = System.currentTimeMillis() / 1000 % (36L * 36 * 36 * 36);
        String tag = Long.toString(seconds, 36).toUpperCase(Locale.ROOT);
        return "0".repeat(4 - tag.length()) + tag;
    }

    private static String commit(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 && head.matches("[0-9a-f]{40}") ? head : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
