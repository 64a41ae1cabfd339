package dev.atelier.image.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.atelier.image.domain.GenerationJob;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class GenerationJobRepository implements PanacheRepositoryBase<GenerationJob, UUID> {

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
}
