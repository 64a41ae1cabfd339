package dev.atelier.gallery.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.ImageDeleted;
import dev.atelier.gallery.config.TrashConfig;
import dev.atelier.gallery.domain.Image;
import dev.atelier.gallery.domain.TrashCursor;
import dev.atelier.gallery.messaging.ImageEventOutbox;
import dev.atelier.gallery.repository.TrashRepository;
import dev.atelier.gallery.service.ImageStorage.StorageUnavailableException;
import dev.atelier.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * An image's way out of the gallery: to the trash (restorable for {@code atelier.gallery.trash.retention}), back,
 * and deleted for good with its S3 objects, by its owner or by the purge once the retention is over. Objects are
 * deleted before the row, inside the row's transaction: when S3 fails the row stays and a later attempt retries,
 * so there is never an orphan object nor a row removed while its objects remain.
 */
@ApplicationScoped
public class TrashService {

    /** One page of the trash and the cursor of the next page ({@code null} on the last one). */
    public record TrashSlice(List<Image> images, TrashCursor next) {
    }

    /** What one purge transaction did: rows claimed, and rows deleted with all their objects. */
    public record PurgeBatch(int claimed, int purged) {
    }

    private final TrashRepository images;
    private final ImageStorage storage;
    private final ImageEventOutbox events;
    private final TrashConfig config;
    private final Clock clock = Clock.systemUTC();

    public TrashService(TrashRepository images, ImageStorage storage, ImageEventOutbox events, TrashConfig config) {
        this.images = images;
        this.storage = storage;
        this.events = events;
        this.config = config;
    }

    /**
     * Moves the user's image to the trash. Idempotent: an image already there keeps its deletion time (and so its
     * place in the purge queue). 404 when the user has no such image.
     */
    @WithTransaction
    public Uni<Void> trash(UUID userId, UUID imageId) {
        return images.trash(userId, imageId, now()).chain(trashed -> {
            if (trashed) {
                Log.infof("Image %s of user %s moved to the trash", imageId, userId);
                return Uni.createFrom().voidItem();
            }
            return images.owns(userId, imageId).invoke(owned -> {
                if (!owned) {
                    throw ProblemException.notFound("Image", imageId);
                }
            }).replaceWithVoid();
        });
    }

    /** Takes the user's image out of the trash; 404 when it is not in the user's trash (or its retention is over). */
    @WithTransaction
    public Uni<Image> restore(UUID userId, UUID imageId) {
        Instant now = now();
        return images.restore(userId, imageId, now.minus(config.retention()), now).chain(restored -> {
            if (!restored) {
                return Uni.createFrom().failure(ProblemException.notFound("Image", imageId));
            }
            Log.infof("Image %s of user %s restored from the trash", imageId, userId);
            return images.findById(imageId);
        });
    }

    /** The user's restorable images, most recently deleted first. */
    @WithSession
    public Uni<TrashSlice> page(UUID userId, TrashCursor after, int limit) {
        // One row more than asked tells whether there is a next page without a count query.
        return images.trashPage(userId, now().minus(config.retention()), after, limit + 1).map(rows -> {
            if (rows.size() <= limit) {
                return new TrashSlice(rows, null);
            }
            List<Image> page = rows.subList(0, limit);
            Image last = page.get(limit - 1);
            return new TrashSlice(List.copyOf(page), new TrashCursor(last.deletedAt, last.id));
        });
    }

    /** When the purge deletes a trashed image. */
    public Instant purgeAt(Image image) {
        return image.deletedAt == null ? null : image.deletedAt.plus(config.retention());
    }

    /**
     * Deletes the user's image (live or trashed) and its objects for good and announces {@code image.deleted}
     * (reason {@code permanent}). 404 when the user has no such image; 503 when S3 fails, and then nothing changed.
     */
    @WithTransaction
    public Uni<Void> deletePermanently(UUID userId, UUID imageId) {
        return images.lockOwned(userId, imageId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Image", imageId))
                .call(image -> storage.delete(keys(image)).invoke(failed -> {
                    if (!failed.isEmpty()) {
                        throw new StorageUnavailableException("S3 kept " + failed, null);
                    }
                }))
                .call(images::delete)
                .call(image -> events.deleted(image, ImageDeleted.REASON_PERMANENT))
                .invoke(image -> Log.infof("Image %s of user %s deleted for good with %d object(s)", imageId, userId,
                        keys(image).size()))
                .replaceWithVoid()
                .onFailure(StorageUnavailableException.class).transform(failure -> {
                    Log.warnf("Image %s of user %s: deleting its objects failed, the image stays: %s", imageId, userId,
                            failure.getMessage());
                    return new ProblemException(503, "storage-unavailable", "Storage unavailable",
                            "Image " + imageId + " could not be deleted now; nothing changed, try again later");
                });
    }

    /**
     * Deletes up to {@code atelier.gallery.trash.purge-batch-size} images whose retention is over, with their
     * objects, and announces each with {@code image.deleted} (reason {@code trash-expired}). Rows are claimed with
     * SKIP LOCKED, so replicas purge different rows; a row whose objects S3 did not delete stays for the next run.
     */
    @WithTransaction
    public Uni<PurgeBatch> purgeBatch() {
        Instant trashedBefore = now().minus(config.retention());
        return images.claimExpired(trashedBefore, config.purgeBatchSize()).chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(new PurgeBatch(0, 0));
            }
            return storage.delete(claimed.stream().flatMap(image -> keys(image).stream()).toList())
                    .chain(failed -> {
                        List<Image> purgeable = purgeable(claimed, failed);
                        Uni<Long> work = images.deleteAll(purgeable.stream().map(image -> image.id).toList());
                        for (Image image : purgeable) {
                            work = work.call(() -> events.deleted(image, ImageDeleted.REASON_TRASH_EXPIRED));
                        }
                        return work.map(deleted -> {
                            Log.infof("Purge: deleted %d image(s) trashed before %s; %d kept for a retry",
                                    purgeable.size(), trashedBefore, claimed.size() - purgeable.size());
                            return new PurgeBatch(claimed.size(), purgeable.size());
                        });
                    });
        });
    }

    /** The claimed images every object of which is gone; the others keep their row so the next run retries. */
    static List<Image> purgeable(List<Image> claimed, Set<String> failedKeys) {
        return claimed.stream().filter(image -> keys(image).stream().noneMatch(failedKeys::contains)).toList();
    }

    static Collection<String> keys(Image image) {
        return image.storageKeys == null ? List.of() : image.storageKeys.values();
    }

    private Instant now() {
        // PostgreSQL keeps microseconds; truncate so answers and later reads show the same instant.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
