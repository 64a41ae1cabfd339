package dev.atelier.bench.scale;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.atelier.bench.BenchContext;
import dev.atelier.bench.Options;
import dev.atelier.bench.Scenario;
import dev.atelier.bench.generation.Generations;
import dev.atelier.bench.report.Figure;
import dev.atelier.bench.report.Ratio;
import dev.atelier.bench.report.ScenarioResult;
import dev.atelier.bench.report.Target;
import dev.atelier.launcher.Service;
import dev.atelier.launcher.Stack;
import dev.atelier.launcher.Stack.Replica;

/**
 * Issue 8 scenario 7: 1, 2 and 4 generation-worker processes, each job taking a fixed 200 ms in the {@code instant}
 * provider, → jobs/s, and the ratio to one worker (goal: 4 workers ≥ 3.6×). Controls: the ideal (N × one worker's
 * rate, measured in the same run) and the physical ceiling (N × render slots / 200 ms).
 *
 * <p>For each count the stack's own worker is stopped and the backlog is loaded first, with no worker running: jobs
 * submitted through the API until every partition of {@code generation.requested} holds the same number (more than
 * the workers can finish in the measurement), so neither the submit path nor image-service's outbox relay is what is
 * measured. Then N worker processes start together (replicas with the stack's worker configuration, the delay and
 * slots of this scenario); once the consumer group is stable with every partition assigned, and after a warm-up, the
 * workers' completions (the {@code generation.completed} records they send) are counted over a fixed window.
 */
