package dev.atelier.gallery.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.domain.Image;
import dev.atelier.gallery.domain.Share;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ShareRepository implements PanacheRepositoryBase<Share, UUID> {

    /** The image's shares that still work at {@code now}, newest first. */
    public Uni<List<Share>> active(UUID userId, UUID imageId, Instant now) {
        return list("imageId = ?1 and userId = ?2 and revokedAt is null and expiresAt > ?3",
                Sort.descending("createdAt", "id"), imageId, userId, now);
    }

    /** The user's share {@code shareId} of image {@code imageId}, or {@code null}. */
    public Uni<Share> findOwned(UUID userId, UUID imageId, UUID shareId) {
        return find("id = ?1 and imageId = ?2 and userId = ?3", shareId, imageId, userId).firstResult();
    }

    /**
     * The live image a working share with this token hash points at, or {@code null} when the token is unknown, the
     * share expired or was revoked, or the image is in the trash.
     */
    public Uni<Image> sharedImage(String tokenHash, Instant now) {
        return getSession().chain(session -> session.createSelectionQuery("""
                select i from Share s, Image i
                where s.tokenHash = :hash and s.imageId = i.id and s.userId = i.userId
                  and s.revokedAt is null and s.expiresAt > :now and i.deletedAt is null
                """, Image.class)
                .setParameter("hash", tokenHash)
                .setParameter("now", now)
                .getSingleResultOrNull());
    }
}
