package dev.atelier.gallery.service;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.gallery.service.ImageService.StoredVariant;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.unchecked.Unchecked;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Short-lived presigned GET URLs for image variants. The URL makes S3 answer with the right Content-Type and an
 * inline Content-Disposition, whatever metadata the object was stored with.
 * <p>
 * Call it off the event loop: signing itself is CPU only, but resolving credentials (instance profile, web
 * identity…) may go over the network.
 */
@ApplicationScoped
public class ImageContentService {

    /** A presigned URL, when it stops working, and how long a client may reuse the redirect to it. */
    public record ContentLink(String url, Instant expiresAt, Duration cacheFor) {
    }

    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,5}");
    private static final String DEFAULT_EXTENSION = "bin";
    private static final String DEFAULT_MEDIA_TYPE = "application/octet-stream";
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "webp", "image/webp",
            "gif", "image/gif");

    private final S3Presigner presigner;
    private final GalleryConfig config;

    private final ImageStorage storage;

    public ImageContentService(S3Presigner presigner, GalleryConfig config, ImageStorage storage) {
        this.presigner = presigner;
        this.config = config;
        this.storage = storage;
    }

    public ContentLink link(StoredVariant stored) {
        GetObjectRequest get = GetObjectRequest.builder()
                .bucket(config.bucket())
                .key(stored.key())
                .responseContentType(mediaType(stored))
                .responseContentDisposition(disposition(stored))
                .build();
        Duration validity = config.content().urlValidity();
        PresignedGetObjectRequest presigned = presigner.presignGetObject(request -> request
                .signatureDuration(validity)
                .getObjectRequest(get));
        Duration cacheFor = validity.minus(config.content().cacheMargin());
        Log.debugf("presigned %s of image %s for %s", stored.variant().wireName(), stored.imageId(), validity);
        return new ContentLink(presigned.url().toString(), presigned.expiration(),
                cacheFor.isNegative() ? Duration.ZERO : cacheFor);
    }

    /** The Content-Type of a stored variant, from its key's extension. */
    public String mediaType(StoredVariant stored) {
        return MEDIA_TYPES.getOrDefault(extension(stored.key()), DEFAULT_MEDIA_TYPE);
    }

    /** {@code inline; filename="<id>-<variant>.<ext>"}: shown in the browser, saved under a useful name. */
    public String disposition(StoredVariant stored) {
        return "inline; filename=\"" + stored.imageId() + "-" + stored.variant().wireName() + "."
                + extension(stored.key()) + "\"";
    }

    /**
     * The variant's bytes, chunk by chunk: each chunk is read from S3 on a worker thread only when the client has
     * taken the previous one, so an image is never held in memory whole.
     */
    public Multi<byte[]> stream(StoredVariant stored) {
        Executor workers = Infrastructure.getDefaultWorkerPool();
        int chunk = config.content().streamChunkBytes();
        return Multi.createFrom().deferred(() -> {
            InputStream[] in = new InputStream[1];
            return Multi.createBy().repeating()
                    .uni(() -> Uni.createFrom().item(Unchecked.supplier(() -> {
                        if (in[0] == null) {
                            in[0] = storage.open(stored.key());
                        }
                        return in[0].readNBytes(chunk);
                    })).runSubscriptionOn(workers))
                    .until(bytes -> bytes.length == 0)
                    .onTermination().invoke(() -> workers.execute(() -> closeQuietly(in[0])));
        });
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (java.io.IOException e) {
                Log.debugf("closing an S3 stream failed: %s", e.getMessage());
            }
        }
    }

    /** The key's file extension; keys are built from ids and fixed names (StorageKeys), so this is never user text. */
    static String extension(String key) {
        int dot = key.lastIndexOf('.');
        String extension = dot < 0 ? "" : key.substring(dot + 1).toLowerCase(Locale.ROOT);
        return EXTENSION.matcher(extension).matches() ? extension : DEFAULT_EXTENSION;
    }
}
