package dev.atelier.bench.report;

/** A figure divided by its control from the same run: what survives the noise of a shared machine. */
public record Ratio(String name, String numerator, String denominator, String percentile, double value) {
}
