package dev.atelier.bench.load;

import java.time.Duration;

/**
 * Open-model send times (wrk2 style): request {@code i} is due at {@code i / rate} after the start whatever happened
 * to the requests before it, and its latency counts from that intended time. A stalled server therefore shows up in
 * the latency of every request that should have been sent during the stall (no coordinated omission).
 */
public record Schedule(double ratePerSecond, Duration duration) {
    private static final double NANOS_PER_SECOND = 1e9;

    public Schedule {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
    }

    /** How many requests the measurement sends: one per interval that starts within the duration. */
    public long count() {
        double seconds = duration.toNanos() / NANOS_PER_SECOND;
        return Math.max(1, (long) Math.ceil(seconds * ratePerSecond - 1e-9));
    }

    /** Intended send time of request {@code i}, in nanoseconds after the start. */
    public long offsetNanos(long i) {
        return Math.round(i * NANOS_PER_SECOND / ratePerSecond);
    }
}
