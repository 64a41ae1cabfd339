package dev.atelier.gallery.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.atelier.gallery.domain.Image;
import dev.atelier.gallery.domain.TrashCursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The images' lifecycle: moving to and from the trash, and deleting rows for good. */
@ApplicationScoped
public class TrashRepository implements PanacheRepositoryBase<Image, UUID> {

    private static final Sort MOST_RECENTLY_DELETED_FIRST = Sort.descending("deletedAt", "id");

    /** Moves the user's live image to the trash; {@code false} when there is no such live image. */
    public Uni<Boolean> trash(UUID userId, UUID id, Instant now) {
        return update("deletedAt = ?3, updatedAt = ?3 where id = ?1 and userId = ?2 and deletedAt is null",
                id, userId, now).map(updated -> updated > 0);
    }

    /** Whether the user has image {@code id}, live or trashed. */
    public Uni<Boolean> owns(UUID userId, UUID id) {
        return count("id = ?1 and userId = ?2", id, userId).map(count -> count > 0);
    }

    /**
     * Takes the user's image out of the trash when it was trashed after {@code trashedAfter} (older ones are
     * waiting for the purge); {@code false} when there is no such trashed image.
     */
    public Uni<Boolean> restore(UUID userId, UUID id, Instant trashedAfter, Instant now) {
        return update("deletedAt = null, updatedAt = ?4 where id = ?1 and userId = ?2 and deletedAt > ?3",
                id, userId, trashedAfter, now).map(updated -> updated > 0);
    }

    /** Up to {@code size} of the user's images trashed after {@code trashedAfter}, most recently deleted first. */
    public Uni<List<Image>> trashPage(UUID userId, Instant trashedAfter, TrashCursor after, int size) {
        if (after == null) {
            return find("userId = ?1 and deletedAt > ?2", MOST_RECENTLY_DELETED_FIRST, userId, trashedAfter)
                    .page(0, size).list();
        }
        return find("userId = ?1 and deletedAt > ?2 and (deletedAt, id) < (?3, ?4)", MOST_RECENTLY_DELETED_FIRST,
                userId, trashedAfter, after.deletedAt(), after.id()).page(0, size).list();
    }

    /** The user's image, live or trashed, locked until the end of the transaction; {@code null} when none. */
    public Uni<Image> lockOwned(UUID userId, UUID id) {
        return find("id = ?1 and userId = ?2", id, userId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * Claims up to {@code size} images trashed before {@code trashedBefore}, longest in the trash first, locked until
     * the end of the transaction. Rows another transaction holds (a replica's purge, a restore) are skipped.
     */
    public Uni<List<Image>> claimExpired(Instant trashedBefore, int size) {
        return getSession().chain(session -> session.createNativeQuery("""
                select * from images
                where deleted_at < :trashedBefore
                order by deleted_at, id
                limit :size
                for update skip locked
                """, Image.class)
                .setParameter("trashedBefore", trashedBefore.atOffset(ZoneOffset.UTC))
                .setParameter("size", size)
                .getResultList());
    }

    public Uni<Long> deleteAll(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(0L) : delete("id in ?1", ids);
    }

    /** Deletes every row of the user, live and trashed. */
    public Uni<Long> deleteAllOf(UUID userId) {
        return delete("userId", userId);
    }
}