public final class ScaleScenario implements Scenario {
    /** The provider: a fixed 200 ms per image. */
    static final Duration DELAY = Duration.ofMillis(200);
    static final double GOAL = 3.6;
    static final int GOAL_WORKERS = 4;
    /** Allowed for N JVMs to start and the group to settle, in the backlog's size (measured, reported). */
    static final Duration SETTLE_ALLOWANCE = Duration.ofSeconds(15);
    static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);
    static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    /** Records sent at the end of the window still arrive at the bench's consumer after it. */
    static final Duration ARRIVAL_GRACE = Duration.ofSeconds(2);
    private static final int SUBMITS_IN_FLIGHT = 32;

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public String description() {
        return "jobs/s of 1, 2 and 4 worker processes, 200 ms per image, vs N × one worker and N × slots / 200 ms";
    }

    @Override
    public Map<Service, Map<String, String>> stackConfig() {
        // The instant provider on (with no delay: the stack's own worker serves the other scenarios) and the quotas
        // lifted; this scenario's workers get the 200 ms delay as their own configuration.
        return Generations.STACK_CONFIG;
    }

    /** What one worker count gave. */
    record Step(int workers, long loaded, double loadSeconds, double startSeconds, double settleSeconds,
            WorkerGroup.Assignment settled, WorkerGroup.Assignment atEnd, double windowSeconds, long completed,
            double rate, List<Long> perWorker, long fewestLeft, long deadLettered, String deadLetterReason,
            long deadLetteredAtStop, double workerCores, double workerCpuSeconds, double machineBusy) {
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        Options options = context.options();
        int concurrency = options.scaleConcurrency();
        Stack stack = context.stack();
        try (WorkerGroup group = new WorkerGroup(context.kafkaBootstrapServers())) {
            int partitions = group.partitions();
            ScaleUsers users = context.dataset(ScaleUsers.class, c -> ScaleUsers.signUp(c, partitions));
            result.setup("workers", options.scaleWorkers()).setup("slotsPerWorker", concurrency)
                    .setup("delay", DELAY.toMillis() + " ms").setup("partitions", partitions)
                    .setup("users", users.signedUp() + " (every partition keyed by at least one)")
                    .setup("window", seconds(options.duration())).setup("warmup", seconds(options.warmup()));

            // Other scenarios' jobs done first, then no worker at all: the backlog builds up in Kafka.
            result.setup("drainBefore", drain(context, group));
            stack.stop(Service.WORKER);
            group.awaitEmpty(SETTLE_TIMEOUT);

            Map<Integer, Step> steps = new LinkedHashMap<>();
            Step again = null;
            AtomicLong sequence = new AtomicLong();
            try {
                for (int workers : options.scaleWorkers()) {
                    Step step = step(context, group, users, workers, concurrency, sequence);
                    steps.put(workers, step);
                    context.log("%d worker(s): %.2f jobs/s (%d completions in %.1f s), settled in %.1f s",
                            workers, step.rate(), step.completed(), step.windowSeconds(), step.settleSeconds());
                }
                if (steps.size() > 1) {
                    // One worker again, last: the reference brackets the run, so drift (a machine busier at the
                    // start or the end, warmer caches) shows instead of tilting every ratio.
                    again = step(context, group, users, 1, concurrency, sequence);
                    context.log("1 worker again: %.2f jobs/s", again.rate());
                }
            } finally {
                // The stack's own worker (no delay) again, for the scenarios after this one; it clears what is left.
                stack.restart(Service.WORKER);
            }
            result.setup("drainAfter", drain(context, group));
            report(result, steps, again, concurrency, options);
        }
    }

    private Step step(BenchContext context, WorkerGroup group, ScaleUsers users, int workers, int concurrency,
            AtomicLong sequence) throws Exception {
        Options options = context.options();
        double busySeconds = (SETTLE_ALLOWANCE.plus(options.warmup()).plus(options.duration())).toMillis() / 1000.0;
        long perPartition = Scaling.backlogPerPartition(workers, concurrency, DELAY, busySeconds, group.partitions());
        Map<Integer, Long> toLoad = Scaling.toLoad(group.waiting(), group.partitions(), perPartition);
        long loading = toLoad.values().stream().mapToLong(Long::longValue).sum();
        context.log("%d worker(s): loading %d jobs so every partition holds %d ...", workers, loading, perPartition);
        long loadStarted = System.nanoTime();
        users.refresh();
        submit(context, users, toLoad, sequence);
        Map<Integer, Long> waiting = awaitBacklog(group, perPartition);
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;

        Map<String, String> overrides = Map.of(
                "atelier.worker.providers.instant.delay", DELAY.toMillis() + "ms",
                "atelier.worker.concurrency", Integer.toString(concurrency));
        try (Completions completions = new Completions(context.kafkaBootstrapServers())) {
            List<Replica> replicas = new ArrayList<>();
            Step measured;
            long started = System.nanoTime();
            try {
                List<CompletableFuture<Replica>> starting = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    int index = i + 2; // 1 is the stack's own worker (stopped meanwhile)
                    starting.add(CompletableFuture.supplyAsync(
                            () -> context.stack().startReplica(Service.WORKER, index, overrides)));
                }
                for (CompletableFuture<Replica> replica : starting) {
                    replicas.add(replica.join());
                }
                double startSeconds = (System.nanoTime() - started) / 1e9;
                WorkerGroup.Assignment settled = group.awaitSettled(workers, SETTLE_TIMEOUT);
                double settleSeconds = (System.nanoTime() - started) / 1e9;
                Thread.sleep(options.warmup().toMillis());

                List<Long> pids = replicas.stream().map(Replica::pid).toList();
                ProcessCpu cpuStart = ProcessCpu.sample(pids);
                long from = System.currentTimeMillis();
                Thread.sleep(options.duration().toMillis());
                long to = System.currentTimeMillis();
                ProcessCpu cpuEnd = ProcessCpu.sample(pids);
                WorkerGroup.Assignment atEnd = group.describe();
                Thread.sleep(ARRIVAL_GRACE.toMillis());

                if (completions.failed() > 0) {
                    throw new IllegalStateException(completions.failed() + " jobs failed with " + workers
                            + " workers, first: " + Generations.abbreviate(completions.firstFailure()));
                }
                List<long[]> completed = completions.completedAt();
                List<Long> completedAt = completed.stream().map(c -> c[0]).toList();
                double rate = Scaling.rate(completedAt, from, to);
                long inWindow = completedAt.stream().filter(t -> t >= from && t < to).count();
                measured = new Step(workers, loading, loadSeconds, startSeconds, settleSeconds, settled, atEnd,
                        (to - from) / 1000.0, inWindow, rate, Scaling.perMember(settled.members(), completed, from, to),
                        Scaling.fewestLeft(settled.members(), waiting, Scaling.sum(completions.completedPerPartition(),
                                completions.deadLetteredPerPartition())), completions.deadLettered(),
                        completions.firstDeadLetterReason(), 0,
                        cpuEnd.processCoresSince(cpuStart), cpuEnd.processSecondsSince(cpuStart),
                        cpuEnd.machineBusySince(cpuStart));
            } finally {
                CompletableFuture.allOf(replicas.stream().map(r -> CompletableFuture.runAsync(r::close))
                        .toArray(CompletableFuture[]::new)).join();
                group.awaitEmpty(SETTLE_TIMEOUT);
            }
            // What stopping the workers (SIGTERM, graceful) did to the jobs they had fetched but not rendered.
            Thread.sleep(ARRIVAL_GRACE.toMillis());
            Step m = measured;
            return new Step(m.workers(), m.loaded(), m.loadSeconds(), m.startSeconds(), m.settleSeconds(),
                    m.settled(), m.atEnd(), m.windowSeconds(), m.completed(), m.rate(), m.perWorker(), m.fewestLeft(),
                    m.deadLettered(), m.deadLetterReason() != null ? m.deadLetterReason()
                            : completions.firstDeadLetterReason(),
                    completions.deadLettered() - m.deadLettered(), m.workerCores(), m.workerCpuSeconds(),
                    m.machineBusy());
        }
    }

    /** Submits {@code toLoad} jobs per partition, partitions interleaved, through the gateway; each must get 202. */
    private static void submit(BenchContext context, ScaleUsers users, Map<Integer, Long> toLoad,
            AtomicLong sequence) throws Exception {
        Semaphore inFlight = new Semaphore(SUBMITS_IN_FLIGHT);
        AtomicReference<String> failure = new AtomicReference<>();
        long most = toLoad.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (long n = 0; n < most && failure.get() == null; n++) {
            for (Map.Entry<Integer, Long> partition : toLoad.entrySet()) {
                if (n >= partition.getValue()) {
                    continue;
                }
                inFlight.acquire();
                long number = sequence.incrementAndGet();
                sent.add(context.api().postAsync(Generations.GENERATIONS, Generations.submitBody(number),
                        users.user(partition.getKey(), n)).whenComplete((response, error) -> {
                            inFlight.release();
                            if (error != null) {
                                failure.compareAndSet(null, error.toString());
                            } else if (response.statusCode() != Generations.ACCEPTED) {
                                failure.compareAndSet(null, answer(response));
                            }
                        }));
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (failure.get() != null) {
            throw new IllegalStateException("a submit failed: " + failure.get());
        }
    }

    private static String answer(HttpResponse<String> response) {
        return response.statusCode() + " " + Generations.abbreviate(response.body());
    }

    /** Waits until every partition holds {@code perPartition} jobs (image-service's outbox has published them). */
    private static Map<Integer, Long> awaitBacklog(WorkerGroup group, long perPartition) throws Exception {
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        while (true) {
            Map<Integer, Long> waiting = group.waiting();
            if (waiting.values().stream().allMatch(n -> n >= perPartition)) {
                return waiting;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the backlog did not reach " + perPartition + " jobs per partition in "
                        + LOAD_TIMEOUT + ": " + waiting);
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the running workers have taken every job of generation.requested; says how long it took. */
    private static String drain(BenchContext context, WorkerGroup group) throws Exception {
        long started = System.nanoTime();
        long deadline = started + DRAIN_TIMEOUT.toNanos();
        long left;
        while ((left = group.waiting().values().stream().mapToLong(Long::longValue).sum()) > 0) {
            if (System.nanoTime() > deadline) {
                return "not idle after " + DRAIN_TIMEOUT.toSeconds() + " s: " + left + " jobs waiting";
            }
            Thread.sleep(200);
        }
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9);
    }

    static void report(ScenarioResult result, Map<Integer, Step> steps, Step again, int concurrency,
            Options options) {
        Step one = steps.get(1);
        double reference = Scaling.reference(one.rate(), again == null ? Double.NaN : again.rate());
        String window = seconds(options.duration());
        List<Step> all = new ArrayList<>(steps.values());
        if (again != null) {
            all.add(again);
        }
        for (Step step : all) {
            int n = step.workers();
            boolean repeat = step == again;
            String label = n == 1 ? (again == null ? "1 worker" : repeat ? "1 worker, again (last)" : "1 worker, first")
                    : n + " workers";
            result.figure(new Figure("jobs/s, " + label, step.rate(), "/s", String.format(Locale.ROOT,
                    "%d completions sent by the workers in the %s window (after the group settled and %s warm-up); "
                    + "per worker %s", step.completed(), window, seconds(options.warmup()), step.perWorker())));
            double ideal = n * reference;
            double ceiling = Scaling.theoreticalRate(n, concurrency, DELAY);
            if (repeat) {
                result.figure(new Figure("reference: 1 worker", reference, "/s", String.format(Locale.ROOT,
                        "mean of the first and the last 1-worker windows (%.0f%% apart): the 1 × of the ratios",
                        100 * Math.abs(one.rate() - again.rate()) / reference)));
            }
            if (n > 1) {
                result.figure(new Figure("control: ideal, " + n + " × 1 worker", ideal, "/s",
                        n + " × the reference 1-worker rate of this run"));
            }
            if (!repeat) {
                result.figure(new Figure("control: ceiling, " + label, ceiling, "/s", String.format(Locale.ROOT,
                        "%d × %d slots / %d ms: every slot rendering all the time", n, concurrency,
                        DELAY.toMillis())));
            }
            result.figure(new Figure("start → group settled, " + label, step.settleSeconds(), " s", String.format(
                    Locale.ROOT, "all %d JVMs ready after %.1f s; then %s, partitions per member %s (excluded)", n,
                    step.startSeconds(), step.settled().state(), step.settled().partitionsPerMember())));
            if (step.workerCores() >= 0) {
                double perJob = step.completed() == 0 ? Double.NaN : 1000 * step.workerCpuSeconds() / step.completed();
                result.figure(new Figure("worker CPU, " + label, step.workerCores(), " cores", String.format(
                        Locale.ROOT, "all %d worker processes together over the window, %.1f ms CPU per job; the "
                        + "machine's cores were %.0f%% busy", n, perJob, 100 * step.machineBusy())));
            }
            if (n > 1) {
                result.ratio(new Ratio(label + " / 1 worker", label, "1 worker", "rate", step.rate() / reference));
                result.ratio(new Ratio(label + " / ideal (" + n + " × 1 worker)", label, "ideal", "rate",
                        step.rate() / ideal));
            }
            if (!repeat) {
                result.ratio(new Ratio(label + " / ceiling", label, "ceiling", "rate", step.rate() / ceiling));
            }
            result.note(String.format(Locale.ROOT, "%s: loaded %d jobs in %.1f s with no worker running (on top of "
                    + "those left from the count before); at the window's end the group was %s with %d members (%s "
                    + "partitions each); the worker with the fewest jobs left still had %d%s", label, step.loaded(),
                    step.loadSeconds(), step.atEnd().state(), step.atEnd().members().size(),
                    step.atEnd().partitionsPerMember(), step.fewestLeft(),
                    step.fewestLeft() > 0 ? "" : " — it ran out of work, so this rate is a floor"));
            if (step.deadLetteredAtStop() > 0) {
                result.note(String.format(Locale.ROOT, "WARNING %s: stopping the workers gracefully (SIGTERM) "
                        + "dead-lettered %d requests they had fetched but not rendered to generation.requested.dlq, "
                        + "committing past them: lost jobs on every scale-down or rolling restart (after the window, "
                        + "so not in its figures); reason: %s", label, step.deadLetteredAtStop(),
                        step.deadLetterReason()));
            }
            if (step.deadLettered() > 0) {
                result.note(String.format(Locale.ROOT, "WARNING %s: the workers dead-lettered %d requests to "
                        + "generation.requested.dlq without rendering them (lost jobs; counted as taken from the "
                        + "backlog, not as completions), first reason: %s", label, step.deadLettered(),
                        step.deadLetterReason()));
            }
        }
        Step goal = steps.get(GOAL_WORKERS);
        String goalName = "4 workers ≥ 3.6× one worker";
        if (goal == null) {
            result.target(Target.notApplicable(goalName, "4 not among --scale-workers"));
        } else {
            result.target(Target.atLeast(goalName, goal.rate() / reference, GOAL, "×"));
        }
        result.note("each count runs fresh worker processes (the stack's worker configuration, its own port and log "
                + "generation-worker-<i>.log, same consumer group) with atelier.worker.concurrency=" + concurrency
                + " and the instant provider's delay at " + DELAY.toMillis() + " ms; one render slot per process makes "
                + "the process the unit that scales (the ceiling is exactly N × 5 jobs/s) and keeps the backlog small "
                + "enough to load through image-service's outbox; --scale-concurrency changes it");
        result.note("jobs are submitted through the gateway as users chosen by the partition their id hashes to, "
                + "the same number in every partition of generation.requested, before any worker runs; a completion "
                + "is a generation.completed record, timed by its record timestamp (sent by the worker)");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
