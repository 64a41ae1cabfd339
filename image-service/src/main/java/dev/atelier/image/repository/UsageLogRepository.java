package dev.atelier.image.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.domain.UsageLog;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UsageLogRepository implements PanacheRepositoryBase<UsageLog, UUID> {

    /** Up to {@code limit} of the user's usage rows, newest first, strictly after the given keyset position if any. */
    public Uni<List<UsageLog>> pageOf(UUID userId, Instant afterCreatedAt, UUID afterId, int limit) {
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
