package io.borderflow.benchmarks;

import io.borderflow.inspection.domain.Assessment;
import io.borderflow.inspection.domain.DeclarationFacts;
import io.borderflow.inspection.domain.RiskEngine;
import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.support.reference.ReferenceFile;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one core does for a 20-line declaration against the full seeded ruleset (the CHPL's 50 codes in six tiers,
 * drones, batteries, machine tools, AEO and mutual recognition). Goal of the inspection issue: well under 50 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RiskEngineBenchmark {
    private RiskEngine engine;
    private DeclarationFacts mixed;
    private DeclarationFacts harmless;

    @Setup
    public void setUp() {
        engine = RiskEngine.of(ReferenceFile.read("reference/ruleset-v1.json", RulesetDataset.class).content());
        // 20 lines: clothing, tea, furniture and tools, with three CHPL codes and a battery among them
        List<String> lines = List.of("6203420000", "0902100000", "9403600000", "8467210000", "6109100000",
                "8542310000", "3926909709", "8504400000", "6404190000", "8507600000", "9405110000", "8516500000",
                "6302100000", "8517620000", "7323930000", "4202920000", "9503007000", "3304990000", "8471300000",
                "6912002300");
        mixed = new DeclarationFacts(lines, false, true, "benchmark-mixed");
        harmless = new DeclarationFacts(List.of("6203420000", "0902100000", "9403600000", "6109100000", "3926909709",
                "6404190000", "9405110000", "6302100000", "7323930000", "4202920000", "9503007000", "3304990000",
                "6912002300", "6204620000", "6110200000", "9404900000", "7013370000", "4819100000", "3924100000",
                "6307909800"), true, false, "benchmark-harmless");
    }

    @Benchmark
    public Assessment twentyLinesWithDualUseGoods() {
        return engine.assess(mixed);
    }

    @Benchmark
    public Assessment twentyHarmlessLines() {
        return engine.assess(harmless);
    }
}
