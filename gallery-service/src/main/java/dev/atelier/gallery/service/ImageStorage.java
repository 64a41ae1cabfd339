package dev.atelier.gallery.service;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.config.GalleryConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deleting and listing image objects. The S3 client is blocking: the {@code Uni} methods run it on a worker thread
 * and come back to the caller's Vert.x context, so a Hibernate Reactive session or transaction carries on there.
 */
@ApplicationScoped
public class ImageStorage {
    /** S3 deletes at most this many keys per DeleteObjects request and lists at most this many per page. */
    public static final int MAX_KEYS_PER_REQUEST = 1000;

    private final S3Client s3;
    private final String bucket;

    public ImageStorage(S3Client s3, GalleryConfig config) {
        this.s3 = s3;
        this.bucket = config.bucket();
    }

    public String bucket() {
        return bucket;
    }

    /**
     * Deletes the objects; a key that does not exist counts as deleted.
     *
     * @return the keys S3 refused to delete (empty when all are gone)
     * @throws StorageUnavailableException when S3 cannot be reached at all
     */
    public Uni<Set<String>> delete(Collection<String> keys) {
        List<String> copy = List.copyOf(keys);
        return offload(() -> deleteNow(copy));
    }

    /**
     * Deletes every object under {@code prefix}, page by page.
     *
     * @return how many objects were deleted
     * @throws StorageUnavailableException when S3 cannot be reached or refuses to delete an object
     */
    public Uni<Long> deleteUnder(String prefix) {
        return offload(() -> deleteUnderNow(prefix));
    }

    /** Blocking; worker threads only. See {@link #delete(Collection)}. */
    public Set<String> deleteNow(Collection<String> keys) {
        Set<String> failed = new LinkedHashSet<>();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
        for (int from = 0; from < distinct.size(); from += MAX_KEYS_PER_REQUEST) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + MAX_KEYS_PER_REQUEST));
            failed.addAll(deleteChunk(chunk));
        }
        return failed;
    }

    /** Blocking; worker threads only. Every object under {@code prefix}, in key order, fetched page by page. */
    public Iterable<S3Object> list(String prefix, int pageSize) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                .maxKeys(pageSize).build();
        return () -> {
            try {
                return s3.listObjectsV2Paginator(request).contents().iterator();
            } catch (SdkException e) {
                throw new StorageUnavailableException("listing " + prefix + " failed", e);
            }
        };
    }

    private long deleteUnderNow(String prefix) {
        long deleted = 0;
        List<String> page = new ArrayList<>(MAX_KEYS_PER_REQUEST);
        try {
            // Deleting listed keys does not disturb the listing: a continuation token is a position in key order.
            for (S3Object object : list(prefix, MAX_KEYS_PER_REQUEST)) {
                page.add(object.key());
                if (page.size() == MAX_KEYS_PER_REQUEST) {
                    deleted += deletePageUnder(prefix, page);
                    page.clear();
                }
            }
        } catch (SdkException e) {
            throw new StorageUnavailableException("listing " + prefix + " failed", e);
        }
        if (!page.isEmpty()) {
            deleted += deletePageUnder(prefix, page);
        }
        return deleted;
    }

    private int deletePageUnder(String prefix, List<String> page) {
        Set<String> failed = deleteChunk(page);
        if (!failed.isEmpty()) {
            throw new StorageUnavailableException(failed.size() + " object(s) under " + prefix
                    + " could not be deleted, e.g. " + failed.iterator().next(), null);
        }
        return page.size();
    }

    private Set<String> deleteChunk(List<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        List<ObjectIdentifier> objects = keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
        DeleteObjectsResponse response;
        try {
            response = s3.deleteObjects(request -> request.bucket(bucket)
                    .delete(delete -> delete.objects(objects).quiet(true)));
        } catch (SdkException e) {
            throw new StorageUnavailableException("deleting " + keys.size() + " object(s) from " + bucket
                    + " failed", e);
        }
        Set<String> failed = new HashSet<>();
        for (S3Error error : response.errors()) {
            Log.warnf("S3 refused to delete %s from %s: %s %s", error.key(), bucket, error.code(), error.message());
            failed.add(error.key());
        }
        return failed;
    }

    /** Blocking; worker threads only. Writes (or overwrites) one object. */
    public void put(String key, byte[] content, String contentType) {
        s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType)
                .contentLength((long) content.length), RequestBody.fromBytes(content));
    }

    /** Blocking; worker threads only. Streams one object; the caller closes the stream (releasing the connection). */
    public InputStream open(String key) {
        return s3.getObject(request -> request.bucket(bucket).key(key));
    }

    /**
     * Blocking; worker threads only. Best-effort clean-up: failures are logged with their keys (the reconciler
     * reports such objects) instead of thrown. Returns whether every object is gone.
     */
    public boolean deleteQuietly(List<String> keys) {
        try {
            Set<String> failed = deleteNow(keys);
            failed.forEach(key -> Log.errorf("could not delete object %s from bucket %s; it is left without a row",
                    key, bucket));
            return failed.isEmpty();
        } catch (StorageUnavailableException e) {
            Log.errorf(e, "could not delete objects %s from bucket %s; they are left without a row", keys, bucket);
            return false;
        }
    }

    /**
     * Runs blocking work on a worker thread and delivers its outcome back on the caller's Vert.x context (when there
     * is one), where a reactive session must be used.
     */
    static <T> Uni<T> offload(Supplier<T> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            Uni<T> blocking = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            return context == null ? blocking
                    : blocking.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }

    /** S3 could not be reached or refused an operation; nothing that depends on it has been done. */
    public static class StorageUnavailableException extends RuntimeException {
        public StorageUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
