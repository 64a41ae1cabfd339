package dev.atelier.bench.generation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.bench.AtelierApi;
import dev.atelier.bench.AtelierApi.Account;
import dev.atelier.bench.load.Call;
import dev.atelier.bench.load.Milestones;

/**
 * Follows one job the way a client does, from its submit to its image: {@code POST /generations} (202), then the
 * job's Server-Sent Events until one says {@code succeeded} (its {@code imageIds} name the image), then
 * {@code GET /images/{imageId}} at once and every {@link #IMAGE_POLL_INTERVAL} until it answers 200. The call
 * completes when the image is visible and marks the 202 and the {@code succeeded} event on the way. A job that
 * fails, is canceled, or takes longer than {@link #JOB_TIMEOUT} is an error.
 */
final class JobFollower {
    static final Duration IMAGE_POLL_INTERVAL = Duration.ofMillis(10);
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(30);
    /** How long a stream may stay open after its outcome before the client closes it. */
    static final Duration STREAM_LINGER = Duration.ofSeconds(5);
    static final int OK = 200;
    static final int NOT_FOUND = 404;

    private final String label;
    private final AtelierApi generations;
    private final AtelierApi gallery;
    private final BenchUsers users;
    private final LongAdder jobs = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder imagePolls = new LongAdder();
    private final LongAdder visibleAtFirstPoll = new LongAdder();
    private final LongAdder streamsClosedByClient = new LongAdder();
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param label names the measurements, e.g. {@code pipeline: submit → 202}
     * @param generations where jobs are submitted and followed (the gateway, or image-service itself)
     * @param gallery where images are read (the gateway, or gallery-service itself)
     */
    JobFollower(String label, AtelierApi generations, AtelierApi gallery, BenchUsers users) {
        this.label = label;
        this.generations = generations;
        this.gallery = gallery;
        this.users = users;
    }

    Call call() {
        return this::follow;
    }

    /** The measurement of a whole job: submit until the image is visible. */
    String visible() {
        return label + ": submit → image visible (GET)";
    }

    /** The stage of the 202. */
    String accepted() {
        return label + ": submit → 202";
    }

    /** The stage of the {@code succeeded} event. */
    String succeeded() {
        return label + ": submit → succeeded (SSE)";
    }

    /** One job, from submit to visible image. */
    CompletableFuture<Milestones> follow() {
        Account account = users.next();
        Milestones milestones = new Milestones();
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        jobs.increment();
        return generations.postAsync(Generations.GENERATIONS, Generations.submitBody(sequence.incrementAndGet()), account)
                .thenCompose(response -> {
                    if (response.statusCode() != Generations.ACCEPTED) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + " for POST "
                                + Generations.GENERATIONS + ": " + Generations.abbreviate(response.body()));
                    }
                    milestones.mark(accepted(), System.nanoTime());
                    UUID jobId = UUID.fromString(Generations.readTree(response.body()).path("id").asText());
                    return succeeded(jobId, account);
                })
                .thenCompose(imageId -> {
                    milestones.mark(succeeded(), System.nanoTime());
                    return visible(imageId, account, deadline, true);
                })
                .thenApply(ignored -> milestones)
                .orTimeout(JOB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                        unwrap(failure) instanceof TimeoutException
                                ? new TimeoutException("job not done within " + JOB_TIMEOUT.toSeconds() + " s, it "
                                        + "reached " + milestones.reached().keySet())
                                : failure));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The job's events until {@code succeeded}: completes with its first image id. */
    private CompletableFuture<UUID> succeeded(UUID jobId, Account account) {
        CompletableFuture<UUID> outcome = new CompletableFuture<>();
        JobEvents lines = new JobEvents(jobId, outcome);
        generations.eventStream(Generations.GENERATIONS + "/" + jobId + "/events", account, info -> {
            if (info.statusCode() != OK) {
                outcome.completeExceptionally(new IllegalStateException("HTTP " + info.statusCode()
                        + " for the events of job " + jobId));
                return HttpResponse.BodySubscribers.discarding();
            }
            return HttpResponse.BodySubscribers.fromLineSubscriber(lines);
        }).whenComplete((response, failure) -> {
            lines.ended();
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else if (!outcome.isDone()) {
                outcome.completeExceptionally(new IllegalStateException("the events of job " + jobId
                        + " ended at status " + lines.lastStatus()));
            }
        });
        return outcome;
    }

    /** Polls the image until it is there (200); 404 means not yet. */
    private CompletableFuture<Void> visible(UUID imageId, Account account, long deadline, boolean first) {
        imagePolls.increment();
        return gallery.statusAsync(Generations.IMAGES + "/" + imageId, account).thenCompose(status -> {
            if (status == OK) {
                if (first) {
                    visibleAtFirstPoll.increment();
                }
                return CompletableFuture.completedFuture(null);
            }
            if (status != NOT_FOUND) {
                throw new IllegalStateException("HTTP " + status + " for GET " + Generations.IMAGES + "/" + imageId);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("image " + imageId + " not visible within " + JOB_TIMEOUT);
            }
            Executor later = CompletableFuture.delayedExecutor(IMAGE_POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            return CompletableFuture.runAsync(() -> { }, later)
                    .thenCompose(ignored -> visible(imageId, account, deadline, false));
        });
    }

    /** One job's event stream, line by line as it arrives. */
    private final class JobEvents implements Flow.Subscriber<String> {
        private final UUID jobId;
        private final CompletableFuture<UUID> outcome;
        private final SseParser parser = new SseParser();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Flow.Subscription subscription;
        private volatile String lastStatus = "(none)";

        JobEvents(UUID jobId, CompletableFuture<UUID> outcome) {
            this.jobId = jobId;
            this.outcome = outcome;
        }

        String lastStatus() {
            return lastStatus;
        }

        void ended() {
            ended.set(true);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            try {
                SseParser.SseEvent event = parser.line(line);
                if (event == null || outcome.isDone()) {
                    return;
                }
                events.increment();
                JsonNode data = Generations.readTree(event.data());
                String status = data.path("status").asText("");
                if (status.isEmpty()) {
                    return;
                }
                lastStatus = status;
                switch (status) {
                    case "succeeded" -> {
                        JsonNode imageIds = data.path("imageIds");
                        if (imageIds.isEmpty()) {
                            throw new IllegalStateException("job " + jobId + " succeeded without imageIds");
                        }
                        outcome.complete(UUID.fromString(imageIds.get(0).asText()));
                        closeIfLingering();
                    }
                    case "failed", "canceled" -> throw new IllegalStateException("job " + jobId + " ended "
                            + status + " " + data.path("errorCode").asText("") + " "
                            + data.path("errorMessage").asText(""));
                    default -> {
                        // queued, running, progress: keep following.
                    }
                }
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
                subscription.cancel();
            }
        }

        /** The server ends the stream after the outcome; if it does not, the client does, a little later. */
        private void closeIfLingering() {
            CompletableFuture.delayedExecutor(STREAM_LINGER.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (!ended.get()) {
                    streamsClosedByClient.increment();
                    subscription.cancel();
                }
            });
        }

        @Override
        public void onError(Throwable failure) {
            outcome.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            // The response future completes too: see succeeded().
        }
    }

    long jobs() {
        return jobs.sum();
    }

    long events() {
        return events.sum();
    }

    long imagePolls() {
        return imagePolls.sum();
    }

    long visibleAtFirstPoll() {
        return visibleAtFirstPoll.sum();
    }

    long streamsClosedByClient() {
        return streamsClosedByClient.sum();
    }
}
