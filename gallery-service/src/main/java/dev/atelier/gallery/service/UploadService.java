package dev.atelier.gallery.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.StorageKeys;
import dev.atelier.gallery.config.UploadConfig;
import dev.atelier.gallery.domain.Image;
import dev.atelier.gallery.domain.ImageSource;
import dev.atelier.gallery.messaging.ImageEventOutbox;
import dev.atelier.gallery.repository.DeletedUserRepository;
import dev.atelier.gallery.repository.ImageRepository;
import dev.atelier.gallery.service.ImageProcessor.Processed;
import dev.atelier.problem.ProblemException;
import dev.atelier.security.AccountDeletedException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Stores an uploaded image: processed (checked, decoded, re-encoded, derivatives; see {@link ImageProcessor}) and
 * written to S3 on worker threads, then its row inserted on the request's event loop. Either everything is stored
 * or nothing: objects written before a later failure are deleted again.
 */
@ApplicationScoped
public class UploadService {

    /** An upload as the client sent it: the multipart file (on disk) and the already validated fields. */
    public record NewUpload(UUID userId, Path file, String style, String name, String fileName) {
    }

    /** Where the variants of a processed upload were written. */
    private record Stored(Processed image, Map<String, String> keys) {
    }

    private final ImageProcessor processor;
    private final ImageStorage storage;
    private final ImageRepository images;
    private final Vertx vertx;
    private final UploadConfig config;
    private final ImageEventOutbox events;
    private final DeletedUserRepository deletedUsers;

    public UploadService(ImageProcessor processor, ImageStorage storage, ImageRepository images, Vertx vertx,
            UploadConfig config, ImageEventOutbox events, DeletedUserRepository deletedUsers) {
        this.processor = processor;
        this.storage = storage;
        this.images = images;
        this.vertx = vertx;
        this.config = config;
        this.events = events;
        this.deletedUsers = deletedUsers;
    }

    /**
     * The stored image. Fails with a {@link ProblemException} for a file that is not an acceptable image (4xx) or
     * when storage is unavailable (503); nothing is left behind either way.
     */
    public Uni<Image> upload(NewUpload upload) {
        UUID imageId = UUID.randomUUID();
        // executeBlocking runs on a worker thread and comes back on the request's context, where the reactive
        // session must be used.
        return vertx.executeBlocking(Uni.createFrom().item(() -> processor.process(read(upload.file()))), false)
                .chain(processed -> vertx.executeBlocking(
                        Uni.createFrom().item(() -> store(upload.userId(), imageId, processed)), false))
                .chain(stored -> Panache.withTransaction(() -> insert(upload, imageId, stored))
                        .onFailure().call(failure -> {
                            if (DeletedAccountRefusal.isRefusal(failure)) {
                                Log.infof("user %s: account deleted during the upload of image %s; deleting its "
                                        + "objects", upload.userId(), imageId);
                            } else {
                                Log.errorf(failure, "user %s: image %s could not be recorded; deleting its objects",
                                        upload.userId(), imageId);
                            }
                            return discard(stored);
                        })
                        // Refused by the database (migration V5): the account was deleted during the upload.
                        .onFailure(DeletedAccountRefusal::isRefusal)
                        .transform(failure -> new AccountDeletedException(upload.userId())))
                .invoke(image -> Log.infof("user %s uploaded image %s: %s %dx%d, %d bytes", upload.userId(), image.id,
                        image.format, image.width, image.height, image.bytes));
    }

    private byte[] read(Path file) {
        try {
            // Checked before reading: an oversized file is refused without being loaded.
            if (Files.size(file) > config.maxBytes().asLongValue()) {
                throw ImageProcessor.tooLarge(config.maxBytes().asLongValue());
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the uploaded file could not be read", e);
        }
    }

    private Stored store(UUID userId, UUID imageId, Processed image) {
        Map<String, byte[]> variants = new LinkedHashMap<>();
        variants.put(StorageKeys.ORIGINAL, image.original());
        if (image.medium() != null) {
            variants.put(StorageKeys.MEDIUM, image.medium());
        }
        variants.put(StorageKeys.THUMB, image.thumb());
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> attempted = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> variant : variants.entrySet()) {
                String key = StorageKeys.image(userId, imageId, variant.getKey(), image.encoding().extension());
                attempted.add(key);
                storage.put(key, variant.getValue(), image.encoding().contentType());
                keys.put(variant.getKey(), key);
            }
        } catch (SdkException e) {
            Log.errorf(e, "user %s: writing image %s failed; deleting what was written", userId, imageId);
            // A write that failed may still have landed: delete every key that was attempted.
            storage.deleteQuietly(attempted);
            throw new ProblemException(503, "storage-unavailable", "Service unavailable",
                    "Image storage is unavailable; try again shortly");
        }
        return new Stored(image, keys);
    }

    private Uni<Image> insert(NewUpload upload, UUID imageId, Stored stored) {
        Processed processed = stored.image();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Image image = new Image();
        image.id = imageId;
        image.userId = upload.userId();
        image.name = upload.name();
        image.style = upload.style();
        image.tags = new String[0];
        image.favorite = false;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("uploadedAs", processed.source().wireName());
        if (upload.fileName() != null) {
            metadata.put("fileName", upload.fileName());
        }
        image.metadata = metadata;
        image.source = ImageSource.UPLOADED;
        image.format = processed.encoding().format();
        image.width = processed.width();
        image.height = processed.height();
        image.bytes = (long) processed.original().length;
        image.storageKeys = stored.keys();
        image.contentHash = processed.contentHash();
        image.createdAt = now;
        image.updatedAt = now;
        // The account may have been deleted while the token is still valid: store nothing for it (the failure
        // deletes the objects just written).
        return deletedUsers.isDeleted(upload.userId()).chain(deleted -> deleted
                ? Uni.createFrom().failure(new AccountDeletedException(upload.userId()))
                : images.persist(image).chain(() -> afterStored(image)).replaceWith(image));
    }

    /** Runs in the insert's transaction, so whatever it records commits or rolls back with the row. */
    private Uni<Void> afterStored(Image image) {
        return events.stored(image);
    }

    private Uni<Void> discard(Stored stored) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> storage.deleteQuietly(List.copyOf(
                stored.keys().values()))), false).replaceWithVoid();
    }
}
