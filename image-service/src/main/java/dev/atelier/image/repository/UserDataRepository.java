package dev.atelier.image.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.domain.JobStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Every row of one user, table by table, for the deletion of the user ({@code user.deleted}). All in the caller's
 * transaction. A new table holding user data must be added to {@link #DELETES} (a test checks every table with a
 * {@code user_id} column).
 */
@ApplicationScoped
public class UserDataRepository {
    private static final String LOCK_JOBS = "select id from generation_jobs where user_id = ?1 order by id for update";
    private static final String UNFINISHED = "from GenerationJob where userId = :userId and status in :statuses"
            + " order by createdAt, id";
    /**
     * Table → the statement deleting the user's rows, in this order: a job's events before the job (the foreign key
     * would cascade anyway), holds before the account they were taken from.
     */
    private static final List<Map.Entry<String, String>> DELETES = List.of(
            Map.entry("job_events",
                    "delete from job_events where job_id in (select id from generation_jobs where user_id = ?1)"),
            // Deliveries the cancels queued go too (with their attempts), so nothing is sent for a deleted user.
            Map.entry("webhook_endpoints", "delete from webhook_endpoints where user_id = ?1"),
            Map.entry("webhook_user_secrets", "delete from webhook_user_secrets where user_id = ?1"),
            Map.entry("webhook_deliveries", "delete from webhook_deliveries where user_id = ?1"),
            Map.entry("generation_jobs", "delete from generation_jobs where user_id = ?1"),
            Map.entry("credit_holds", "delete from credit_holds where user_id = ?1"),
            Map.entry("usage_logs", "delete from usage_logs where user_id = ?1"),
            Map.entry("credit_accounts", "delete from credit_accounts where user_id = ?1"),
            Map.entry("deleted_images", "delete from deleted_images where user_id = ?1"));
    /**
     * Events of the user waiting in (or already published from) the outbox: requests with their prompts, credit
     * snapshots. Keyed by the user id, as on Kafka.
     */
    private static final String DELETE_OUTBOX = "delete from outbox where message_key = ?1";

    /**
     * Row-locks every job of the user, in id order: a consumer or the reaper changing one of them finishes first
     * (and no new one can appear: submits hold the user's lock shared). Returns how many there are.
     */
    public Uni<Integer> lockJobs(UUID userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_JOBS, UUID.class).setParameter(1, userId)
                        .getResultList())
                .map(List::size);
    }

    /** The user's queued and running jobs, oldest first. */
    public Uni<List<GenerationJob>> unfinished(UUID userId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(UNFINISHED, GenerationJob.class)
                        .setParameter("userId", userId)
                        .setParameter("statuses", List.of(JobStatus.QUEUED, JobStatus.RUNNING))
                        .getResultList());
    }

    /** Deletes the user's outbox rows, published or not; returns how many. */
    public Uni<Integer> deleteOutbox(UUID userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(DELETE_OUTBOX).setParameter(1, userId.toString())
                        .executeUpdate());
    }

    /** Deletes the user's rows from every table of {@link #DELETES}; returns how many per table. */
    public Uni<Map<String, Integer>> deleteRows(UUID userId) {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        return Panache.getSession().chain(session -> session.flush()
                .chain(() -> Multi.createFrom().iterable(DELETES)
                        .onItem().transformToUniAndConcatenate(table -> session.createNativeQuery(table.getValue())
                                .setParameter(1, userId)
                                .executeUpdate()
                                .invoke(rows -> deleted.put(table.getKey(), rows)))
                        .collect().last()))
                .map(last -> deleted);
    }
}
