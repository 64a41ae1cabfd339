package dev.atelier.bench.generation;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.atelier.bench.AtelierApi;
import dev.atelier.bench.BenchContext;
import dev.atelier.bench.Options;
import dev.atelier.bench.Scenario;
import dev.atelier.bench.kafka.KafkaControl;
import dev.atelier.bench.load.Call;
import dev.atelier.bench.load.LoadDriver.Line;
import dev.atelier.bench.load.Measurement;
import dev.atelier.bench.report.Ratio;
import dev.atelier.bench.report.ScenarioResult;
import dev.atelier.bench.report.Target;
import dev.atelier.launcher.Service;

/**
 * Issue 8 scenario 1: {@code POST /api/v1/generations} through the gateway at fixed open-model rates, as many users
 * in rotation, next to the raw cost of what a submit must do at least (a job row and an outbox row in one
 * transaction, one Kafka send acknowledged by all replicas) through plain clients at the same rate. Any answer but
 * 202 is an error. The jobs are rendered by the worker's instant provider, and each rate starts once the previous
 * one's jobs are finished and in the gallery.
 */
public final class SubmitScenario implements Scenario {
    static final String API_ALONE = "api submit (202), one at a time";
    static final String CONTROL_ALONE = "control: SQL insert + Kafka send, one at a time";
    /** The rate the goals are set at. */
    static final double GOAL_RATE = 200;
    private static final double SUBMIT_P99_GOAL_MS = 25;
    private static final double SUBMIT_VS_CONTROL_GOAL = 3;
    /** Longest wait for the worker and the gallery to catch up with a rate's jobs before the next rate. */
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

    @Override
    public String name() {
        return "submit";
    }

    @Override
    public String description() {
        return "POST /generations at fixed rates (many users) vs a JDBC insert (job + outbox) and a Kafka send";
    }

    @Override
    public Map<Service, Map<String, String>> stackConfig() {
        return Generations.STACK_CONFIG;
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        Options options = context.options();
        BenchUsers users = context.dataset(BenchUsers.class, BenchUsers::signUp);
        result.setup("users", users.size()).setup("userSignUpSeconds", Math.round(users.signUpSeconds()))
                .setup("rates", options.submitRates()).setup("body", "count 1, " + Generations.SIZE + ", provider "
                        + Generations.PROVIDER + ", prompt and style varied");
        result.setup("drainBefore", Backlog.await(context, users.ids(), DRAIN_TIMEOUT).describe());

        AtelierApi api = context.api();
        AtelierApi direct = context.directApi(Service.IMAGE);
        users.refresh();
        AtomicLong sequence = new AtomicLong();
        // One submit first: a stack without the instant provider or with the free tier's quotas fails here, clearly.
        HttpResponse<String> first = api.postAsync(Generations.GENERATIONS, Generations.submitBody(0), users.next())
                .join();
        if (first.statusCode() != Generations.ACCEPTED) {
            throw new IOException("a submit answered " + first.statusCode() + " instead of 202: "
                    + Generations.abbreviate(first.body()));
        }

        KafkaControl kafka = context.closeAtEnd(new KafkaControl(context.kafkaBootstrapServers()));
        try (SubmitControl control = new SubmitControl(context, kafka, users)) {
            for (double rate : options.submitRates()) {
                users.refresh();
                String at = Generations.rate(rate) + "/s";
                ClientCpu cpu = ClientCpu.start();
                // At the goal's rate the same request also goes straight to image-service: the gateway's share.
                boolean goal = rate == GOAL_RATE;
                List<Line> rateLines = new ArrayList<>();
                rateLines.add(new Line(apiName(rate), context.limited(submitCall(api, users, sequence))));
                rateLines.add(new Line("control: SQL insert + Kafka send, " + at, control.call()));
                if (goal) {
                    rateLines.add(new Line("api direct to image-service, " + at,
                            context.limited(submitCall(direct, users, sequence))));
                }
                List<Measurement> lines = context.driver().constantRate(rateLines, rate, options.duration(),
                        options.warmup(), options.rounds());
                result.setup("benchClientCpu" + Generations.rate(rate), cpu.describe());
                lines.forEach(result::add);
                result.ratio(ratioName(rate), lines.get(0), lines.get(1));
                if (goal) {
                    result.ratio("via gateway / direct, " + at, lines.get(0), lines.get(2));
                }
                // The next rate starts on a quiet system, not in this one's wake.
                Backlog.Drain drain = Backlog.await(context, users.ids(), DRAIN_TIMEOUT);
                result.setup("drainAfter" + Generations.rate(rate), drain.describe());
                if (!drain.idle()) {
                    result.note("after " + at + " the jobs were not all finished and stored within "
                            + DRAIN_TIMEOUT.toMinutes() + " min: " + drain.describe());
                }
            }
            // One at a time: each side's service time without queueing, for when a rate is beyond the api's capacity.
            users.refresh();
            List<Measurement> alone = context.driver().sequential(List.of(
                    new Line(API_ALONE, submitCall(api, users, sequence)),
                    new Line("api direct to image-service, one at a time", submitCall(direct, users, sequence)),
                    new Line(CONTROL_ALONE, control.call())),
                    options.duration(), options.warmup(), options.rounds());
            alone.forEach(result::add);
            result.ratio("api / control, one at a time", alone.get(0), alone.get(2));
            result.ratio("via gateway / direct, one at a time", alone.get(0), alone.get(1));
            // What follows (another scenario) should not run in this one's wake either.
            result.setup("drainAfterSequential", Backlog.await(context, users.ids(), DRAIN_TIMEOUT).describe());
        }
        targets(result, options.submitRates());
        result.note("api lines: at most " + options.maxInFlight() + " requests in flight (the client's connections), "
                + "later ones wait in the client and are timed from their intended send; the direct lines (at "
                + Generations.rate(GOAL_RATE) + "/s and one at a time) send the same request to image-service's own "
                + "port, without the gateway");
        result.note("control: " + options.connections() + " JDBC connections; each call inserts a job-like and an "
                + "outbox-like row (same columns and indexes as generation_jobs and outbox) and commits, then sends "
                + "a generation.requested-like record (" + KafkaControl.PRODUCER_SETTINGS + ") and waits for the ack");
        result.note("the api answers 202 after its transaction commits; the outbox relay publishes after that, so the "
                + "control prices a Kafka send the api does not wait for; the worker renders every job meanwhile "
                + "(instant provider), so the api and control lines share that background load");
    }

