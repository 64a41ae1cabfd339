package dev.atelier.bench.footprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where a JVM's resident memory goes, from {@code jstat -gc <pid>} (KiB): the heap committed and used, and the
 * metaspace committed. RSS minus these is the rest: code cache, thread stacks, GC structures, direct buffers.
 */
public record JvmMemory(double heapCommittedKib, double heapUsedKib, double metaspaceCommittedKib) {
    private static final double KIB_PER_MIB = 1024.0;
    private static final long JSTAT_TIMEOUT_S = 15;

    /** Asks the JVM with this JDK's {@code jstat}; empty when it cannot say (figures are then left out). */
    public static Optional<JvmMemory> read(long pid) {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        try {
            Process process = new ProcessBuilder(jstat.toString(), "-gc", Long.toString(pid))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(JSTAT_TIMEOUT_S, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(parse(output));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Reads the header line and the values line of {@code jstat -gc}. */
    public static JvmMemory parse(String output) {
        String[] lines = output.strip().split("\n");
        if (lines.length < 2) {
            throw new IllegalArgumentException("not jstat -gc output: " + output);
        }
        String[] names = lines[0].strip().split("\\s+");
        String[] values = lines[1].strip().split("\\s+");
        if (names.length != values.length) {
            throw new IllegalArgumentException("jstat columns and values differ: " + output);
        }
        Map<String, Double> columns = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i], values[i].equals("-") ? 0 : Double.parseDouble(values[i]));
        }
        double committed = column(columns, "S0C") + column(columns, "S1C") + column(columns, "EC")
                + column(columns, "OC");
        double used = column(columns, "S0U") + column(columns, "S1U") + column(columns, "EU")
                + column(columns, "OU");
        return new JvmMemory(committed, used, column(columns, "MC"));
    }

    public double heapCommittedMib() {
        return heapCommittedKib / KIB_PER_MIB;
    }

    public double heapUsedMib() {
        return heapUsedKib / KIB_PER_MIB;
    }

    public double metaspaceCommittedMib() {
        return metaspaceCommittedKib / KIB_PER_MIB;
    }

    private static double column(Map<String, Double> columns, String name) {
        Double value = columns.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name + " in jstat -gc output");
        }
        return value;
    }
}
