package dev.atelier.bench.generation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.atelier.bench.BenchContext;
import dev.atelier.bench.Options;
import dev.atelier.bench.Scenario;
import dev.atelier.bench.kafka.KafkaControl;
import dev.atelier.bench.kafka.KafkaRoundTrip;
import dev.atelier.bench.load.LoadDriver.Line;
import dev.atelier.bench.load.Measurement;
import dev.atelier.bench.load.Milestones;
import dev.atelier.bench.report.ScenarioResult;
import dev.atelier.bench.report.Target;
import dev.atelier.launcher.Service;

/**
 * Issue 8 scenario 2: the whole pipeline as a client sees it, at a fixed rate of jobs (one image each, the worker's
 * instant provider): submit → 202, → {@code succeeded} on the job's event stream, → the image answering
 * {@code GET /images/{id}}, every job followed (no sampling). Control: a record through Kafka from a plain producer
 * to a plain consumer at the same rate, the floor of one of the pipeline's hops (it has at least two in series:
 * generation.requested to the worker, generation.completed back).
 */
public final class PipelineScenario implements Scenario {
    private static final double PIPELINE_P99_GOAL_MS = 200;
    static final String TOPIC = "bench.roundtrip";
    static final String CONTROL = "control: Kafka produce → consume";

    /** How one line's jobs were followed, for the notes. */
    private static String follow(JobFollower follower) {
        long jobs = Math.max(1, follower.jobs());
        return String.format(Locale.ROOT, "%s: every job followed (no sampling): %d jobs incl. warm-up and the "
                + "first, %.1f events per stream, %.2f image polls per job, %.0f%% of images visible at the first "
                + "poll (right after the succeeded event; then every %d ms)", follower.visible().split(":")[0],
                follower.jobs(), follower.events() / (double) jobs, follower.imagePolls() / (double) jobs,
                100.0 * follower.visibleAtFirstPoll() / jobs, JobFollower.IMAGE_POLL_INTERVAL.toMillis());
    }

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public String description() {
        return "submit → succeeded (SSE) → image visible, instant provider, vs a raw Kafka produce→consume";
    }

    @Override
    public Map<Service, Map<String, String>> stackConfig() {
        return Generations.STACK_CONFIG;
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        Options options = context.options();
        BenchUsers users = context.dataset(BenchUsers.class, BenchUsers::signUp);
        double rate = options.pipelineRate();
        result.setup("users", users.size()).setup("jobsPerSecond", rate)
                .setup("job", "count 1, " + Generations.SIZE + ", provider " + Generations.PROVIDER + " (delay 0)")
                .setup("imagePoll", JobFollower.IMAGE_POLL_INTERVAL.toMillis() + " ms");
        result.setup("drainBefore", Backlog.await(context, users.ids(), SubmitScenario.DRAIN_TIMEOUT).describe());
        users.refresh();

        JobFollower follower = new JobFollower("pipeline", context.api(), context.api(), users);
        JobFollower direct = new JobFollower("direct, no gateway", context.directApi(Service.IMAGE),
                context.directApi(Service.GALLERY), users);
        // One job first: a stack without the instant provider, the event stream or the gallery fails here, clearly.
        Milestones first = follower.follow().get(JobFollower.JOB_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        context.log("first job followed: %s", first);

        KafkaControl kafka = context.closeAtEnd(new KafkaControl(context.kafkaBootstrapServers()));
        kafka.createTopic(TOPIC, SubmitControl.PARTITIONS);
        String value = Generations.submitBody(0);
        try (KafkaRoundTrip roundTrip = new KafkaRoundTrip(kafka, TOPIC, JobFollower.JOB_TIMEOUT)) {
            ClientCpu cpu = ClientCpu.start();
            List<Measurement> lines = context.driver().constantRate(List.of(
                    new Line(follower.visible(), context.limited(follower.call()),
                            List.of(follower.accepted(), follower.succeeded())),
                    new Line(direct.visible(), context.limited(direct.call()),
                            List.of(direct.accepted(), direct.succeeded())),
                    new Line(CONTROL, roundTrip.call(value))),
                    rate, options.duration(), options.warmup(), options.rounds());
            result.setup("benchClientCpu", cpu.describe());
            Measurement visible = lines.get(0);
            Measurement accepted = lines.get(1);
            Measurement succeeded = lines.get(2);
            Measurement directVisible = lines.get(3);
            Measurement directAccepted = lines.get(4);
            Measurement directSucceeded = lines.get(5);
            Measurement control = lines.get(6);
            // In the order a job goes through them.
            List.of(accepted, succeeded, visible, directAccepted, directSucceeded, directVisible, control)
                    .forEach(result::add);
            result.ratio("succeeded / Kafka round trip", succeeded, control);
            result.ratio("image visible / Kafka round trip", visible, control);
            result.ratio("succeeded, via gateway / direct", succeeded, directSucceeded);

            result.note(follow(follower));
            result.note(follow(direct));
            long lingering = follower.streamsClosedByClient() + direct.streamsClosedByClient();
            if (lingering > 0) {
                result.note(lingering + " event streams were still open " + JobFollower.STREAM_LINGER.toSeconds()
                        + " s after the job's outcome; the client closed them");
            }
            result.note("api lines: at most " + options.maxInFlight() + " jobs in flight per line (the client's "
                    + "connections); the direct line submits and follows on image-service's own port and reads the "
                    + "image on gallery-service's, without the gateway");
            result.note("control: " + KafkaControl.PRODUCER_SETTINGS + "; consumer: " + KafkaRoundTrip.CONSUMER_SETTINGS
                    + "; one hop, where the pipeline has at least two in series (generation.requested, "
                    + "generation.completed) plus the outbox relay, the worker's render and S3 writes, the event "
                    + "stream and the gallery's consumer");

            result.target(Target.atMost("pipeline p99 ≤ 200 ms, submit → succeeded", succeeded.p99Ms(),
                    PIPELINE_P99_GOAL_MS, " ms"));
            result.target(Target.atMost("pipeline p99 ≤ 200 ms, submit → image visible", visible.p99Ms(),
                    PIPELINE_P99_GOAL_MS, " ms"));
        }
        result.setup("drainAfter", Backlog.await(context, users.ids(), SubmitScenario.DRAIN_TIMEOUT).describe());
    }
}
