package dev.atelier.gallery.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.StorageKeys;
import dev.atelier.events.UserDeleted;
import dev.atelier.gallery.repository.DeletedUserRepository;
import dev.atelier.gallery.repository.ProcessedEventRepository;
import dev.atelier.gallery.repository.TrashRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * An account is gone: every row of the user (live and trashed) and every object under their prefix goes too. No
 * {@code image.deleted} per image: the other services receive {@code user.deleted} themselves and drop the user's
 * projections at once, which thousands of per-image events would only repeat.
 * <p>
 * Three steps, so a crash anywhere is repaired by the redelivery: (1) the user is marked deleted (the mark waits for
 * transactions already writing the user's rows, and the database refuses any later row of the user: migration V5),
 * their share links and outbox rows are deleted, and their tokens are refused from now on; (2) the objects are
 * deleted, page by page, outside any transaction (an account can own hundreds of thousands); (3) the image rows are
 * deleted in one transaction with the processed-event row. Until (3) commits the event counts as unprocessed and a
 * redelivery runs every step again, harmlessly.
 * <p>
 * What stays is the {@code deleted_users} row (the user id and when): it is what refuses the account's tokens, a late
 * {@code generation.completed} and any row written by a request that was already under way.
 */
@ApplicationScoped
public class UserDeletionService {

    /** What applying one {@code user.deleted} did. */
    public record Outcome(boolean redelivery, long objects, long rows) {
    }

    private final ProcessedEventRepository processedEvents;
    private final DeletedUserRepository deletedUsers;
    private final TrashRepository images;
    private final ImageStorage storage;

    public UserDeletionService(ProcessedEventRepository processedEvents, DeletedUserRepository deletedUsers,
            TrashRepository images, ImageStorage storage) {
        this.processedEvents = processedEvents;
        this.deletedUsers = deletedUsers;
        this.images = images;
        this.storage = storage;
    }

    public Uni<Outcome> apply(UserDeleted event) {
        UUID userId = event.userId();
        return Panache.withTransaction(() -> processedEvents.findById(event.eventId()).chain(processed -> {
            if (processed != null) {
                return Uni.createFrom().item(false);
            }
            return deletedUsers.markDeleted(userId)
                    .chain(() -> deletedUsers.deleteSharesAndEvents(userId))
                    .replaceWith(true);
        })).chain(proceed -> {
            if (!proceed) {
                return Uni.createFrom().item(new Outcome(true, 0, 0));
            }
            return storage.deleteUnder(StorageKeys.userPrefix(userId))
                    .chain(objects -> Panache.withTransaction(() -> images.deleteAllOf(userId)
                            .call(() -> processedEvents.markProcessed(event.eventId())))
                            .map(rows -> new Outcome(false, objects, rows)));
        });
    }
}
