package dev.atelier.gallery.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.security.DeletedAccounts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Whether an account is deleted, read with the plain reactive client: authentication asks on every request, and
 * with {@code quarkus.smallrye-jwt.blocking-authentication} it runs on a worker thread, where a Hibernate Reactive
 * session cannot be used. {@link DeletedUserRepository} writes the same table.
 */
@ApplicationScoped
public class DeletedAccountRepository implements DeletedAccounts {
    private final Pool pool;

    public DeletedAccountRepository(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Boolean> isDeleted(UUID userId) {
        return pool.preparedQuery("select exists (select 1 from deleted_users where user_id = $1)")
                .execute(Tuple.of(userId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }
}
