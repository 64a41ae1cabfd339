package dev.atelier.gallery.service;

import java.io.InputStream;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.config.GalleryConfig;
import io.quarkus.logging.Log;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The image objects in the bucket, through the blocking S3 client: call it from a worker thread only. The SDK
 * retries transient failures (throttling, 5xx, I/O) itself.
 */
@ApplicationScoped
public class ImageStorage {
    private final S3Client s3;
    private final String bucket;

    public ImageStorage(S3Client s3, GalleryConfig config) {
        this.s3 = s3;
        this.bucket = config.bucket();
    }

    /** Writes (or overwrites) one object. */
    public void put(String key, byte[] content, String contentType) {
        s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType)
                .contentLength((long) content.length), RequestBody.fromBytes(content));
    }

    /** Streams one object; the caller closes the stream (which releases the connection). */
    public InputStream open(String key) {
        return s3.getObject(request -> request.bucket(bucket).key(key));
    }

    /**
     * Deletes the objects, best effort: each failure is logged (with the key, for the reconciler) and the others are
     * still deleted. Returns whether every delete succeeded.
     */
    public boolean deleteQuietly(List<String> keys) {
        boolean all = true;
        for (String key : keys) {
            try {
                s3.deleteObject(request -> request.bucket(bucket).key(key));
            } catch (SdkException e) {
                all = false;
                Log.errorf(e, "could not delete object %s from bucket %s; it is left without a row", key, bucket);
            }
        }
        return all;
    }
}