    /** A submit as the next user in rotation; only 202 counts as success. */
    static Call submitCall(AtelierApi api, BenchUsers users, AtomicLong sequence) {
        return () -> {
            long n = sequence.incrementAndGet();
            CompletableFuture<HttpResponse<String>> response = api.postAsync(Generations.GENERATIONS,
                    Generations.submitBody(n), users.next());
            return response.thenApply(r -> {
                if (r.statusCode() != Generations.ACCEPTED) {
                    throw new IllegalStateException("HTTP " + r.statusCode() + " for POST " + Generations.GENERATIONS
                            + ": " + Generations.abbreviate(r.body()));
                }
                return r;
            });
        };
    }

    static String apiName(double rate) {
        return "api submit (202), " + Generations.rate(rate) + "/s";
    }

    static String ratioName(double rate) {
        return "api / control, " + Generations.rate(rate) + "/s";
    }

    /** The goals hold at 200 req/s; a run without that rate cannot judge them. */
    static void targets(ScenarioResult result, List<Double> rates) {
        String p99Goal = "submit p99 ≤ 25 ms at 200 req/s";
        String ratioGoal = "submit p99 ≤ 3× control at 200 req/s";
        if (!rates.contains(GOAL_RATE)) {
            String why = "200/s not among --submit-rates";
            result.target(Target.notApplicable(p99Goal, why));
            result.target(Target.notApplicable(ratioGoal, why));
            return;
        }
        Measurement atGoal = result.measurement(apiName(GOAL_RATE));
        result.target(Target.atMost(p99Goal, atGoal.p99Ms(), SUBMIT_P99_GOAL_MS, " ms"));
        result.target(Target.atMost(ratioGoal, result.ratio(ratioName(GOAL_RATE), "p99").map(Ratio::value)
                .orElse(Double.NaN), SUBMIT_VS_CONTROL_GOAL, "×"));
    }
}
