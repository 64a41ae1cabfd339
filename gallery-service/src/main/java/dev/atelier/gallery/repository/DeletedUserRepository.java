package dev.atelier.gallery.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.domain.DeletedUser;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DeletedUserRepository implements PanacheRepositoryBase<DeletedUser, UUID> {

    /**
     * Records that the user's account is gone, in the caller's transaction; a second call changes nothing. The
     * insert first waits for every open transaction that is writing a row of the user (migration V5).
     */
    public Uni<Void> markDeleted(UUID userId) {
        return getSession().chain(session -> session.createNativeQuery("""
                insert into deleted_users (user_id, deleted_at) values (:userId, now())
                on conflict (user_id) do nothing
                """)
                .setParameter("userId", userId)
                .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Deletes the user's share links and outbox rows, published or not, in the caller's transaction; returns how
     * many rows went. Run after {@link #markDeleted}: from then on the database refuses new ones (migration V5).
     * Unpublished events are dropped rather than sent: they describe images that are being deleted, and an
     * {@code image.stored} arriving after {@code user.deleted} would bring the account back into the other
     * services' projections. Published ones only wait for the retention and still name the user.
     */
    public Uni<Integer> deleteSharesAndEvents(UUID userId) {
        return getSession().chain(session -> session.createNativeQuery("delete from shares where user_id = :userId")
                .setParameter("userId", userId)
                .executeUpdate()
                .chain(shares -> session.createNativeQuery("delete from outbox where message_key = :key")
                        .setParameter("key", userId.toString())
                        .executeUpdate()
                        .map(events -> shares + events)));
    }

    public Uni<Boolean> isDeleted(UUID userId) {
        return count("userId", userId).map(count -> count > 0);
    }
}
