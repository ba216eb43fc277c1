package io.borderflow.loadharness.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run measured on.
 *
 * @param cores logical cores the JVM sees
 * @param memoryBytes MemTotal of {@code /proc/meminfo}, 0 when unknown
 * @param cpuModel the first {@code model name} of {@code /proc/cpuinfo}
 * @param os the distribution (PRETTY_NAME of {@code /etc/os-release}) and kernel
 * @param jdk vendor, version and VM of the JDK running the driver (the services run on the same one)
 */
public record MachineInfo(int cores, long memoryBytes, String cpuModel, String os, String jdk) {
    public static MachineInfo current() {
        String distribution = value(read("/etc/os-release"), "PRETTY_NAME", "=").replace("\"", "");
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                memTotalBytes(read("/proc/meminfo")),
                cpuModel(read("/proc/cpuinfo")),
                (distribution.isEmpty() ? System.getProperty("os.name") : distribution) + ", kernel "
                        + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.name") + ")");
    }

    static String cpuModel(String cpuinfo) {
        String model = value(cpuinfo, "model name", ":");
        return model.isEmpty() ? "unknown" : model;
    }

    static long memTotalBytes(String meminfo) {
        String total = value(meminfo, "MemTotal", ":");
        if (total.isEmpty()) {
            return 0;
        }
        return Long.parseLong(total.split("\\s+")[0]) * 1024;
    }

    /** The value of the first line {@code key<separator>value}, trimmed; empty when there is none. */
    private static String value(String text, String key, String separator) {
        for (String line : text.split("\n")) {
            int at = line.indexOf(separator);
            if (at > 0 && line.substring(0, at).trim().equals(key)) {
                return line.substring(at + separator.length()).trim();
            }
        }
        return "";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
