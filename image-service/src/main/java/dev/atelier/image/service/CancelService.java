package dev.atelier.image.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.repository.GenerationJobRepository;
import dev.atelier.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The user cancels an unfinished job: in one transaction, under the job's row lock, the job becomes
 * {@code canceled}, its hold is released and a {@code GenerationCanceled} for the worker goes to the outbox. The
 * worker's later events for it change nothing (a finished job never moves).
 */
@ApplicationScoped
public class CancelService {
    public static final String USER_CANCELED = "user";

    private final GenerationJobRepository jobs;
    private final CreditService credits;
    private final JobOutbox events;
    private final AccountGuard guard;
    private final Clock clock;

    public CancelService(GenerationJobRepository jobs, CreditService credits, JobOutbox events, AccountGuard guard) {
        this.jobs = jobs;
        this.credits = credits;
        this.events = events;
        this.guard = guard;
        this.clock = Clock.systemUTC();
    }

    /**
     * @throws ProblemException (in the Uni) 404 for an unknown id or another user's job, 409 once it is finished
     */
    @WithTransaction
    public Uni<GenerationJob> cancel(UUID userId, UUID jobId) {
        return guard.requireActive(userId).chain(() -> jobs.findForUpdate(jobId)).chain(job -> {
            if (job == null || !job.getUserId().equals(userId)) {
                return Uni.createFrom().failure(ProblemException.notFound("Generation", jobId));
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (!job.markCanceled(now)) {
                return Uni.createFrom().failure(ProblemException.conflict("generation-finished",
                        "Generation " + jobId + " is already " + job.getStatus().wire() + " and cannot be canceled"));
            }
            return credits.release(job)
                    .chain(() -> events.canceled(job, USER_CANCELED, now))
                    .invoke(event -> Log.infof("User %s canceled job %s, event %s", userId, jobId, event.eventId()))
                    .replaceWith(job);
        });
    }
}
