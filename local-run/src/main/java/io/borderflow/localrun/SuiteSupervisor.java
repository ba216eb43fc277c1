package io.borderflow.localrun;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Watches the services of a running suite for {@code ./run-local}. A service that exits while the suite runs is
 * reported at once, with its exit code and the last lines of its log, and started again; one that exits
 * {@link #MAX_RESTARTS} times within {@link #RESTART_WINDOW} (it will not stay up: a broken build, a database it
 * cannot use) is not started again, and the whole suite is stopped with the reason, rather than left half running
 * and still reported ready.
 */
final class SuiteSupervisor {
    static final int MAX_RESTARTS = 3;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

    private final RunningSuite suite;
    private final PrintStream out;
    private final Runnable stopSuite;
    private final Clock clock;
    private final Map<String, Deque<Instant>> exits = new HashMap<>();

    /**
     * @param stopSuite what stops everything when a service will not stay up (the launcher exits with code 1, and
     *     its shutdown hook stops the rest)
     */
    SuiteSupervisor(RunningSuite suite, PrintStream out, Runnable stopSuite, Clock clock) {
        this.suite = suite;
        this.out = out;
        this.stopSuite = stopSuite;
        this.clock = clock;
    }

    /** Starts watching every service process of the suite. */
    void watch() {
        suite.processes().forEach(this::watch);
    }

    private void watch(String service, Process process) {
        process.onExit().thenAccept(exited -> exited(service, exited));
    }

    private void exited(String service, Process process) {
        if (suite.closing()) {
            return;
        }
        int code = process.exitValue();
        out.printf(
                "%n%s %s exited with code %d%s. Last lines of %s:%n%s%n",
                time(), service, code, signal(code), suite.log(service), ServiceProcess.tail(suite.log(service)));
        if (!mayRestart(service)) {
            out.printf(
                    "%s %s exited %d times within %d minutes: it does not stay up. Stopping BorderFlow.%n",
                    time(), service, MAX_RESTARTS + 1, RESTART_WINDOW.toMinutes());
            stopSuite.run();
            return;
        }
        out.printf("%s starting %s again ...%n", time(), service);
        try {
            Duration ready = suite.restart(service);
            out.printf("%s %s is ready again (%.1f s)%n", time(), service, ready.toMillis() / 1000.0);
            watch(service, suite.processes().get(service));
        } catch (SuiteStartException | IllegalStateException e) {
            if (suite.closing()) {
                return;
            }
            out.printf("%s %s did not start again: %s%nStopping BorderFlow.%n", time(), service, e.getMessage());
            stopSuite.run();
        }
    }

    /** Records an exit; false once the service has exited more than {@link #MAX_RESTARTS} times in the window. */
    synchronized boolean mayRestart(String service) {
        Instant now = clock.instant();
        Deque<Instant> recent = exits.computeIfAbsent(service, s -> new ArrayDeque<>());
        recent.addLast(now);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
            recent.removeFirst();
        }
        return recent.size() <= MAX_RESTARTS;
    }

    /** " (killed by signal 9)" for the exit codes a JVM reports after a signal (128 + its number), else nothing. */
    static String signal(int code) {
        return code > 128 && code < 160 ? " (killed by signal " + (code - 128) + ")" : "";
    }

    private String time() {
        return LocalTime.ofInstant(clock.instant(), ZoneId.systemDefault())
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }
}
