package dev.atelier.image.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.ImageDeleted;
import dev.atelier.image.repository.DeletedImageRepository;
import dev.atelier.image.repository.ProcessedEventRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Remembers images gallery-service deleted for good, so the prompt cache never answers with them and regenerate
 * does not start from them. Applied once per event id, in one transaction with its {@code processed_events} row.
 */
@ApplicationScoped
public class DeletedImageService {
    private final DeletedImageRepository deleted;
    private final ProcessedEventRepository processed;
    private final AccountGuard guard;

    public DeletedImageService(DeletedImageRepository deleted, ProcessedEventRepository processed,
            AccountGuard guard) {
        this.deleted = deleted;
        this.processed = processed;
        this.guard = guard;
    }

    /**
     * @return false when the event id was already processed, or when the user was deleted (gallery-service deletes
     *         every image of a deleted user; nothing is kept for them)
     */
    @WithTransaction
    public Uni<Boolean> imageDeleted(ImageDeleted event) {
        return processed.markProcessed(event.eventId()).chain(first -> !first ? Uni.createFrom().item(false)
                : guard.isDeleted(event.userId()).chain(userDeleted -> userDeleted ? Uni.createFrom().item(false)
                        : deleted.record(event.imageId(), event.userId()).replaceWith(true)));
    }
}
