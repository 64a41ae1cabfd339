package dev.atelier.gallery.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.domain.DeletedUser;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DeletedUserRepository implements PanacheRepositoryBase<DeletedUser, UUID> {

    /** Records that the user's account is gone, in the caller's transaction; a second call changes nothing. */
    public Uni<Void> markDeleted(UUID userId) {
        return getSession().chain(session -> session.createNativeQuery("""
                insert into deleted_users (user_id, deleted_at) values (:userId, now())
                on conflict (user_id) do nothing
                """)
                .setParameter("userId", userId)
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Boolean> isDeleted(UUID userId) {
        return count("userId", userId).map(count -> count > 0);
    }
}
