package io.borderflow.loadharness.report;

import io.borderflow.loadharness.drive.PhaseResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine-readable result of a run, {@code docs/benchmarks/load-<date>.json}. */
public final class ResultFile {
    private ResultFile() {}

    public static String json(RunResult run) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("date", run.date().toString());
        root.put("mode", run.mode());
        root.put("commit", run.commit());
        root.put("settings", run.settings());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", run.machine().cores());
        machine.put("memoryBytes", run.machine().memoryBytes());
        machine.put("cpuModel", run.machine().cpuModel());
        machine.put("os", run.machine().os());
        machine.put("jdk", run.machine().jdk());
        root.put("machine", machine);
        root.put("startToReadyMs", run.startToReadyMs());
        root.put("peakRssBytes", run.peakRssBytes());
        Map<String, Object> idle = new LinkedHashMap<>();
        idle.put("machineBusy", run.idleCpu().machineBusy());
        idle.put("serviceCores", run.idleCpu().serviceCores());
        root.put("idleCpu", idle);
        root.put("floor", Map.of("scenario", run.floorScenario(), "maxThroughput", run.floorThroughput()));
        double floor = run.floorThroughput();
        root.put(
                "scenarios",
                run.scenarios().stream().map(s -> scenario(s, floor)).toList());
        root.put(
                "targets",
                TargetChecks.of(run).stream()
                        .map(c -> {
                            Map<String, Object> check = new LinkedHashMap<>();
                            check.put("subject", c.subject());
                            check.put("target", c.target());
                            check.put("measured", c.measured());
                            check.put("met", c.met());
                            return check;
                        })
                        .toList());
        return Json.write(root);
    }

    private static Map<String, Object> scenario(ScenarioResult s, double floor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("service", s.service());
        out.put("rpc", s.rpc());
        out.put("sends", s.sends());
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("minThroughput", s.target().minThroughput());
        target.put("p99Rate", s.target().p99Rate());
        target.put("maxP99Ms", s.target().maxP99Ms());
        out.put("target", target);
        out.put("maxThroughput", phase(s.maxThroughput()));
        out.put("ratioToFloor", s.maxThroughput().achievedRate() / floor);
        out.put("fixedRates", s.fixedRates().stream().map(ResultFile::phase).toList());
        out.put("peakRssBytes", s.peakRssBytes());
        return out;
    }

    private static Map<String, Object> phase(PhaseResult p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", p.kind());
        if (p.concurrency() > 0) {
            out.put("concurrency", p.concurrency());
        } else {
            out.put("offeredRate", p.offeredRate());
            out.put("maxSendLagMs", p.maxSendLagMs());
        }
        out.put("seconds", p.seconds());
        out.put("succeeded", p.succeeded());
        out.put("achievedRate", p.achievedRate());
        out.put("failures", p.failures());
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("count", p.latency().count());
        latency.put("p50Ms", p.latency().p50Ms());
        latency.put("p99Ms", p.latency().p99Ms());
        latency.put("p999Ms", p.latency().p999Ms());
        latency.put("maxMs", p.latency().maxMs());
        latency.put("meanMs", p.latency().meanMs());
        out.put("latency", latency);
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("machineBusy", p.cpu().machineBusy());
        cpu.put("driverCores", p.cpu().driverCores());
        cpu.put("serviceCores", p.cpu().serviceCores());
        out.put("cpu", cpu);
        return out;
    }
}
