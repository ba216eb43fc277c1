package io.borderflow.loadharness.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reads the Linux {@code /proc} files the harness samples; the parsing is separate so it can be tested. */
public final class ProcFiles {
    /** Clock ticks per second of {@code /proc/<pid>/stat} times ({@code USER_HZ}; 100 on every mainstream Linux). */
    static final long TICKS_PER_SECOND = 100;

    private ProcFiles() {}

    /** VmRSS of a process in bytes, empty when it is gone or the file cannot be read. */
    public static OptionalLong rssBytes(long pid) {
        return read(Path.of("/proc", String.valueOf(pid), "status"))
                .map(ProcFiles::vmRssBytes)
                .orElse(OptionalLong.empty());
    }

    /** CPU time (user + system) of a process in nanoseconds, empty when it is gone. */
    public static OptionalLong cpuNanos(long pid) {
        return read(Path.of("/proc", String.valueOf(pid), "stat"))
                .map(ProcFiles::processCpuNanos)
                .orElse(OptionalLong.empty());
    }

    /** Busy and total jiffies of all cores together, from {@code /proc/stat}; empty when it cannot be read. */
    public static java.util.Optional<long[]> machineTicks() {
        return read(Path.of("/proc/stat")).map(ProcFiles::busyAndTotalTicks);
    }

    /** The {@code VmRSS:} line of a {@code /proc/<pid>/status} text, in bytes. */
    static OptionalLong vmRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value);
            }
        }
        return OptionalLong.empty();
    }

    /** utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} text, in nanoseconds. */
    static OptionalLong processCpuNanos(String stat) {
        // the command name (field 2) is in parentheses and may hold spaces: count the fields after its closing one
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return OptionalLong.of(ticks * 1_000_000_000L / TICKS_PER_SECOND);
    }

    /** From the first ({@code cpu}) line of {@code /proc/stat}: busy ticks (all but idle and iowait) and all ticks. */
    static long[] busyAndTotalTicks(String stat) {
        String first = stat.lines()
                .filter(l -> l.startsWith("cpu "))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cpu line in /proc/stat"));
        String[] parts = first.substring(4).trim().split("\\s+");
        long total = 0;
        long idle = 0;
        // user nice system idle iowait irq softirq steal (guest times are already in user)
        for (int i = 0; i < Math.min(parts.length, 8); i++) {
            long value = Long.parseLong(parts[i]);
            total += value;
            if (i == 3 || i == 4) {
                idle += value;
            }
        }
        return new long[] {total - idle, total};
    }

    private static java.util.Optional<String> read(Path file) {
        try {
            return java.util.Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException gone) {
            return java.util.Optional.empty();
        }
    }
}
