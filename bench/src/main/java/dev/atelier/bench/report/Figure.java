package dev.atelier.bench.report;

/**
 * A figure derived from the measurements rather than measured as a line, such as a theoretical ceiling computed from
 * a control; {@code how} says how it was computed, so the table never shows a number without its origin.
 */
public record Figure(String name, double value, String unit, String how) {

    /** The value as printed, e.g. {@code 38.4 ms}, {@code 52.1/s}. */
    public String shown() {
        boolean word = !unit.isEmpty() && Character.isLetter(unit.charAt(0));
        return Table.number(value) + (word ? " " : "") + unit;
    }
}
