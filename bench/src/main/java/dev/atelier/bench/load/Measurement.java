package dev.atelier.bench.load;

import org.HdrHistogram.Histogram;

/**
 * The figures of one measurement. Latencies in milliseconds; {@code targetRate} is null for a closed-loop
 * (sequential) measurement, where the rate is whatever the system sustained.
 */
public record Measurement(
        String name,
        String mode,
        Double targetRate,
        long requests,
        long errors,
        double seconds,
        double achievedRate,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        double meanMs,
        String firstError) {

    static final double MICROS_PER_MILLI = 1000.0;
    /** Below this share of the target rate, a measurement counts as saturated. */
    static final double SATURATED = 0.9;

    /**
     * @param latencies successful requests' latencies in microseconds
     * @param seconds from the first (intended) send to the last completion
     */
    static Measurement of(String name, String mode, Double targetRate, Histogram latencies, long errors,
            double seconds, String firstError) {
        long requests = latencies.getTotalCount();
        double rate = seconds > 0 ? (requests + errors) / seconds : 0;
        return new Measurement(name, mode, targetRate, requests, errors, seconds, rate,
                millis(latencies, 50), millis(latencies, 90), millis(latencies, 99), millis(latencies, 99.9),
                requests == 0 ? Double.NaN : latencies.getMaxValue() / MICROS_PER_MILLI,
                requests == 0 ? Double.NaN : latencies.getMean() / MICROS_PER_MILLI,
                firstError);
    }

    private static double millis(Histogram latencies, double percentile) {
        if (latencies.getTotalCount() == 0) {
            return Double.NaN;
        }
        return latencies.getValueAtPercentile(percentile) / MICROS_PER_MILLI;
    }

    /** An open-model measurement that could not keep up: answers came slower than requests were sent. */
    public boolean saturated() {
        return targetRate != null && achievedRate < SATURATED * targetRate;
    }

    public boolean failed() {
        return errors > 0 || requests == 0;
    }
}
