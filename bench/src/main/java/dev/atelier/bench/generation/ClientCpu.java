package dev.atelier.bench.generation;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The bench process's own CPU use over a measurement: whether the client could have been the bottleneck. */
record ClientCpu(long cpuNanos, long wallNanos) {
    static ClientCpu start() {
        return new ClientCpu(processCpuNanos(), System.nanoTime());
    }

    /** E.g. {@code 23% of one core} since {@link #start()}. */
    String describe() {
        long cpu = processCpuNanos();
        if (cpuNanos < 0 || cpu < 0) {
            return "unknown";
        }
        return String.format(Locale.ROOT, "%.0f%% of one core", 100.0 * (cpu - cpuNanos) / (System.nanoTime()
                - wallNanos));
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
