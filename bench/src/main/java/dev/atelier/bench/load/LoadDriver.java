package dev.atelier.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives one {@link Call} and measures it, in one of two models:
 * <ul>
 * <li>{@link #constantRate open}: requests leave at fixed intervals whether or not earlier ones have answered, and
 * each latency counts from the request's intended send time (see {@link Schedule});</li>
 * <li>{@link #sequential closed}: one request at a time, each latency from its actual send; the rate is what the
 * system sustains. For controls that measure a floor, not for anything that should see queueing.</li>
 * <li>{@link #closedLoop closed with several clients}: each client sends its next request when its previous one
 * answered; the rate is the system's throughput at that concurrency (its saturation point when the clients
 * outnumber what it can serve at once).</li>
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

    /**
     * A call with the name its figures are reported under, and the names of the stages it reports on its way (a
     * call that completes with {@link Milestones}); each stage gets a measurement of its own, timed from the same
     * start as the call. Stages a call marks but the line does not declare are ignored.
     */
    public record Line(String name, Call call, List<String> stages) {
        public Line {
            stages = List.copyOf(stages);
        }

        public Line(String name, Call call) {
            this(name, call, List.of());
        }
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
     *
     * @return per line its measurement, followed by one per declared stage of that line
     */
    public List<Measurement> constantRate(List<Line> lines, double ratePerSecond, Duration duration,
            Duration warmup, int rounds) throws InterruptedException {
        String mode = "open " + formatRate(ratePerSecond) + "/s";
        return interleave(lines, duration, warmup, rounds, mode, ratePerSecond,
                (index, line, slice) -> runOpen(line, new Schedule(ratePerSecond, slice)));
    }

    public Measurement sequential(String name, Call call, Duration duration, Duration warmup)
            throws InterruptedException {
        return sequential(List.of(new Line(name, call)), duration, warmup, 1).get(0);
    }

    /** Closed-loop measurements of {@code lines}, interleaved like the open-model ones. */
    public List<Measurement> sequential(List<Line> lines, Duration duration, Duration warmup, int rounds)
            throws InterruptedException {
        return closedLoop(lines.stream().map(line -> new ClosedLine(line, 1)).toList(), duration, warmup, rounds);
    }

    /** A line of a closed-loop measurement and how many clients send it, each one request at a time. */
    public record ClosedLine(Line line, int clients) {
        public ClosedLine {
            if (clients < 1) {
                throw new IllegalArgumentException("clients must be at least 1: " + clients);
            }
        }
    }

    /**
     * Closed-loop measurements, interleaved like the open-model ones: each line's {@code clients} each send a request
     * as soon as their previous one answered, for the slice's duration, each latency from its actual send. With one
     * client this is {@link #sequential}; with more, the achieved rate is the throughput at that concurrency.
     */
    public List<Measurement> closedLoop(List<ClosedLine> lines, Duration duration, Duration warmup, int rounds)
            throws InterruptedException {
        List<Line> plain = lines.stream().map(ClosedLine::line).toList();
        return interleave(plain, duration, warmup, rounds,
                index -> lines.get(index).clients() == 1 ? "sequential" : "closed ×" + lines.get(index).clients(),
                null, (index, line, slice) -> runClosed(line, slice, lines.get(index).clients()));
    }

    @FunctionalInterface
    private interface Runner {
        Slice run(int index, Line line, Duration slice) throws InterruptedException;
    }

    private List<Measurement> interleave(List<Line> lines, Duration duration, Duration warmup, int rounds,
            String mode, Double targetRate, Runner runner) throws InterruptedException {
        return interleave(lines, duration, warmup, rounds, index -> mode, targetRate, runner);
    }

    private List<Measurement> interleave(List<Line> lines, Duration duration, Duration warmup, int rounds,
            IntFunction<String> modes, Double targetRate, Runner runner) throws InterruptedException {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1");
        }
        if (!warmup.isZero()) {
            for (int index = 0; index < lines.size(); index++) {
                runner.run(index, lines.get(index), warmup);
            }
        }
        Duration slice = duration.dividedBy(rounds);
        List<Slice> totals = new ArrayList<>();
        lines.forEach(line -> totals.add(Slice.empty(line)));
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < lines.size(); k++) {
                int index = (round + k) % lines.size();
                totals.set(index, totals.get(index).plus(runner.run(index, lines.get(index), slice)));
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            Slice total = totals.get(index);
            Line line = lines.get(index);
            String mode = modes.apply(index);
            measurements.add(Measurement.of(line.name(), mode, targetRate, total.latencies(),
                    total.errors(), total.seconds(), total.firstError()));
            // A stage's row shows the line's failed calls too (never timed); the rate and the saturation flag stay
            // with the line's own row, so a line that fell behind is reported once.
            for (String stage : line.stages()) {
                measurements.add(Measurement.of(stage, mode, null, total.stages().get(stage), total.errors(),
                        total.seconds(), total.firstError()));
            }
        }
        return measurements;
    }

    /** What one stretch of one line produced: the call's latencies and those of each declared stage. */
    private record Slice(Histogram latencies, Map<String, Histogram> stages, long errors, double seconds,
            String firstError) {
        static Slice empty(Line line) {
            return new Slice(histogram(), stageHistograms(line), 0, 0, null);
        }

        Slice plus(Slice other) {
            Histogram sum = latencies.copy();
            sum.add(other.latencies());
            Map<String, Histogram> stageSums = new LinkedHashMap<>();
            stages.forEach((stage, histogram) -> {
                Histogram stageSum = histogram.copy();
                stageSum.add(other.stages().get(stage));
                stageSums.put(stage, stageSum);
            });
            return new Slice(sum, stageSums, errors + other.errors(), seconds + other.seconds(),
                    firstError != null ? firstError : other.firstError());
        }

        /** A copy: late completions after a timeout must not change the figures being reported. */
        Slice snapshot() {
            Map<String, Histogram> copies = new LinkedHashMap<>();
            stages.forEach((stage, histogram) -> copies.put(stage, histogram.copy()));
            return new Slice(latencies.copy(), copies, errors, seconds, firstError);
        }
    }

    private static Map<String, Histogram> stageHistograms(Line line) {
        Map<String, Histogram> stages = new LinkedHashMap<>();
        line.stages().forEach(stage -> stages.put(stage, histogram()));
        return stages;
    }

    /** Times each declared stage the call reached from {@code start}, as the call itself is timed. */
    private static void recordStages(Map<String, Histogram> stages, Object result, long start) {
        if (result instanceof Milestones milestones) {
            milestones.reached().forEach((stage, at) -> {
                Histogram histogram = stages.get(stage);
                if (histogram != null) {
                    record(histogram, at - start);
                }
            });
        }
    }

    private Slice runOpen(Line line, Schedule schedule) throws InterruptedException {
        Call call = line.call();
        long count = schedule.count();
        Histogram latencies = histogram();
        Map<String, Histogram> stages = stageHistograms(line);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicLong lastDone = new AtomicLong(Long.MIN_VALUE);
        CountDownLatch done = new CountDownLatch(Math.toIntExact(count));
        long start = ticker.nanoTime();
        for (long i = 0; i < count; i++) {
            long intended = start + schedule.offsetNanos(i);
            ticker.sleepUntil(intended);
            start(call).whenComplete((result, failure) -> {
                long now = ticker.nanoTime();
                if (failure == null) {
                    record(latencies, now - intended);
                    recordStages(stages, result, intended);
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
        return new Slice(latencies, stages, errors.get(), seconds, firstError.get()).snapshot();
    }

    private Slice runClosed(Line line, Duration duration, int clients) throws InterruptedException {
        ClosedRun run = new ClosedRun(line);
        if (clients == 1) {
            // On the caller's thread: the fake clock of the tests is not shared between threads.
            run.begin(ticker.nanoTime(), duration);
            run.client();
            return run.slice();
        }
        // Every client is ready before the clock starts, so that none begins late and the slice is theirs alike.
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try {
                    ready.countDown();
                    go.await();
                    run.client();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "closed-loop-client-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        try {
            ready.await();
            run.begin(ticker.nanoTime(), duration);
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
        return run.slice();
    }

    /** One closed-loop slice of a line: what its clients share (the histograms are concurrent). */
    private final class ClosedRun {
        private final Call call;
        private final Histogram latencies = histogram();
        private final Map<String, Histogram> stages;
        private final AtomicLong errors = new AtomicLong();
        private final AtomicReference<String> firstError = new AtomicReference<>();
        private final AtomicLong lastDone = new AtomicLong();
        // Set before the clients are released (the latch publishes them).
        private long start;
        private long end;

        ClosedRun(Line line) {
            this.call = line.call();
            this.stages = stageHistograms(line);
        }

        void begin(long now, Duration duration) {
            start = now;
            end = now + duration.toNanos();
            lastDone.set(now);
        }

        /** One client: a request, its answer, the next one, until the slice ends; the first is always sent. */
        void client() throws InterruptedException {
            long now;
            do {
                long sent = ticker.nanoTime();
                try {
                    Object result = start(call).toCompletableFuture().get(requestTimeout.toNanos(),
                            TimeUnit.NANOSECONDS);
                    now = ticker.nanoTime();
                    record(latencies, now - sent);
                    recordStages(stages, result, sent);
                } catch (ExecutionException | TimeoutException e) {
                    now = ticker.nanoTime();
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, describe(e instanceof ExecutionException ? e.getCause() : e));
                }
                lastDone.accumulateAndGet(now, Math::max);
            } while (now < end);
        }

        Slice slice() {
            return new Slice(latencies, stages, errors.get(), (lastDone.get() - start) / NANOS_PER_SECOND,
                    firstError.get()).snapshot();
        }
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
