package dev.atelier.gallery.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.atelier.gallery.domain.Image;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ImageRepository implements PanacheRepositoryBase<Image, UUID> {

    /** A generated image as the completion event describes it; JSON columns arrive already serialized. */
    public record NewGeneratedImage(UUID id, UUID userId, UUID jobId, String name, String prompt, String style,
            String emotion, String metadataJson, String format, Integer width, Integer height, Long bytes,
            String storageKeysJson, String contentHash, Instant createdAt) {
    }

    /** The user's live image {@code id}; {@code null} when it does not exist, is trashed or is someone else's. */
    public Uni<Image> findLive(UUID userId, UUID id) {
        return find("id = ?1 and userId = ?2 and deletedAt is null", id, userId).firstResult();
    }

    /**
     * As {@link #findLive}, with the row locked until the transaction ends: a read-modify-write (a metadata merge)
     * must not lose a concurrent one.
     */
    public Uni<Image> findLiveForUpdate(UUID userId, UUID id) {
        return find("id = ?1 and userId = ?2 and deletedAt is null", id, userId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * Inserts the image unless a row with its id already exists (a redelivery or a replay); returns whether a
     * row was inserted.
     */
    public Uni<Boolean> insertIfAbsent(NewGeneratedImage image) {
        return getSession().chain(session -> session.createNativeQuery("""
                insert into images (id, user_id, job_id, name, prompt, style, emotion, metadata, source, format,
                                    width, height, bytes, storage_keys, content_hash, created_at, updated_at)
                values (:id, :userId, :jobId, :name, :prompt, :style, :emotion,
                        cast(cast(:metadata as text) as jsonb), 'generated', :format,
                        :width, :height, :bytes, cast(cast(:storageKeys as text) as jsonb), :contentHash,
                        :createdAt, :createdAt)
                on conflict (id) do nothing
                """)
                .setParameter("id", image.id())
                .setParameter("userId", image.userId())
                .setParameter("jobId", image.jobId())
                .setParameter("name", image.name())
                .setParameter("prompt", image.prompt())
                .setParameter("style", image.style())
                .setParameter("emotion", image.emotion())
                .setParameter("metadata", image.metadataJson())
                .setParameter("format", image.format())
                .setParameter("width", image.width())
                .setParameter("height", image.height())
                .setParameter("bytes", image.bytes())
                .setParameter("storageKeys", image.storageKeysJson())
                .setParameter("contentHash", image.contentHash())
                .setParameter("createdAt", image.createdAt().atOffset(ZoneOffset.UTC))
                .executeUpdate())
                .map(inserted -> inserted > 0);
    }
}
