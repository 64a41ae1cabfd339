package dev.atelier.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time from {@code /proc} (Linux): of given processes ({@code utime + stime} of {@code /proc/<pid>/stat}) and of
 * the whole machine ({@code /proc/stat}), to tell whether the cores, rather than the workers, set a rate. Where
 * {@code /proc} is missing the figures are unknown (negative), never guessed.
 */
record ProcessCpu(long wallNanos, long processTicks, long machineTicks, long machineIdleTicks) {
    /** Linux reports times in USER_HZ, 100 on every mainstream configuration. */
    static final double TICKS_PER_SECOND = 100;

    static ProcessCpu sample(List<Long> pids) {
        long process = 0;
        for (long pid : pids) {
            long ticks = ticksOf(pid);
            process = process < 0 || ticks < 0 ? -1 : process + ticks;
        }
        long[] machine = machineNow();
        return new ProcessCpu(System.nanoTime(), process, machine[0], machine[1]);
    }

    /** The processes' CPU use since {@code start}, in cores (1.0 = one core busy all the time); negative if unknown. */
    double processCoresSince(ProcessCpu start) {
        if (processTicks < 0 || start.processTicks < 0) {
            return -1;
        }
        return (processTicks - start.processTicks) / TICKS_PER_SECOND / ((wallNanos - start.wallNanos) / 1e9);
    }

    /** The processes' CPU seconds since {@code start}; negative if unknown. */
    double processSecondsSince(ProcessCpu start) {
        if (processTicks < 0 || start.processTicks < 0) {
            return -1;
        }
        return (processTicks - start.processTicks) / TICKS_PER_SECOND;
    }

    /** The share of all cores busy since {@code start} (0–1); negative if unknown. */
    double machineBusySince(ProcessCpu start) {
        long total = machineTicks - start.machineTicks;
        if (machineTicks < 0 || start.machineTicks < 0 || total <= 0) {
            return -1;
        }
        return 1 - (machineIdleTicks - start.machineIdleTicks) / (double) total;
    }

    static long ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces: the fields after it start at the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** All ticks and idle ticks (idle + iowait) of the machine's first {@code cpu} line. */
    static long[] machineNow() {
        try {
            return parseMachine(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    static long[] parseMachine(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long total = 0;
        // user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
        for (int i = 1; i <= 8 && i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
        return new long[] {total, idle};
    }
}
