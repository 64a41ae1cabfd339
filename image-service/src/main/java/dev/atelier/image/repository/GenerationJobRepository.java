package dev.atelier.image.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.atelier.image.domain.GenerationJob;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class GenerationJobRepository implements PanacheRepositoryBase<GenerationJob, UUID> {
    private static final double MILLIS_PER_SECOND = 1000.0;
    /** Uses the GIN index on image_ids; an original rendering is preferred to a cached copy of it. */
    private static final String PRODUCING = """
            select j.* from generation_jobs j
            where j.user_id = ?1 and j.image_ids @> array[cast(?2 as uuid)] and j.status = 'succeeded'
              and not exists (select 1 from deleted_images d where d.image_id = ?2)
            order by j.cached, j.created_at
            limit 1""";
    /** The newest rendering of that request within the window whose images all still exist. */
    private static final String CACHE_SOURCE = """
            select j.* from generation_jobs j
            where j.user_id = ?1 and j.cache_key = ?2 and j.status = 'succeeded'
              and j.created_at >= now() - make_interval(secs => ?3)
              and not exists (select 1 from deleted_images d where d.image_id = any(j.image_ids))
            order by j.created_at desc
            limit 1""";

    /** The job if it belongs to that user; someone else's job is as absent as an unknown id. */
    public Uni<GenerationJob> findOwned(UUID userId, UUID jobId) {
        return find("id = :id and userId = :userId", Parameters.with("id", jobId).and("userId", userId))
                .firstResult();
    }

    /** The job, row-locked until the transaction ends, so concurrent events for it apply one after another. */
    public Uni<GenerationJob> findForUpdate(UUID jobId) {
        return findById(jobId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Up to {@code limit} of the user's jobs, newest first, strictly after the given keyset position if any. */
    public Uni<List<GenerationJob>> pageOf(UUID userId, Instant afterCreatedAt, UUID afterId, int limit) {
        if (afterCreatedAt == null) {
            return find("userId = :userId order by createdAt desc, id desc", Parameters.with("userId", userId))
                    .range(0, limit - 1).list();
        }
        return find("userId = :userId and (createdAt < :createdAt or (createdAt = :createdAt and id < :id))"
                + " order by createdAt desc, id desc",
                Parameters.with("userId", userId).and("createdAt", afterCreatedAt).and("id", afterId))
                .range(0, limit - 1).list();
    }

    /** The user's job submitted with that {@code Idempotency-Key}, if the key is still remembered. */
    public Uni<GenerationJob> findByIdempotencyKey(UUID userId, String key) {
        return find("userId = :userId and idempotencyKey = :key", Parameters.with("userId", userId).and("key", key))
                .firstResult();
    }

    /** The user's succeeded job that produced that image, unless the image was deleted; null otherwise. */
    public Uni<GenerationJob> findProducing(UUID userId, UUID imageId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PRODUCING, GenerationJob.class)
                .setParameter(1, userId)
                .setParameter(2, imageId)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * A succeeded job of that user with that cache key, created at most {@code window} ago, none of whose images
     * was deleted; null when there is none.
     */
    public Uni<GenerationJob> findCacheSource(UUID userId, String cacheKey, Duration window) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CACHE_SOURCE, GenerationJob.class)
                .setParameter(1, userId)
                .setParameter(2, cacheKey)
                .setParameter(3, (double) window.toMillis() / MILLIS_PER_SECOND)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }
}
