package dev.atelier.image.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Images gallery-service deleted for good. The prompt cache and regenerate read this table (in their queries in
 * {@link GenerationJobRepository}); only the {@code image.deleted} consumer writes it.
 */
@ApplicationScoped
public class DeletedImageRepository {
    private static final String RECORD = "insert into deleted_images (image_id, user_id, deleted_at)"
            + " values (?1, ?2, now()) on conflict (image_id) do nothing";

    /** Records the deletion in the current transaction; recording it twice changes nothing. */
    public Uni<Void> record(UUID imageId, UUID userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD).setParameter(1, imageId).setParameter(2, userId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
