package io.borderflow.loadharness.report;

import io.borderflow.loadharness.drive.CpuUse;
import io.borderflow.loadharness.drive.LatencySummary;
import io.borderflow.loadharness.drive.PhaseResult;
import io.borderflow.loadharness.measure.MachineInfo;
import io.borderflow.loadharness.scenario.Target;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A made-up run for the report tests: a health floor, a declaration scenario missing targets, a route search meeting them. */
public final class RunResults {
    static final long MB = 1024 * 1024;

    private RunResults() {}

    public static RunResult sample() {
        CpuUse cpu = new CpuUse(0.97, 0.6, Map.of("checkpoint-service", 0.8));
        ScenarioResult health = new ScenarioResult(
                "health",
                "checkpoint-service",
                "grpc.health.v1.Health/Check",
                "an empty request",
                Target.NONE,
                new PhaseResult(
                        PhaseResult.MAX_THROUGHPUT,
                        64,
                        0,
                        20,
                        200000,
                        Map.of(),
                        new LatencySummary(200000, 4, 9, 15, 40, 5),
                        10000,
                        0,
                        cpu),
                List.of(fixed(1000, 0.5, 2, Map.of())),
                Map.of("checkpoint-service", 180 * MB, "routing-service", 150 * MB));
        ScenarioResult declarations = new ScenarioResult(
                "submit-declaration",
                "inspection-service",
                "InspectionService/SubmitDeclaration",
                "declarations <new>",
                Target.throughput(3000).andP99(1000, 20),
                new PhaseResult(
                        PhaseResult.MAX_THROUGHPUT,
                        64,
                        0,
                        20,
                        24000,
                        Map.of("DEADLINE_EXCEEDED", 3L),
                        new LatencySummary(24003, 50, 120, 300, 900, 60),
                        1200,
                        0,
                        cpu),
                List.of(fixed(500, 8, 30, Map.of()), fixed(1000, 900, 9000, Map.of("DEADLINE_EXCEEDED", 40L))),
                Map.of("inspection-service", 400 * MB, "checkpoint-service", 200 * MB));
        ScenarioResult routes = new ScenarioResult(
                "find-routes",
                "routing-service",
                "RoutingService/FindRoutes",
                "Urumqi to Moscow",
                Target.p99(200, 25),
                new PhaseResult(
                        PhaseResult.MAX_THROUGHPUT,
                        64,
                        0,
                        20,
                        40000,
                        Map.of(),
                        new LatencySummary(40000, 20, 40, 60, 80, 22),
                        2000,
                        0,
                        cpu),
                List.of(fixed(200, 1.5, 6, Map.of())),
                Map.of("routing-service", 210 * MB));
        Map<String, Long> ready = new LinkedHashMap<>();
        ready.put("checkpoint-service", 2400L);
        ready.put("inspection-service", 3600L);
        ready.put("routing-service", 2900L);
        return new RunResult(
                LocalDate.of(2026, 11, 23),
                "quick",
                Map.of("concurrency", 64),
                "132100a0000000000000000000000000000000ff",
                new MachineInfo(2, 24L << 30, "Test CPU <fast> & \"cheap\"", "Linux", "OpenJDK 17"),
                ready,
                List.of(health, declarations, routes),
                "health",
                new CpuUse(0.4, Double.NaN, Map.of("checkpoint-service", 0.5)));
    }

    private static PhaseResult fixed(double rate, double p50, double p99, Map<String, Long> failures) {
        return new PhaseResult(
                PhaseResult.FIXED_RATE,
                0,
                rate,
                10,
                (long) (rate * 10),
                failures,
                new LatencySummary((long) (rate * 10), p50, p99, p99 * 1.5, p99 * 2, p50),
                rate,
                0.3,
                CpuUse.UNKNOWN);
    }
}
