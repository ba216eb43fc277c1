package io.borderflow.loadharness.report;

import io.borderflow.loadharness.drive.CpuUse;
import io.borderflow.loadharness.drive.PhaseResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The human-readable report of the latest run, {@code docs/benchmarks/load.md}, written over by every run. */
public final class LoadReport {
    private LoadReport() {}

    public static String markdown(RunResult run, String jsonFile, String svgFile) {
        StringBuilder md = new StringBuilder();
        md.append("# Load: the running suite under gRPC load\n\n");
        md.append(
                "Command (from the repository root; the harness starts its own suite on free ports, so nothing else "
                        + "needs to run):\n\n```bash\n./mvnw -q -DskipTests package && java -jar load-harness/target/load-harness.jar\n```\n\n");
        md.append(
                "Options: `--quick` (a smoke run of about a minute), `--scenario NAME[,NAME]` (one or some of `health`, "
                        + "`submit-declaration`, `crossing-events`, `checkpoint-status`, `find-routes`), `--warmup`, `--measure`, "
                        + "`--rate-duration` (seconds), `--concurrency`, `--streams`, `--event-window`, `--connections`, `--out DIR`; "
                        + "`--help` lists them; `BORDERFLOW_JVM_OPTIONS` replaces the services' JVM options, "
                        + "`BORDERFLOW_CLASS_DATA_SHARING=off` starts them without class-data archives. This file, "
                        + "the JSON and the chart are written by the harness (module `load-harness`); this file is replaced by "
                        + "its next run, the JSON and the chart are not (a second run of the same day writes `load-<date>-2`).\n\n");
        md.append(
                "Method. The suite is started exactly as the local run starts it (`RunningSuite`: embedded PostgreSQL, "
                        + "each service a separate JVM with the local run's options, `ServiceProcess.JVM_OPTIONS`), with a fresh data "
                        + "folder in `load-harness/target/suite`, from the services' class-data archives as every start but a "
                        + "build's first is (when the build has none yet, the harness starts and stops the suite once to write "
                        + "them); measuring starts once the services are idle after start-up. "
                        + "The driver (grpc-java async stubs, HdrHistogram, 4 plaintext connections per service taking the calls in "
                        + "turn, a 5 s deadline on every call, the event streams one covering the scenario) runs on the same "
                        + "machine. First every scenario runs once for its warm-up time, so that the JIT has compiled the whole "
                        + "suite before anything is measured. Then per scenario: a warm-up, then **maximum throughput**, a closed loop "
                        + "with a fixed number of calls in flight; then **fixed offered rates**, an open loop sending on a fixed "
                        + "schedule whatever the answers do, each call's latency counted from its *intended* send time, so a "
                        + "stall is charged to every call that should have been sent during it (no coordinated omission). "
                        + "Latency percentiles include failed calls (a call cut off by its deadline is the tail); nothing is "
                        + "throttled, calls above capacity queue until their deadline (event streams still waiting 2 s after it "
                        + "are cancelled and their events counted `UNFINISHED`, so no backlog runs into the next phase). Each service's VmRSS is sampled every "
                        + "100 ms from `/proc/<pid>/status`, keeping the peak per scenario. CPU is measured per phase from `/proc`: "
                        + "the whole machine, the driver's own process, each service (PostgreSQL is the rest).\n\n");

        md.append(String.format(Locale.ROOT, "## %s, %s run\n\n", run.date(), run.mode()));
        md.append(String.format(
                Locale.ROOT,
                "Machine: %d cores, %.1f GB, %s; %s; %s. Commit `%s`. Settings: %s.%n%n",
                run.machine().cores(),
                run.machine().memoryBytes() / 1073741824.0,
                run.machine().cpuModel(),
                run.machine().os(),
                run.machine().jdk(),
                run.commit(),
                run.settings().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))));
        md.append(String.format(
                Locale.ROOT,
                "![Maximum throughput and latency percentiles](%s)%n%nRaw results: [`%s`](%s).%n%n",
                svgFile,
                jsonFile,
                jsonFile));

        md.append("### Targets\n\n| What | Target | Measured | Met |\n| --- | --- | --- | --- |\n");
        for (TargetChecks.Check check : TargetChecks.of(run)) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s |%n",
                    check.subject(),
                    check.target(),
                    check.measured(),
                    check.met() == null ? "not measured" : check.met() ? "yes" : "**no**"));
        }

        md.append("\n### Maximum throughput (closed loop)\n\n");
        md.append(
                "| Scenario | RPC | In flight | Succeeded/s | x floor | p50 ms | p99 ms | p99.9 ms | max ms | Failed | "
                        + "Machine busy | Driver cores | Service cores |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        double floor = run.floorThroughput();
        for (ScenarioResult s : run.scenarios()) {
            PhaseResult p = s.maxThroughput();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %,.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    s.name(),
                    s.rpc(),
                    p.concurrency(),
                    p.achievedRate(),
                    Double.isFinite(floor) ? String.format(Locale.ROOT, "%.3f", p.achievedRate() / floor) : "-",
                    ms(p.latency().p50Ms()),
                    ms(p.latency().p99Ms()),
                    ms(p.latency().p999Ms()),
                    ms(p.latency().maxMs()),
                    failures(p.failures()),
                    percent(p.cpu().machineBusy()),
                    cores(p.cpu().driverCores()),
                    serviceCores(p.cpu())));
        }

        md.append("\n### Latency at fixed offered rates (open loop, from the intended send time)\n\n");
        md.append("| RPC | Offered/s | Achieved/s | p50 ms | p99 ms | p99.9 ms | max ms | Failed | Max send lag ms | "
                + "Machine busy | Driver cores |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (ScenarioResult s : run.scenarios()) {
            for (PhaseResult p : s.fixedRates()) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %,.0f | %,.0f | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        s.rpc(),
                        p.offeredRate(),
                        p.achievedRate(),
                        ms(p.latency().p50Ms()),
                        ms(p.latency().p99Ms()),
                        ms(p.latency().p999Ms()),
                        ms(p.latency().maxMs()),
                        failures(p.failures()),
                        ms(p.maxSendLagMs()),
                        percent(p.cpu().machineBusy()),
                        cores(p.cpu().driverCores())));
            }
        }

        md.append("\n### Memory and start-up\n\n| Service | Start to ready | Peak VmRSS |");
        List<ScenarioResult> scenarios = run.scenarios();
        scenarios.forEach(s -> md.append(" ").append(s.name()).append(" |"));
        md.append("\n| --- | --- | --- |")
                .append(" --- |".repeat(scenarios.size()))
                .append('\n');
        Map<String, Long> peaks = run.peakRssBytes();
        for (Map.Entry<String, Long> ready : run.startToReadyMs().entrySet()) {
            String service = ready.getKey();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.2f s | %s |",
                    service,
                    ready.getValue() / 1000.0,
                    mb(peaks.getOrDefault(service, 0L))));
            scenarios.forEach(s -> md.append(' ')
                    .append(mb(s.peakRssBytes().getOrDefault(service, 0L)))
                    .append(" |"));
            md.append('\n');
        }

        md.append(String.format(
                Locale.ROOT,
                "%nIdle, once settled after start-up and before the first scenario: machine %s busy, services %s "
                        + "(cores; what the services spend with no calls, e.g. compiling after start-up, is not available to the load).%n",
                percent(run.idleCpu().machineBusy()),
                serviceCores(run.idleCpu())));

        md.append("\n### What each scenario sends\n\n");
        for (ScenarioResult s : run.scenarios()) {
            md.append(String.format(Locale.ROOT, "- `%s`, %s on %s: %s.%n", s.name(), s.rpc(), s.service(), s.sends()));
        }

        md.append("\n### Reading these numbers\n\n");
        md.append(String.format(
                Locale.ROOT,
                "- The floor is `%s` (%s): the most this machine answers through the whole "
                        + "stack (driver, HTTP/2, Quarkus gRPC) doing nothing; the `x floor` column puts every scenario against it.%n",
                run.floorScenario(),
                run.scenarios().stream()
                        .filter(s -> s.name().equals(run.floorScenario()))
                        .map(ScenarioResult::rpc)
                        .findFirst()
                        .orElse("did not run")));
        md.append(String.format(
                Locale.ROOT,
                "- The driver shares the machine's %d cores with the three services and "
                        + "PostgreSQL. Where the machine is near 100%% busy, the driver's own cores (column `Driver cores`) are taken "
                        + "from the services: the maximum throughput is then a lower bound of what the services would do on their own, "
                        + "and a driver near a whole core is the bottleneck itself.%n",
                run.machine().cores()));
        for (ScenarioResult s : run.scenarios()) {
            for (PhaseResult p : s.fixedRates()) {
                if (p.offeredRate() > s.maxThroughput().achievedRate()) {
                    md.append(String.format(
                            Locale.ROOT,
                            "- `%s` at %,.0f/s: offered above its measured maximum (%,.0f/s), "
                                    + "so its latency is queueing that grows as long as the phase lasts, and its failures include "
                                    + "the calls that ran past their deadline.%n",
                            s.name(),
                            p.offeredRate(),
                            s.maxThroughput().achievedRate()));
                }
            }
            CpuUse cpu = s.maxThroughput().cpu();
            if (Double.isFinite(cpu.machineBusy()) && cpu.machineBusy() > 0.9) {
                md.append(String.format(
                        Locale.ROOT,
                        "- `%s`: the machine was %s busy at maximum throughput, the driver "
                                + "using %s cores of it.%n",
                        s.name(),
                        percent(cpu.machineBusy()),
                        cores(cpu.driverCores())));
            }
        }
        return md.toString();
    }

    private static String serviceCores(CpuUse cpu) {
        if (cpu.serviceCores().isEmpty()) {
            return "-";
        }
        return cpu.serviceCores().entrySet().stream()
                .map(e -> e.getKey().replace("-service", "") + " " + cores(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    static String failures(Map<String, Long> failures) {
        if (failures.isEmpty()) {
            return "0";
        }
        return failures.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
                .collect(Collectors.joining(", "));
    }

    private static String ms(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.0f%%", share * 100) : "-";
    }

    private static String cores(double cores) {
        return Double.isFinite(cores) ? String.format(Locale.ROOT, "%.2f", cores) : "-";
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }
}
