package dev.atelier.image.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.security.DeletedAccounts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tombstones of deleted users ({@code deleted_users}) and the per-user lock that keeps a deletion and every write for
 * that user apart: a PostgreSQL transaction-scoped advisory lock, taken shared by writers and exclusively by the
 * deletion, so writes for one user never wait on each other and a deletion waits for the writes in flight.
 */
@ApplicationScoped
public class DeletedUserRepository implements DeletedAccounts {
    /**
     * The advisory-lock key space of user accounts (the first key of the two-key form; the second is the user id's
     * hash). Another use of advisory locks in this database must pick another first key.
     */
    static final int ACCOUNT_LOCK_SPACE = 0x75736572;

    private static final String LOCK_SHARED =
            "select true from pg_advisory_xact_lock_shared(?1, hashtext(cast(?2 as text)))";
    private static final String LOCK_EXCLUSIVE =
            "select true from pg_advisory_xact_lock(?1, hashtext(cast(?2 as text)))";
    private static final String EXISTS = "select exists (select 1 from deleted_users where user_id = ?1)";
    private static final String EXISTS_POOLED = "select 1 from deleted_users where user_id = $1";
    private static final String TOMBSTONE = "insert into deleted_users (user_id, deleted_at) values (?1, ?2)"
            + " on conflict (user_id) do nothing";

    private final Pool pool;

    public DeletedUserRepository(Pool pool) {
        this.pool = pool;
    }

    /** Outside any transaction (authentication): whether the user was deleted. */
    @Override
    public Uni<Boolean> isDeleted(UUID userId) {
        return pool.preparedQuery(EXISTS_POOLED).execute(Tuple.of(userId)).map(rows -> rows.size() > 0);
    }

    /** In the current transaction, until it ends: the user's lock, shared with the other writes for that user. */
    public Uni<Void> lockShared(UUID userId) {
        return lock(LOCK_SHARED, userId);
    }

    /** In the current transaction, until it ends: the user's lock, alone (waits for the writes in flight). */
    public Uni<Void> lockExclusively(UUID userId) {
        return lock(LOCK_EXCLUSIVE, userId);
    }

    /** In the current transaction: whether the user was deleted (as of this statement). */
    public Uni<Boolean> isDeletedNow(UUID userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(EXISTS, Boolean.class).setParameter(1, userId)
                        .getSingleResult());
    }

    /** In the current transaction: the user's tombstone; writing it twice changes nothing. */
    public Uni<Void> tombstone(UUID userId, Instant at) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(TOMBSTONE).setParameter(1, userId).setParameter(2, at)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static Uni<Void> lock(String sql, UUID userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(sql, Boolean.class)
                        .setParameter(1, ACCOUNT_LOCK_SPACE)
                        // As text: the lock key is the hash of the id's text form.
                        .setParameter(2, userId.toString())
                        .getSingleResult())
                .replaceWithVoid();
    }
}
