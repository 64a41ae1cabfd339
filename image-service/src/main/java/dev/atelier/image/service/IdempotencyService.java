package dev.atelier.image.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.config.ImageConfig;
import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.repository.GenerationJobRepository;
import dev.atelier.problem.Problem;
import dev.atelier.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * {@code Idempotency-Key}s: a key names one job of its user. The same key with the same request (by
 * {@link RequestFingerprint}) answers with that job; with another request it is a 422. Two concurrent first requests
 * are kept apart by the unique index on {@code (user_id, idempotency_key)}: the second insert fails and that request
 * answers with the first one's job. Keys are forgotten after {@code atelier.image.idempotency.retention}.
 */
@ApplicationScoped
public class IdempotencyService {
    static final String HEADER = "Idempotency-Key";
    static final String UNIQUE_INDEX = "generation_jobs_user_idempotency_key_uq";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String PURGE = """
            update generation_jobs set idempotency_key = null, request_hash = null
            where idempotency_key is not null and created_at < now() - make_interval(secs => $1)""";

    private final GenerationJobRepository jobs;
    private final Pool pool;
    private final ImageConfig.Idempotency config;

    public IdempotencyService(GenerationJobRepository jobs, Pool pool, ImageConfig config) {
        this.jobs = jobs;
        this.pool = pool;
        this.config = config.idempotency();
    }

    /**
     * In the caller's session: the job an earlier request with this key created, or null when the key is new (or
     * absent). Fails with a 422 when the earlier request was a different one.
     */
    public Uni<GenerationJob> replay(UUID userId, String key, String requestHash) {
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return jobs.findByIdempotencyKey(userId, key).map(earlier -> {
            if (earlier == null) {
                return null;
            }
            if (!earlier.getRequestHash().equals(requestHash)) {
                Log.infof("Idempotency key of job %s reused by user %s with another request; refused",
                        earlier.getId(), userId);
                throw reused();
            }
            Log.infof("Replaying job %s for user %s (same idempotency key and request)", earlier.getId(), userId);
            return earlier;
        });
    }

    /**
     * After this request's insert lost the race for its key: the winner's job (or the 422). {@code lost} is
     * rethrown in the unlikely case the winner is gone again.
     */
    @WithSession
    public Uni<GenerationJob> replayAfterRace(UUID userId, String key, String requestHash, Throwable lost) {
        return replay(userId, key, requestHash).onItem().ifNull().failWith(() -> lost);
    }

    /** Whether a failure is the unique index refusing a second job with the same user and key. */
    public static boolean isKeyTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    && UNIQUE_INDEX.equals(pg.getConstraint())) {
                return true;
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && UNIQUE_INDEX.equals(violation.getConstraintName())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static ProblemException reused() {
        return new ProblemException(422, "idempotency-key-reused", "Idempotency key reused",
                HEADER + " was already used with a different request; use a new key for a new request",
                List.of(new Problem.FieldError(HEADER, "was already used with a different request")));
    }

    /** Forgets keys older than the retention; their jobs stay. */
    @Scheduled(every = "${atelier.image.idempotency.purge-interval}",
            delayed = "${atelier.image.idempotency.purge-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return forgetExpiredKeys()
                .onFailure().invoke(failure -> Log.warnf("Idempotency key purge failed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Clears the keys (and request hashes) of jobs created more than the retention ago.
     *
     * @return how many keys were forgotten
     */
    public Uni<Integer> forgetExpiredKeys() {
        return pool.preparedQuery(PURGE).execute(Tuple.of((double) config.retention().toSeconds()))
                .map(rows -> rows.rowCount())
                .invoke(count -> {
                    if (count > 0) {
                        Log.infof("Forgot %d idempotency keys older than %s", count, config.retention());
                    }
                });
    }
}
