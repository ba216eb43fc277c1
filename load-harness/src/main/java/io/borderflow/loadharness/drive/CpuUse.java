package io.borderflow.loadharness.drive;

import java.util.Map;

/**
 * CPU used during a phase, in cores (1.0 = one core busy all the time).
 *
 * @param machineBusy share of all the machine's cores busy, 0 to 1 (everything: services, PostgreSQL, driver, others)
 * @param driverCores the load driver's own process
 * @param serviceCores each service process, by service name
 */
public record CpuUse(double machineBusy, double driverCores, Map<String, Double> serviceCores) {
    public static final CpuUse UNKNOWN = new CpuUse(Double.NaN, Double.NaN, Map.of());

    /** Measures the CPU used between two calls of {@link #start}'s result. */
    public interface Meter {
        /** Starts measuring; the returned stop gives what was used meanwhile. */
        Stop start();

        interface Stop {
            CpuUse stop();
        }

        Meter NONE = () -> () -> UNKNOWN;
    }
}
