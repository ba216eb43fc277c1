package io.borderflow.loadharness.report;

import io.borderflow.loadharness.drive.PhaseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run as one SVG picture, drawn by hand: on top, each scenario's maximum throughput (log scale) with its target
 * marked; below, the latency percentiles (p50, p99, p99.9, max; log scale) of every fixed-rate phase, with the p99
 * targets marked.
 */
public final class LoadChart {
    private static final int WIDTH = 960;
    private static final int LEFT = 300;
    private static final int RIGHT = 80;
    private static final int ROW = 28;
    private static final String[] PERCENTILE_COLOURS = {"#2b7bb9", "#e08a00", "#b03a2e", "#555555"};
    private static final String[] PERCENTILE_NAMES = {"p50", "p99", "p99.9", "max"};

    private LoadChart() {}

    public static String svg(RunResult run) {
        List<ScenarioResult> scenarios = run.scenarios();
        StringBuilder body = new StringBuilder();
        int y = 20;
        text(
                body,
                20,
                y + 4,
                16,
                "bold",
                "start",
                "BorderFlow load, " + run.date() + " (" + run.mode() + " run, "
                        + run.machine().cores() + " cores, commit " + shortCommit(run.commit()) + ")");
        y += 20;
        text(
                body,
                20,
                y,
                11,
                "normal",
                "start",
                run.machine().cpuModel() + "; " + run.machine().jdk()
                        + "; driver, three services and PostgreSQL on the same machine");
        y += 30;

        // --- maximum throughput ---
        text(
                body,
                20,
                y,
                13,
                "bold",
                "start",
                "Maximum throughput (closed loop), successful calls per second, log scale; " + "red: target");
        y += 14;
        List<Double> throughputs = new ArrayList<>();
        for (ScenarioResult s : scenarios) {
            throughputs.add(s.maxThroughput().achievedRate());
            if (s.target().minThroughput() != null) {
                throughputs.add(s.target().minThroughput());
            }
        }
        LogAxis rateAxis = LogAxis.covering(throughputs, 1);
        int top = y;
        for (ScenarioResult s : scenarios) {
            double rate = s.maxThroughput().achievedRate();
            text(body, LEFT - 8, y + 18, 12, "normal", "end", s.rpc());
            double x = rateAxis.x(Math.max(rate, rateAxis.min()));
            body.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#2b7bb9\"><title>%s: %.0f/s</title></rect>%n",
                    LEFT,
                    y + 6,
                    x - LEFT,
                    ROW - 10,
                    escape(s.name()),
                    rate));
            text(body, (int) x + 6, y + 18, 11, "normal", "start", String.format(Locale.ROOT, "%,.0f/s", rate));
            if (s.target().minThroughput() != null) {
                double tx = rateAxis.x(s.target().minThroughput());
                body.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d62728\" stroke-width=\"3\"><title>target %,.0f/s</title></line>%n",
                        tx,
                        y + 2,
                        tx,
                        y + ROW,
                        s.target().minThroughput()));
            }
            y += ROW;
        }
        rateAxis.draw(body, top, y, "/s");
        y += 50;

        // --- latency at fixed rates ---
        text(
                body,
                20,
                y,
                13,
                "bold",
                "start",
                "Latency at fixed offered rates (open loop, from the intended send time), "
                        + "ms, log scale; red: p99 target");
        y += 14;
        List<Double> latencies = new ArrayList<>();
        for (ScenarioResult s : scenarios) {
            for (PhaseResult p : s.fixedRates()) {
                latencies.add(p.latency().p50Ms());
                latencies.add(p.latency().maxMs());
            }
            if (s.target().maxP99Ms() != null) {
                latencies.add(s.target().maxP99Ms());
            }
        }
        LogAxis msAxis = LogAxis.covering(latencies, 0.1);
        top = y;
        for (ScenarioResult s : scenarios) {
            for (PhaseResult p : s.fixedRates()) {
                String label = String.format(Locale.ROOT, "%s at %,.0f/s", s.rpc(), p.offeredRate())
                        + (p.failed() > 0 ? String.format(Locale.ROOT, " (%,d failed)", p.failed()) : "");
                text(body, LEFT - 8, y + 18, 12, "normal", "end", label);
                double[] values = {
                    p.latency().p50Ms(),
                    p.latency().p99Ms(),
                    p.latency().p999Ms(),
                    p.latency().maxMs()
                };
                int cy = y + ROW / 2 + 1;
                body.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#bbbbbb\" stroke-width=\"2\"/>%n",
                        msAxis.x(values[0]),
                        cy,
                        msAxis.x(values[3]),
                        cy));
                for (int i = 0; i < values.length; i++) {
                    body.append(String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"%s\"><title>%s %.2f ms</title></circle>%n",
                            msAxis.x(values[i]),
                            cy,
                            PERCENTILE_COLOURS[i],
                            PERCENTILE_NAMES[i],
                            values[i]));
                }
                if (s.target().maxP99Ms() != null && s.target().p99Rate() == p.offeredRate()) {
                    double tx = msAxis.x(s.target().maxP99Ms());
                    body.append(String.format(
                            Locale.ROOT,
                            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d62728\" stroke-width=\"3\"><title>p99 target %.0f ms</title></line>%n",
                            tx,
                            y + 2,
                            tx,
                            y + ROW,
                            s.target().maxP99Ms()));
                }
                y += ROW;
            }
        }
        msAxis.draw(body, top, y, " ms");
        y += 44;
        for (int i = 0; i < PERCENTILE_NAMES.length; i++) {
            int x = LEFT + i * 110;
            body.append(String.format(
                    Locale.ROOT,
                    "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"/>%n",
                    x,
                    y - 4,
                    PERCENTILE_COLOURS[i]));
            text(body, x + 10, y, 12, "normal", "start", PERCENTILE_NAMES[i]);
        }
        y += 20;
        return String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n%s</svg>%n",
                WIDTH,
                y,
                WIDTH,
                y,
                body);
    }

    private static String shortCommit(String commit) {
        return commit.length() > 10 ? commit.substring(0, 10) : commit;
    }

    private static void text(StringBuilder out, int x, int y, int size, String weight, String anchor, String text) {
        out.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" text-anchor=\"%s\">%s</text>%n",
                x,
                y,
                size,
                weight,
                anchor,
                escape(text)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** A logarithmic axis over whole decades, from {@link #LEFT} to the right margin. */
    record LogAxis(double min, double max) {
        static LogAxis covering(List<Double> values, double floor) {
            double low = values.stream()
                    .filter(v -> v > 0 && Double.isFinite(v))
                    .mapToDouble(Double::doubleValue)
                    .min()
                    .orElse(1);
            double high = values.stream()
                    .filter(v -> v > 0 && Double.isFinite(v))
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(10);
            double min = Math.max(floor, Math.pow(10, Math.floor(Math.log10(low))));
            double max = Math.pow(10, Math.ceil(Math.log10(Math.max(high, min * 10))));
            if (max <= min) {
                max = min * 10;
            }
            return new LogAxis(min, max);
        }

        double x(double value) {
            double v = Math.min(Math.max(value, min), max);
            return LEFT + (WIDTH - LEFT - RIGHT) * Math.log10(v / min) / Math.log10(max / min);
        }

        void draw(StringBuilder out, int top, int bottom, String unit) {
            out.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333333\"/>%n",
                    LEFT,
                    bottom,
                    WIDTH - RIGHT,
                    bottom));
            for (double tick = min; tick <= max * 1.0001; tick *= 10) {
                double x = x(tick);
                out.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>%n",
                        x,
                        top,
                        x,
                        bottom));
                text(out, (int) Math.round(x), bottom + 16, 11, "normal", "middle", tickLabel(tick) + unit);
            }
        }

        static String tickLabel(double tick) {
            if (tick >= 1000) {
                return String.format(Locale.ROOT, "%,.0f", tick);
            }
            return tick >= 1 ? String.format(Locale.ROOT, "%.0f", tick) : String.format(Locale.ROOT, "%s", tick);
        }
    }
}
