package io.borderflow.loadharness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ReportFilesTest {

    @Test
    void jsonEscapesTextKeepsOrderAndWritesNoNonFiniteNumbers() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", "quote \" backslash \\ newline \n tab \t bell \u0007");
        value.put("a", List.of(1, 2.5, 1.0 / 3, Double.NaN, true));
        value.put("empty", Map.of());

        assertThat(Json.write(value)).isEqualTo("""
                {
                  "b": "quote \\" backslash \\\\ newline \\n tab \\t bell \\u0007",
                  "a": [
                    1,
                    2.5,
                    0.333,
                    null,
                    true
                  ],
                  "empty": {}
                }
                """);
    }

    @Test
    void theResultFileHoldsMachineScenariosRatiosAndTargets() {
        String json = ResultFile.json(RunResults.sample());

        assertThat(json)
                .contains(
                        "\"cpuModel\": \"Test CPU <fast> & \\\"cheap\\\"\"",
                        "\"cores\": 2",
                        "\"commit\": \"132100a0000000000000000000000000000000ff\"",
                        "\"inspection-service\": 3600",
                        "\"ratioToFloor\": 0.12",
                        "\"idleCpu\"",
                        "\"DEADLINE_EXCEEDED\": 40",
                        "\"offeredRate\": 1000",
                        "\"met\": false");
    }

    @Test
    void theChartIsWellFormedSvgWithABarPerScenarioAndTheTargetsMarked() throws Exception {
        String svg = LoadChart.svg(RunResults.sample());

        Document document = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("rect").getLength())
                .as("background + 3 bars")
                .isEqualTo(4);
        // a throughput target (SubmitDeclaration) and two p99 targets (SubmitDeclaration at 1000/s, FindRoutes at
        // 200/s)
        assertThat(svg)
                .contains(
                        "<title>target 3,000/s</title>",
                        "<title>p99 target 20 ms</title>",
                        "<title>p99 target 25 ms</title>",
                        "Test CPU",
                        "InspectionService/SubmitDeclaration at 1,000/s (40 failed)");
        // 4 percentile dots per fixed-rate phase (4 phases) and 4 in the legend
        assertThat(document.getElementsByTagName("circle").getLength()).isEqualTo(20);
    }

    @Test
    void theReportTabulatesEveryPhaseAndLinksTheChart() {
        String md = LoadReport.markdown(RunResults.sample(), "load-2026-11-23.json", "load-2026-11-23.svg");

        assertThat(md)
                .contains(
                        "![Maximum throughput and latency percentiles](load-2026-11-23.svg)",
                        "| InspectionService/SubmitDeclaration | >= 3,000/s | 1,200/s | **no** |",
                        "| submit-declaration | InspectionService/SubmitDeclaration | 64 | 1,200 | 0.120 |",
                        "| InspectionService/SubmitDeclaration | 1,000 | 1,000 | 900 | 9,000 |",
                        "40 DEADLINE_EXCEEDED",
                        "| inspection-service | 3.60 s | 400 MB |",
                        "the machine was 97% busy at maximum throughput, the driver using 0.60 cores",
                        "Idle, once settled after start-up and before the first scenario: machine 40% busy, services checkpoint 0.50");
    }
}
