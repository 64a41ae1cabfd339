package dev.atelier.gallery.messaging;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.atelier.events.Channels;
import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.StorageKeys;
import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.gallery.domain.Variant;
import dev.atelier.security.AccountDeletedException;
import dev.atelier.gallery.service.ImageService;
import dev.atelier.gallery.service.ImageService.Recorded;
import dev.atelier.gallery.service.ImageStorage;
import dev.atelier.gallery.service.DeletedAccountRefusal;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * {@code generation.completed} → rows in the owner's gallery. Idempotent (see
 * {@link ImageService#recordCompleted}); an event that can never be applied goes to
 * {@code generation.completed.dlq} at once, a transient failure only after a few retries.
 */
@ApplicationScoped
public class GenerationCompletedConsumer {

    private final ImageService images;
    private final ImageStorage storage;
    private final GalleryConfig.Consumer config;

    public GenerationCompletedConsumer(ImageService images, ImageStorage storage, GalleryConfig config) {
        this.images = images;
        this.storage = storage;
        this.config = config.consumer();
    }

    @Incoming(Channels.GENERATION_COMPLETED)
    @ActivateRequestContext
    public Uni<Void> consume(GenerationCompleted event) {
        try {
            validate(event);
        } catch (InvalidEventException e) {
            Log.warnf("generation.completed %s rejected: %s", event == null ? null : event.eventId(), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().deferred(() -> images.recordCompleted(event)
                        // The account was marked deleted between the check and the insert: the database refused
                        // the rows (migration V5) and the transaction rolled back.
                        .onFailure(DeletedAccountRefusal::isRefusal)
                        .recoverWithItem(() -> new Recorded(false, true, 0, event.images().size()))
                        .call(recorded -> recorded.userDeleted() ? discardObjects(event) : Uni.createFrom().voidItem()))
                .onFailure(failure -> !(failure instanceof InvalidEventException)).invoke(failure -> Log.warnf(
                        "generation.completed %s (job %s) failed, will retry: %s", event.eventId(), event.jobId(),
                        failure.toString()))
                .onFailure(failure -> !(failure instanceof InvalidEventException)).retry()
                .withBackOff(config.retryBackoff()).atMost(config.retries())
                .invoke(recorded -> log(event, recorded))
                .replaceWithVoid();
    }

    /**
     * The job finished after its owner's account was deleted (the worker had already written its objects): nothing
     * is stored, and the objects the event names are deleted before the event counts as processed. If S3 refuses,
     * the record is retried and then dead-lettered, never acknowledged with the objects left behind.
     */
    private Uni<Void> discardObjects(GenerationCompleted event) {
        List<String> keys = event.images().stream().flatMap(image -> image.keys().values().stream()).toList();
        return storage.delete(keys)
                .invoke(failed -> {
                    if (!failed.isEmpty()) {
                        throw new ImageStorage.StorageUnavailableException(failed.size() + " object(s) of job "
                                + event.jobId() + " could not be deleted, e.g. " + failed.iterator().next(), null);
                    }
                })
                .chain(() -> images.markProcessed(event.eventId()))
                .invoke(() -> Log.infof("generation.completed %s (job %s): user %s is deleted; discarded %d object(s)",
                        event.eventId(), event.jobId(), event.userId(), keys.size()))
                .replaceWithVoid();
    }

    /** What the gallery needs of the event; anything else missing is stored as unknown. */
    static void validate(GenerationCompleted event) {
        if (event == null) {
            throw new InvalidEventException("no payload");
        }
        require(event.eventId() != null, "eventId is missing");
        require(event.userId() != null, "userId is missing");
        require(event.occurredAt() != null, "occurredAt is missing");
        require(event.images() != null && !event.images().isEmpty(), "images is empty");
        Set<UUID> ids = new HashSet<>();
        for (GeneratedImage image : event.images()) {
            require(image != null && image.imageId() != null, "an image has no imageId");
            require(ids.add(image.imageId()), "image " + image.imageId() + " is listed twice");
            require(image.keys() != null && image.keys().containsKey(StorageKeys.ORIGINAL),
                    "image " + image.imageId() + " has no original");
            image.keys().forEach((variant, key) -> require(isOwnKey(event.userId(), image.imageId(), variant, key),
                    "image " + image.imageId() + " has a " + variant + " key outside its own folder"));
        }
    }

    /**
     * Keys come from the worker, but a key that is not exactly this image's would let its owner read another
     * object through a presigned URL.
     */
    private static boolean isOwnKey(UUID userId, UUID imageId, String variant, String key) {
        if (key == null || Variant.fromWireName(variant).isEmpty()) {
            return false;
        }
        String extension = key.substring(key.lastIndexOf('.') + 1);
        try {
            return key.equals(StorageKeys.image(userId, imageId, variant, extension));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidEventException(message);
        }
    }

    private static void log(GenerationCompleted event, Recorded recorded) {
        if (recorded.redelivery()) {
            Log.infof("generation.completed %s (job %s, user %s) was already processed; nothing stored",
                    event.eventId(), event.jobId(), event.userId());
        } else if (recorded.userDeleted()) {
            Log.infof("generation.completed %s (job %s): user %s is deleted; nothing stored", event.eventId(),
                    event.jobId(), event.userId());
        } else {
            Log.infof("generation.completed %s (job %s, user %s): stored %d image(s), %d already present",
                    event.eventId(), event.jobId(), event.userId(), recorded.inserted(), recorded.skipped());
        }
    }
}
