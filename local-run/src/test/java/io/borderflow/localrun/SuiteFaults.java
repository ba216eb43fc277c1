package io.borderflow.localrun;

import java.util.Map;

/**
 * The faults the tests bring on a running suite besides killing a process (through {@link RunningSuite#processes}):
 * PostgreSQL stopped and started again as an outage would, and one more replica of a service started as a separate
 * process (or the service itself brought back on its port after a kill).
 */
final class SuiteFaults {
    private SuiteFaults() {}

    /**
     * Stops PostgreSQL as an outage would, with the services left running (they see their connections fail). The
     * data stays; {@link #startPostgresAgain} brings it back on the same port.
     */
    static void stopPostgres(RunningSuite suite) {
        suite.database().stop();
    }

    /** Starts PostgreSQL again on its port and data folder, after {@link #stopPostgres}. */
    static void startPostgresAgain(RunningSuite suite) {
        suite.database().start();
    }

    /**
     * Starts one more instance of a service, on another port and the same database (a second replica, as a
     * Deployment with two pods would run it), and waits until it is ready. It stops with the suite; its name in
     * {@link RunningSuite#processes} and its log are {@code <service>@<port>}.
     */
    static void startReplica(RunningSuite suite, String service, int port) {
        SuiteSettings settings = suite.settings();
        SuiteSettings.Service original = settings.service(service);
        Map<String, String> environment = ServiceProcess.environment(settings, original);
        environment.put(original.database().toUpperCase() + "_PORT", String.valueOf(port));
        suite.startInstance(service + "@" + port, port, RunningSuite.jarOf(settings, original), environment);
    }
}
