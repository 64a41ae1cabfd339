package dev.atelier.image.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.domain.WebhookEndpoint;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** A user's webhook endpoints, and the per-user secret that signs the one-off webhooks of their submits. */
@ApplicationScoped
public class WebhookEndpointRepository implements PanacheRepositoryBase<WebhookEndpoint, UUID> {
    /** Advisory-lock key space of webhook registration (see {@link DeletedUserRepository#ACCOUNT_LOCK_SPACE}). */
    static final int REGISTRATION_LOCK_SPACE = 0x77686f6b;
    private static final String LOCK = "select true from pg_advisory_xact_lock(?1, hashtext(cast(?2 as text)))";
    private static final String ENSURE_USER_SECRET = """
            insert into webhook_user_secrets (user_id, secret, created_at, updated_at) values (?1, ?2, ?3, ?3)
            on conflict (user_id) do nothing""";
    private static final String USER_SECRET = """
            select secret, previous_secret, previous_secret_expires_at from webhook_user_secrets where user_id = ?1""";
    private static final String ROTATE_USER_SECRET = """
            update webhook_user_secrets
            set previous_secret = secret, previous_secret_expires_at = ?3, secret = ?2, updated_at = ?4
            where user_id = ?1""";

    /** The user's endpoints, oldest first. */
    public Uni<List<WebhookEndpoint>> ownedBy(UUID userId) {
        return list("userId = ?1 order by createdAt, id", userId);
    }

    /** The user's endpoint, or null (someone else's endpoint is not found either). */
    public Uni<WebhookEndpoint> findOwned(UUID userId, UUID id) {
        return find("id = ?1 and userId = ?2", id, userId).firstResult();
    }

    /** In the current transaction, until it ends: registrations of this user wait for each other (the limit). */
    public Uni<Void> lockRegistrations(UUID userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK, Boolean.class)
                        .setParameter(1, REGISTRATION_LOCK_SPACE).setParameter(2, userId.toString()).getSingleResult())
                .replaceWithVoid();
    }

    /** Creates the user's submit secret unless it exists. */
    public Uni<Void> ensureUserSecret(UUID userId, String secret, Instant now) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ENSURE_USER_SECRET).setParameter(1, userId)
                        .setParameter(2, secret).setParameter(3, now).executeUpdate())
                .replaceWithVoid();
    }

    /** The user's submit secret, or null. */
    public Uni<UserSecret> userSecret(UUID userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(USER_SECRET, Object[].class).setParameter(1, userId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : new UserSecret((String) rows.get(0)[0],
                        (String) rows.get(0)[1], toInstant(rows.get(0)[2])));
    }

    /** Replaces the user's submit secret; the old one keeps signing until {@code previousExpiresAt}. */
    public Uni<Void> rotateUserSecret(UUID userId, String secret, Instant previousExpiresAt, Instant now) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(ROTATE_USER_SECRET).setParameter(1, userId)
                        .setParameter(2, secret).setParameter(3, previousExpiresAt).setParameter(4, now)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    /** The secret signing a user's one-off webhooks, and the one it replaced while that still signs too. */
    public record UserSecret(String secret, String previousSecret, Instant previousSecretExpiresAt) {
    }
}
