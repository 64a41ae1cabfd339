package dev.atelier.image.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.UserDeleted;
import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.repository.DeletedUserRepository;
import dev.atelier.image.repository.ProcessedEventRepository;
import dev.atelier.image.repository.UserDataRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * auth-service deleted an account ({@code user.deleted}): in one transaction with the event's
 * {@code processed_events} row, the user's unfinished jobs are canceled toward the worker (a
 * {@code GenerationCanceled}, reason {@code user-deleted}, on the outbox, so it stops rendering), then every row of
 * the user is deleted (jobs and their events, credit account, holds, usage log, deleted images, the user's outbox
 * rows) and a tombstone is written in {@code deleted_users}. After that the user's access tokens are refused and
 * late events for them change nothing (see {@link AccountGuard}).
 */
@ApplicationScoped
public class UserDeletionService {
    /** {@code GenerationCanceled.reason} of a job canceled because its user was deleted. */
    public static final String USER_DELETED = "user-deleted";

    private final ProcessedEventRepository processed;
    private final DeletedUserRepository deletedUsers;
    private final UserDataRepository userData;
    private final JobOutbox events;
    private final Clock clock;

    public UserDeletionService(ProcessedEventRepository processed, DeletedUserRepository deletedUsers,
            UserDataRepository userData, JobOutbox events) {
        this.processed = processed;
        this.deletedUsers = deletedUsers;
        this.userData = userData;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    /**
     * @return false when the event id was already processed or the user was already deleted (by an earlier event:
     *         nothing was stored for them since, and the cancels it wrote must stay until published)
     */
    @WithTransaction
    public Uni<Boolean> userDeleted(UserDeleted event) {
        UUID userId = event.userId();
        return processed.markProcessed(event.eventId()).chain(first -> !first ? Uni.createFrom().item(false)
                // Writes for this user in flight commit first; later ones will see the tombstone (AccountGuard).
                : deletedUsers.lockExclusively(userId)
                        .chain(() -> deletedUsers.isDeletedNow(userId))
                        .chain(already -> already ? Uni.createFrom().item(false) : delete(event)));
    }

    private Uni<Boolean> delete(UserDeleted event) {
        UUID userId = event.userId();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // Jobs before anything else: whoever holds one (a job event, the reaper) also locks the account.
        return userData.lockJobs(userId)
                // The user's earlier events go; the cancels written next are the only ones left to publish.
                .chain(jobs -> userData.deleteOutbox(userId)
                        .chain(outboxRows -> cancelUnfinished(userId, now)
                                .chain(canceled -> userData.deleteRows(userId)
                                        .invoke(deleted -> Log.infof("User %s deleted (event %s): %d job(s), %d of"
                                                + " them canceled toward the worker; rows deleted %s, outbox rows %d",
                                                userId, event.eventId(), jobs, canceled, deleted, outboxRows)))))
                .chain(() -> deletedUsers.tombstone(userId, now))
                .replaceWith(true);
    }

    /** Marks the user's queued and running jobs canceled and tells the worker; returns how many. */
    private Uni<Integer> cancelUnfinished(UUID userId, Instant now) {
        return userData.unfinished(userId).chain(jobs -> Multi.createFrom().iterable(jobs)
                .onItem().transformToUniAndConcatenate(job -> cancel(job, now))
                .collect().asList()
                .replaceWith(jobs.size()));
    }

    /**
     * The status change also notifies the job's open event streams and waiters (trigger of V3), which then find the
     * job gone and end.
     */
    private Uni<Void> cancel(GenerationJob job, Instant now) {
        job.markCanceled(now);
        return events.canceled(job, USER_DELETED, now)
                .invoke(event -> Log.infof("Job %s of deleted user %s canceled toward the worker, event %s",
                        job.getId(), job.getUserId(), event.eventId()))
                .replaceWithVoid();
    }
}
