package io.borderflow.loadharness;

import io.borderflow.loadharness.scenario.Scenarios;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's command line. The defaults make a full run of about 6 minutes on the 2-core build machine
 * (start-up, then per scenario 10 s warm-up, 20 s at maximum throughput and 15 s at each of two fixed rates);
 * {@code --quick} about a minute.
 *
 * @param mode {@code quick}; else {@code custom} when durations, sizes or scenarios were chosen; else {@code full}
 * @param scenarios the scenarios to run, in run order
 * @param warmup closed-loop warm-up before the maximum-throughput window
 * @param measure the maximum-throughput window
 * @param rateDuration each fixed-rate phase
 * @param concurrency calls in flight at maximum throughput
 * @param streams event streams the crossing-events scenario keeps open
 * @param eventWindow events each stream keeps unacknowledged at maximum throughput in crossing-events
 * @param connections HTTP/2 connections per service the calls are spread over (as a partner's pool of channels)
 * @param out where the result files go; null: {@code docs/benchmarks} of the repository
 * @param root the repository root; null: found from the working directory
 * @param help whether to print the usage and stop
 */
public record HarnessOptions(
        String mode,
        List<String> scenarios,
        Duration warmup,
        Duration measure,
        Duration rateDuration,
        int concurrency,
        int streams,
        int eventWindow,
        int connections,
        Path out,
        Path root,
        boolean help) {

    static final String USAGE = """
            java -jar load-harness/target/load-harness.jar [options]
              --quick                 a short smoke run (about a minute): 2 s warm-up, 3 s maximum throughput,
                                      2 s per fixed rate
              --scenario NAME[,NAME]  run only these, in the usual order; names: %s
              --warmup SECONDS        closed-loop warm-up per scenario (default 10)
              --measure SECONDS       maximum-throughput window per scenario (default 20)
              --rate-duration SECONDS each fixed-rate phase (default 15)
              --concurrency N         calls in flight at maximum throughput (default 64; crossing-events: streams x window)
              --streams N             open event streams in crossing-events (default 32)
              --event-window N        events unacknowledged per stream at maximum throughput (default 32)
              --connections N         connections per service the calls are spread over (default 4)
              --out DIR               where load-DATE.json, load-DATE.svg and load.md go (default docs/benchmarks)
              --root DIR              the repository root (default: the working directory or its parent)
              --help                  this text
            """.formatted(String.join(", ", Scenarios.NAMES));

    public static HarnessOptions parse(String... args) {
        boolean quick = false;
        boolean help = false;
        boolean custom = false;
        List<String> scenarios = Scenarios.NAMES;
        Integer warmup = null;
        Integer measure = null;
        Integer rateDuration = null;
        int concurrency = 64;
        int streams = 32;
        int connections = 4;
        int eventWindow = 32;
        Path out = null;
        Path root = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--help", "-h" -> help = true;
                case "--scenario" -> {
                    scenarios = scenarios(value(args, ++i, arg));
                    custom = true;
                }
                case "--warmup" -> {
                    warmup = positive(value(args, ++i, arg), arg, 0);
                    custom = true;
                }
                case "--measure" -> {
                    measure = positive(value(args, ++i, arg), arg, 1);
                    custom = true;
                }
                case "--rate-duration" -> {
                    rateDuration = positive(value(args, ++i, arg), arg, 1);
                    custom = true;
                }
                case "--concurrency" -> {
                    concurrency = positive(value(args, ++i, arg), arg, 1);
                    custom = true;
                }
                case "--streams" -> {
                    streams = positive(value(args, ++i, arg), arg, 1);
                    custom = true;
                }
                case "--event-window" -> {
                    eventWindow = positive(value(args, ++i, arg), arg, 1);
                    custom = true;
                }
                case "--connections" -> {
                    connections = positive(value(args, ++i, arg), arg, 1);
                    custom = true;
                }
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--root" -> root = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        String mode = quick ? "quick" : custom ? "custom" : "full";
        return new HarnessOptions(
                mode,
                scenarios,
                Duration.ofSeconds(warmup != null ? warmup : quick ? 2 : 10),
                Duration.ofSeconds(measure != null ? measure : quick ? 3 : 20),
                Duration.ofSeconds(rateDuration != null ? rateDuration : quick ? 2 : 15),
                concurrency,
                streams,
                eventWindow,
                connections,
                out,
                root,
                help);
    }

    /** The settings recorded with the results. */
    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("scenarios", String.join(",", scenarios));
        settings.put("warmupSeconds", warmup.toSeconds());
        settings.put("measureSeconds", measure.toSeconds());
        settings.put("rateSeconds", rateDuration.toSeconds());
        settings.put("concurrency", concurrency);
        settings.put("eventStreams", streams);
        settings.put("eventWindowPerStream", eventWindow);
        settings.put("connectionsPerService", connections);
        return settings;
    }

    private static List<String> scenarios(String value) {
        List<String> chosen = new ArrayList<>();
        for (String name : value.split(",")) {
            String trimmed = name.trim();
            if (!Scenarios.NAMES.contains(trimmed)) {
                throw new IllegalArgumentException(
                        "unknown scenario '" + trimmed + "'; known: " + String.join(", ", Scenarios.NAMES));
            }
            chosen.add(trimmed);
        }
        return Scenarios.NAMES.stream().filter(chosen::contains).toList();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String value, String option, int min) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min) {
                throw new IllegalArgumentException(option + " must be at least " + min + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
        }
    }
}
