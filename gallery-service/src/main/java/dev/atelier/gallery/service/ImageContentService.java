package dev.atelier.gallery.service;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.gallery.service.ImageService.StoredVariant;
import io.quarkus.logging.Log;
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

    /** A presigned URL and how long a client may reuse the redirect to it. */
    public record ContentLink(String url, Duration cacheFor) {
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

    public ImageContentService(S3Presigner presigner, GalleryConfig config) {
        this.presigner = presigner;
        this.config = config;
    }

    public ContentLink link(StoredVariant stored) {
        String extension = extension(stored.key());
        String filename = stored.imageId() + "-" + stored.variant().wireName() + "." + extension;
        GetObjectRequest get = GetObjectRequest.builder()
                .bucket(config.bucket())
                .key(stored.key())
                .responseContentType(MEDIA_TYPES.getOrDefault(extension, DEFAULT_MEDIA_TYPE))
                .responseContentDisposition("inline; filename=\"" + filename + "\"")
                .build();
        Duration validity = config.content().urlValidity();
        PresignedGetObjectRequest presigned = presigner.presignGetObject(request -> request
                .signatureDuration(validity)
                .getObjectRequest(get));
        Duration cacheFor = validity.minus(config.content().cacheMargin());
        Log.debugf("presigned %s of image %s for %s", stored.variant().wireName(), stored.imageId(), validity);
        return new ContentLink(presigned.url().toString(), cacheFor.isNegative() ? Duration.ZERO : cacheFor);
    }

    /** The key's file extension; keys are built from ids and fixed names (StorageKeys), so this is never user text. */
    static String extension(String key) {
        int dot = key.lastIndexOf('.');
        String extension = dot < 0 ? "" : key.substring(dot + 1).toLowerCase(Locale.ROOT);
        return EXTENSION.matcher(extension).matches() ? extension : DEFAULT_EXTENSION;
    }
}
