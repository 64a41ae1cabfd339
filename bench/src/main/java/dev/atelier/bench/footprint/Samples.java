package dev.atelier.bench.footprint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The few figures of one kind a footprint run takes (one per restart): their median, minimum and maximum. */
public final class Samples {
    private final List<Double> values = new ArrayList<>();

    public void add(double value) {
        values.add(value);
    }

    public int count() {
        return values.size();
    }

    /** The median (the mean of the middle two for an even count); NaN when there is none. */
    public double median() {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    public double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** e.g. {@code median of 3 (1.21–1.40)}, for the "how" column. */
    public String spread(String unit) {
        if (values.size() == 1) {
            return "1 start";
        }
        return String.format(Locale.ROOT, "median of %d starts (%.2f–%.2f %s)", values.size(), min(), max(), unit);
    }

    /** {@code numerator / denominator}, NaN when either is missing or the denominator is zero. */
    public static double ratio(double numerator, double denominator) {
        return Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0 ? Double.NaN
                : numerator / denominator;
    }
}
