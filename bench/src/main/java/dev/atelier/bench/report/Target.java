package dev.atelier.bench.report;

import java.util.Locale;

/**
 * One of the project's goals (issue 8) checked against a figure of this run. A goal the run cannot judge (the
 * feature is missing, a figure is absent) is {@link Status#NA}, never a pass.
 */
public record Target(String goal, Status status, double measured, double limit, String unit, String note) {

    public enum Status {
        PASS, FAIL, NA
    }

    public static Target atMost(String goal, double measured, double limit, String unit) {
        return judged(goal, measured, limit, unit, measured <= limit);
    }

    public static Target atLeast(String goal, double measured, double limit, String unit) {
        return judged(goal, measured, limit, unit, measured >= limit);
    }

    public static Target notApplicable(String goal, String why) {
        return new Target(goal, Status.NA, Double.NaN, Double.NaN, "", why);
    }

    private static Target judged(String goal, double measured, double limit, String unit, boolean met) {
        if (Double.isNaN(measured)) {
            return notApplicable(goal, "no figure");
        }
        return new Target(goal, met ? Status.PASS : Status.FAIL, measured, limit, unit, null);
    }

    /** The measured value as printed, e.g. {@code 7.81 ms} or {@code 12.4×}. */
    public String shown() {
        if (Double.isNaN(measured)) {
            return note == null ? "" : note;
        }
        return Table.number(measured) + unit;
    }

    public String limitShown() {
        return Double.isNaN(limit) ? "" : String.format(Locale.ROOT, "%s%s", Table.number(limit), unit);
    }
}
