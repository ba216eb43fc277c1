package io.borderflow.benchmarks;

import io.borderflow.inspection.domain.Assessment;
import io.borderflow.inspection.domain.DeclarationFacts;
import io.borderflow.inspection.domain.RiskEngine;
import io.borderflow.inspection.domain.RulesetDefinition;
import io.borderflow.inspection.model.RulesetDataset;
import io.borderflow.support.reference.ReferenceFile;
import java.util.List;
import java.util.Set;
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
 * What one core does for a 20-line declaration against the full shipped ruleset 2 (the CHPL's 50 codes in six tiers,
 * drones, batteries, machine tools, destination and transit countries, watched brands, fuzzy screening of both
 * parties against the watch list, value references, first-time trader, AEO and mutual recognition). Goal of the
 * inspection issue: well under 50 µs.
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
        engine = RulesetDefinition.engine(
                2,
                ReferenceFile.read("reference/ruleset-v2.json", RulesetDataset.class)
                        .content());
        // 20 lines: clothing, tea, furniture and tools, with three CHPL codes and a battery among them
        List<String> lines = List.of(
                "6203420000",
                "0902100000",
                "9403600000",
                "8467210000",
                "6109100000",
                "8542310000",
                "3926909709",
                "8504400000",
                "6404190000",
                "8507600000",
                "9405110000",
                "8516500000",
                "6302100000",
                "8517620000",
                "7323930000",
                "4202920000",
                "9503007000",
                "3304990000",
                "8471300000",
                "6912002300");
        mixed = declaration(lines, "Intel", "ТОО «Азия Транс Логистик»", "RU", false, Set.of("CN"), "benchmark-mixed");
        harmless = declaration(
                List.of(
                        "6203420000",
                        "0902100000",
                        "9403600000",
                        "6109100000",
                        "3926909709",
                        "6404190000",
                        "9405110000",
                        "6302100000",
                        "7323930000",
                        "4202920000",
                        "9503007000",
                        "3304990000",
                        "6912002300",
                        "6204620000",
                        "6110200000",
                        "9404900000",
                        "7013370000",
                        "4819100000",
                        "3924100000",
                        "6307909800"),
                "",
                "Almaty Textile Import",
                "KZ",
                true,
                Set.of(),
                "benchmark-harmless");
    }

    /** Every line with a brand, a weight and a value in CNY, so that brand and value rules do their work. */
    private static DeclarationFacts declaration(
            List<String> hs,
            String brand,
            String consignee,
            String destination,
            boolean aeo,
            Set<String> partners,
            String fingerprint) {
        return new DeclarationFacts(
                hs.stream()
                        .map(code -> new DeclarationFacts.Line(code, brand, "CN", 120, 35_000, "CNY"))
                        .toList(),
                "Urumqi Export Trading Co., Ltd.",
                consignee,
                "CN",
                List.of("KZ"),
                destination,
                aeo,
                partners,
                false,
                fingerprint);
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
