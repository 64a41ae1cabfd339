package dev.atelier.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives one {@link Call} and measures it, in one of two models:
 * <ul>
 * <li>{@link #constantRate open}: requests leave at fixed intervals whether or not earlier ones have answered, and
 * each latency counts from the request's intended send time (see {@link Schedule});</li>
 * <li>{@link #sequential closed}: one request at a time, each latency from its actual send; the rate is what the
 * system sustains. For controls that measure a floor, not for anything that should see queueing.</li>
 * </ul>
 * A warm-up with the same model runs first and is discarded. Failed requests are counted, never timed. Several
 * lines can be measured interleaved, so that they share the machine's noise.
 */
public final class LoadDriver {
    /** Latencies above this are recorded as this (10 minutes): nothing in a run waits that long. */
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final long NANOS_PER_MICRO = 1000;
    private static final double NANOS_PER_SECOND = 1e9;

    private final Ticker ticker;
    private final Duration requestTimeout;

    public LoadDriver(Ticker ticker, Duration requestTimeout) {
        this.ticker = ticker;
        this.requestTimeout = requestTimeout;
    }

    /** A call with the name its figures are reported under. */
    public record Line(String name, Call call) {
    }

    public Measurement constantRate(String name, Call call, double ratePerSecond, Duration duration,
            Duration warmup) throws InterruptedException {
        return constantRate(List.of(new Line(name, call)), ratePerSecond, duration, warmup, 1).get(0);
    }

    /**
     * Measures {@code lines} in turn, each at {@code ratePerSecond} for {@code duration} in all, cut into
     * {@code rounds} slices that alternate between the lines (the order rotates every round). A burst of noise from
     * the rest of the machine then lands on every line alike, not on whichever happened to run at that moment, so
     * the ratios between lines stay meaningful on a shared machine. Each line warms up once, first.
     */
    public List<Measurement> constantRate(List<Line> lines, double ratePerSecond, Duration duration,
            Duration warmup, int rounds) throws InterruptedException {
        String mode = "open " + formatRate(ratePerSecond) + "/s";
        return interleave(lines, duration, warmup, rounds, mode, ratePerSecond,
                (call, slice) -> runOpen(call, new Schedule(ratePerSecond, slice)));
    }

    public Measurement sequential(String name, Call call, Duration duration, Duration warmup)
            throws InterruptedException {
        return sequential(List.of(new Line(name, call)), duration, warmup, 1).get(0);
    }

    /** Closed-loop measurements of {@code lines}, interleaved like the open-model ones. */
    public List<Measurement> sequential(List<Line> lines, Duration duration, Duration warmup, int rounds)
            throws InterruptedException {
        return interleave(lines, duration, warmup, rounds, "sequential", null, this::runClosed);
    }

    @FunctionalInterface
    private interface Runner {
        Slice run(Call call, Duration slice) throws InterruptedException;
    }

    private List<Measurement> interleave(List<Line> lines, Duration duration, Duration warmup, int rounds,
            String mode, Double targetRate, Runner runner) throws InterruptedException {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1");
        }
        if (!warmup.isZero()) {
            for (Line line : lines) {
                runner.run(line.call(), warmup);
            }
        }
        Duration slice = duration.dividedBy(rounds);
        List<Slice> totals = new ArrayList<>();
        lines.forEach(line -> totals.add(new Slice(histogram(), 0, 0, null)));
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < lines.size(); k++) {
                int index = (round + k) % lines.size();
                totals.set(index, totals.get(index).plus(runner.run(lines.get(index).call(), slice)));
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            Slice total = totals.get(index);
            measurements.add(Measurement.of(lines.get(index).name(), mode, targetRate, total.latencies(),
                    total.errors(), total.seconds(), total.firstError()));
        }
        return measurements;
    }

    /** What one stretch of one line produced. */
    private record Slice(Histogram latencies, long errors, double seconds, String firstError) {
        Slice plus(Slice other) {
            Histogram sum = latencies.copy();
            sum.add(other.latencies());
            return new Slice(sum, errors + other.errors(), seconds + other.seconds(),
                    firstError != null ? firstError : other.firstError());
        }
    }

    private Slice runOpen(Call call, Schedule schedule) throws InterruptedException {
        long count = schedule.count();
        Histogram latencies = histogram();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicLong lastDone = new AtomicLong(Long.MIN_VALUE);
        CountDownLatch done = new CountDownLatch(Math.toIntExact(count));
        long start = ticker.nanoTime();
        for (long i = 0; i < count; i++) {
            long intended = start + schedule.offsetNanos(i);
            ticker.sleepUntil(intended);
            start(call).whenComplete((ignored, failure) -> {
                long now = ticker.nanoTime();
                if (failure == null) {
                    record(latencies, now - intended);
                } else {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, describe(failure));
                }
                lastDone.accumulateAndGet(now, Math::max);
                done.countDown();
            });
        }
        long waitNanos = requestTimeout.toNanos() * 2;
        if (!done.await(waitNanos, TimeUnit.NANOSECONDS)) {
            errors.addAndGet(done.getCount());
            firstError.compareAndSet(null, done.getCount() + " requests unanswered after " + requestTimeout);
            lastDone.accumulateAndGet(ticker.nanoTime(), Math::max);
        }
        double seconds = (lastDone.get() - start) / NANOS_PER_SECOND;
        // A copy: late completions after a timeout must not change the figures being reported.
        return new Slice(latencies.copy(), errors.get(), seconds, firstError.get());
    }

    private Slice runClosed(Call call, Duration duration) throws InterruptedException {
        Histogram latencies = histogram();
        long errors = 0;
        String firstError = null;
        long start = ticker.nanoTime();
        long end = start + duration.toNanos();
        long now = start;
        while (now < end) {
            long sent = ticker.nanoTime();
            try {
                start(call).toCompletableFuture().get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
                now = ticker.nanoTime();
                record(latencies, now - sent);
            } catch (ExecutionException | TimeoutException e) {
                now = ticker.nanoTime();
                errors++;
                if (firstError == null) {
                    firstError = describe(e instanceof ExecutionException ? e.getCause() : e);
                }
            }
        }
        return new Slice(latencies, errors, (now - start) / NANOS_PER_SECOND, firstError);
    }

    private static CompletionStage<?> start(Call call) {
        try {
            return call.start();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Histogram histogram() {
        return new ConcurrentHistogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    private static void record(Histogram latencies, long nanos) {
        latencies.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / NANOS_PER_MICRO)));
    }

    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static String formatRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate)
                : String.format(java.util.Locale.ROOT, "%.1f", rate);
    }
}
