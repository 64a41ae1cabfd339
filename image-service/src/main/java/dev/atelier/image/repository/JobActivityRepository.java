package dev.atelier.image.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.domain.JobStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** What the submit limits and the reaper read from {@code generation_jobs}. */
@ApplicationScoped
public class JobActivityRepository {
    private static final List<JobStatus> UNFINISHED = List.of(JobStatus.QUEUED, JobStatus.RUNNING);

    private static final String CLAIM_STALE = """
            select * from generation_jobs
            where (status = 'running' and updated_at < ?1) or (status = 'queued' and updated_at < ?2)
            order by updated_at
            limit ?3
            for update skip locked""";
    private static final String LAST_REQUEST = """
            select payload::text from outbox
            where aggregate_id = ?1 and topic = ?2
            order by id desc
            limit 1""";

    /** The user's jobs that are queued or running. */
    public Uni<Long> unfinished(UUID userId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                        "select count(*) from GenerationJob where userId = :userId and status in :statuses",
                        Long.class)
                        .setParameter("userId", userId)
                        .setParameter("statuses", UNFINISHED)
                        .getSingleResult());
    }

    /** Creation times of the user's newest jobs created after {@code since}, newest first, at most {@code limit}. */
    public Uni<List<Instant>> submittedSince(UUID userId, Instant since, int limit) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                        "select createdAt from GenerationJob where userId = :userId and createdAt > :since"
                                + " order by createdAt desc",
                        Instant.class)
                        .setParameter("userId", userId)
                        .setParameter("since", since)
                        .setMaxResults(limit)
                        .getResultList());
    }

    /**
     * Row-locks up to {@code limit} stuck jobs: running with no change since {@code runningBefore}, or queued with no
     * change since {@code queuedBefore}. Rows another replica (or a consumer) has locked are skipped.
     */
    public Uni<List<GenerationJob>> claimStale(Instant runningBefore, Instant queuedBefore, int limit) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM_STALE, GenerationJob.class)
                        .setParameter(1, runningBefore)
                        .setParameter(2, queuedBefore)
                        .setParameter(3, limit)
                        .getResultList());
    }

    /** The JSON of the job's newest request event still in the outbox, or null once purged. */
    public Uni<String> lastRequest(UUID jobId, String topic) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LAST_REQUEST, String.class)
                        .setParameter(1, jobId)
                        .setParameter(2, topic)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }
}
