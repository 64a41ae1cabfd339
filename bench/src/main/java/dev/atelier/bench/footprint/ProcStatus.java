package dev.atelier.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's memory as Linux reports it in {@code /proc/<pid>/status}: the resident set now ({@code VmRSS}) and its
 * peak ({@code VmHWM}), in KiB, and its threads.
 */
public record ProcStatus(long rssKib, long hwmKib, long threads) {
    private static final double KIB_PER_MIB = 1024.0;

    public static ProcStatus read(long pid) throws IOException {
        return parse(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    }

    /** Reads {@code VmRSS} and {@code VmHWM} from the text of a status file; both must be there. */
    public static ProcStatus parse(String status) {
        return new ProcStatus(kib(status, "VmRSS"), kib(status, "VmHWM"), Long.parseLong(field(status, "Threads")));
    }

    public double rssMib() {
        return rssKib / KIB_PER_MIB;
    }

    public double hwmMib() {
        return hwmKib / KIB_PER_MIB;
    }

    private static long kib(String status, String name) {
        String value = field(status, name);
        if (!value.endsWith(" kB")) {
            throw new IllegalArgumentException("unexpected unit in " + name + ": '" + value + "'");
        }
        return Long.parseLong(value.substring(0, value.length() - 3).strip());
    }

    private static String field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        throw new IllegalArgumentException("no " + name + " in the status (not a live process?)");
    }
}
