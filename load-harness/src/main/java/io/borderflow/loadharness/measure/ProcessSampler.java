package io.borderflow.loadharness.measure;

import io.borderflow.loadharness.drive.CpuUse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the service processes: samples each one's VmRSS every 100 ms and keeps the peak since the last
 * {@link #resetPeaks}, and measures the CPU the machine, the driver and each service use over a phase.
 */
public final class ProcessSampler implements CpuUse.Meter, AutoCloseable {
    private final Map<String, Long> pids;
    private final Map<String, Long> peakRss = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /** @param pids the process id of each service, by service name */
    public ProcessSampler(Map<String, Long> pids) {
        this.pids = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pids));
        timer.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        pids.forEach(
                (service, pid) -> ProcFiles.rssBytes(pid).ifPresent(rss -> peakRss.merge(service, rss, Math::max)));
    }

    /** The peak VmRSS of each service since the last reset, in bytes; and starts a new peak. */
    public synchronized Map<String, Long> resetPeaks() {
        sample();
        Map<String, Long> peaks = new LinkedHashMap<>();
        for (String service : pids.keySet()) {
            peaks.put(service, peakRss.getOrDefault(service, 0L));
        }
        peakRss.clear();
        return peaks;
    }

    @Override
    public Stop start() {
        long wall = System.nanoTime();
        long[] machine = ProcFiles.machineTicks().orElse(null);
        long driver = ProcFiles.cpuNanos(ProcessHandle.current().pid()).orElse(-1);
        Map<String, Long> services = serviceCpu();
        return () -> {
            double seconds = (System.nanoTime() - wall) / 1e9;
            long[] machineNow = ProcFiles.machineTicks().orElse(null);
            double busy = machine == null || machineNow == null || machineNow[1] == machine[1]
                    ? Double.NaN
                    : (double) (machineNow[0] - machine[0]) / (machineNow[1] - machine[1]);
            long driverNow = ProcFiles.cpuNanos(ProcessHandle.current().pid()).orElse(-1);
            Map<String, Long> servicesNow = serviceCpu();
            Map<String, Double> cores = new LinkedHashMap<>();
            services.forEach((service, before) -> {
                Long after = servicesNow.get(service);
                if (after != null) {
                    cores.put(service, (after - before) / 1e9 / seconds);
                }
            });
            return new CpuUse(
                    busy, driver < 0 || driverNow < 0 ? Double.NaN : (driverNow - driver) / 1e9 / seconds, cores);
        };
    }

    private Map<String, Long> serviceCpu() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        pids.forEach((service, pid) -> ProcFiles.cpuNanos(pid).ifPresent(nanos -> cpu.put(service, nanos)));
        return cpu;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
