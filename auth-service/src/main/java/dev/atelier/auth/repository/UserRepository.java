package dev.atelier.auth.repository;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.domain.User;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /** Case-insensitive, through the unique index on {@code lower(email)}. */
    public Uni<User> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResult();
    }

    /**
     * Newest accounts first, keyset-paged on (created_at, id): {@code limit} users created before the cursor,
     * optionally only those whose email or name contains {@code query} (case-insensitive, taken literally).
     */
    public Uni<List<User>> page(Instant beforeCreatedAt, UUID beforeId, String query,
            int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (beforeCreatedAt != null) {
            where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", beforeCreatedAt).and("id", beforeId);
        }
        if (query != null && !query.isBlank()) {
            where.append(" and (lower(email) like :q escape '\\' or lower(name) like :q escape '\\')");
            params.and("q", "%" + escapeLike(query.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        return find(where + " order by createdAt desc, id desc", params).page(0, limit).list();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
