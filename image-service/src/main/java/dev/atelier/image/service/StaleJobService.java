package dev.atelier.image.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.config.ReaperConfig;
import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.repository.JobActivityRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One reaper transaction: claims stuck jobs with {@code FOR UPDATE SKIP LOCKED} (so replicas split the work and a
 * job a consumer is updating is left for the next run) and gives each another attempt or, after the last one, fails
 * it with {@code timeout} and releases its credits.
 */
@ApplicationScoped
public class StaleJobService {
    public static final String TIMEOUT = "timeout";

    private final JobActivityRepository activity;
    private final CreditService credits;
    private final JobOutbox events;
    private final ReaperConfig config;

    public StaleJobService(JobActivityRepository activity, CreditService credits, JobOutbox events,
            ReaperConfig config) {
        this.activity = activity;
        this.credits = credits;
        this.events = events;
        this.config = config;
    }

    /** What one batch did. */
    public record Batch(int claimed, int requeued, int failed) {
    }

    @WithTransaction
    public Uni<Batch> reapBatch(Instant now) {
        return activity.claimStale(now.minus(config.lease()), now.minus(config.queuedTimeout()), config.batchSize())
                // Accounts are locked in user-id order, so two replicas' batches can never wait on each other.
                .chain(stale -> Multi.createFrom().iterable(stale.stream()
                        .sorted(Comparator.comparing(GenerationJob::getUserId)).toList())
                        .onItem().transformToUniAndConcatenate(job -> reap(job, now))
                        .collect().asList()
                        .map(requeued -> new Batch(stale.size(), count(requeued, true), count(requeued, false))));
    }

    /** @return true if the job was queued again, false if it failed */
    private Uni<Boolean> reap(GenerationJob job, Instant now) {
        String was = job.getStatus().wire();
        Instant since = job.getUpdatedAt();
        if (job.getAttempt() < config.maxAttempts()) {
            job.requeue(now);
            return events.requestedAgain(job, now)
                    .invoke(event -> Log.warnf("Job %s of user %s was %s with no change since %s;"
                            + " queued again as attempt %d, event %s", job.getId(), job.getUserId(), was, since,
                            job.getAttempt(), event.eventId()))
                    .replaceWith(true);
        }
        job.markFailed(TIMEOUT, "The job did not finish after " + job.getAttempt() + " attempts", now);
        return credits.release(job)
                // A worker that is still at it can stop.
                .chain(() -> events.canceled(job, TIMEOUT, now))
                .invoke(() -> Log.warnf("Job %s of user %s was %s with no change since %s at its last attempt %d;"
                        + " failed with %s, credits released", job.getId(), job.getUserId(), was, since,
                        job.getAttempt(), TIMEOUT))
                .replaceWith(false);
    }

    private static int count(List<Boolean> outcomes, boolean value) {
        return (int) outcomes.stream().filter(outcome -> outcome == value).count();
    }
}
