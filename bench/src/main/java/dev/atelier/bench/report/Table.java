package dev.atelier.bench.report;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.atelier.bench.load.Measurement;

/** Prints a {@link ScenarioResult} as the table people paste into issues. */
public final class Table {
    private static final int NAME_WIDTH = 44;
    private static final int RULE_WIDTH = 120;

    private Table() {
    }

    public static void print(ScenarioResult result, PrintStream out) {
        out.println();
        out.println(("== " + result.scenario() + " ").concat("=".repeat(RULE_WIDTH)).substring(0, RULE_WIDTH));
        if (!result.setup().isEmpty()) {
            StringBuilder setup = new StringBuilder();
            result.setup().forEach((key, value) -> setup.append(setup.length() == 0 ? "" : ", ")
                    .append(key).append('=').append(value));
            out.println("setup: " + setup);
        }
        if (!result.measurements().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%-" + NAME_WIDTH + "s %-12s %7s %5s %8s %8s %8s %8s %8s %8s%n",
                    "measurement (latency in ms)", "model", "done", "err", "rate/s", "p50", "p90", "p99", "p99.9",
                    "max");
            for (Measurement m : result.measurements()) {
                out.printf(Locale.ROOT, "%-" + NAME_WIDTH + "s %-12s %7d %5d %8s %8s %8s %8s %8s %8s%n",
                        m.name(), m.mode(), m.requests(), m.errors(), number(m.achievedRate()), number(m.p50Ms()),
                        number(m.p90Ms()), number(m.p99Ms()), number(m.p999Ms()), number(m.maxMs()));
            }
        }
        if (!result.figures().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%-" + NAME_WIDTH + "s %12s   %s%n", "figure", "value", "how");
            for (Figure figure : result.figures()) {
                out.printf(Locale.ROOT, "%-" + NAME_WIDTH + "s %12s   %s%n", figure.name(),
                        figure.shown(), figure.how());
            }
        }
        if (!result.ratios().isEmpty()) {
            // One column per kind of ratio in the order they first appear: p50 and p99, and e.g. "rate".
            List<String> columns = result.ratios().stream().map(Ratio::percentile).distinct().toList();
            Map<String, String[]> rows = new LinkedHashMap<>();
            for (Ratio ratio : result.ratios()) {
                String[] row = rows.computeIfAbsent(ratio.name(), k -> new String[columns.size()]);
                row[columns.indexOf(ratio.percentile())] = number(ratio.value()) + "×";
            }
            out.println();
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + NAME_WIDTH + "s", "ratio"));
            columns.forEach(column -> header.append(String.format(Locale.ROOT, " %10s", column)));
            out.println(header);
            rows.forEach((name, row) -> {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + NAME_WIDTH + "s", name));
                for (String cell : row) {
                    line.append(String.format(Locale.ROOT, " %10s", cell == null ? "" : cell));
                }
                out.println(line);
            });
        }
        if (!result.targets().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "%-4s  %-" + (NAME_WIDTH + 10) + "s %12s %10s%n", "", "target (issue 8)",
                    "measured", "goal");
            for (Target target : result.targets()) {
                out.printf(Locale.ROOT, "%-4s  %-" + (NAME_WIDTH + 10) + "s %12s %10s%s%n", target.status(),
                        target.goal(), Double.isNaN(target.measured()) ? "" : target.shown(), target.limitShown(),
                        target.note() == null ? "" : "   (" + target.note() + ")");
            }
        }
        List<String> notes = result.notes();
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(note -> out.println("note: " + note));
        }
        out.println();
        out.println("status: " + (result.errored() ? "ERROR: " + result.error() : "ok"));
    }

    /** Two decimals below 10, one below 100, none above; "-" for no figure. */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        String format = magnitude < 10 ? "%.2f" : magnitude < 100 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, format, value);
    }
}
