package dev.atelier.worker.storage;

import java.time.temporal.ChronoUnit;
import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.atelier.worker.config.WorkerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.Guard;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes image objects to the bucket. Uses the blocking S3 client: call from a worker thread only. A write that
 * fails with a transient error (I/O, throttling, 5xx) is retried with backoff before giving up.
 */
@ApplicationScoped
public class ImageStore {
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVER_ERROR = 500;
    private static final int NOT_FOUND = 404;

    private final S3Client s3;
    private final WorkerConfig.Storage config;
    private final Guard retries;

    public ImageStore(S3Client s3, WorkerConfig config) {
        this.s3 = s3;
        this.config = config.storage();
        this.retries = Guard.create()
                .withDescription("s3-put")
                .withRetry()
                .maxRetries(this.config.maxRetries())
                .delay(this.config.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .whenException(ImageStore::isTransient)
                .withExponentialBackoff()
                .maxDelay(this.config.maxRetryDelay().toMillis(), ChronoUnit.MILLIS)
                .done()
                .done()
                .build();
    }

    void createBucketAtStartup(@Observes StartupEvent startup) {
        if (!config.createBucket()) {
            return;
        }
        try {
            ensureBucket();
        } catch (SdkException e) {
            // Not fatal: the readiness check reports it and writes fail as storage_unavailable until S3 is back.
            Log.errorf(e, "bucket %s could not be checked or created at startup", config.bucket());
        }
    }

    /** Creates the bucket unless it exists. */
    public void ensureBucket() {
        if (bucketExists()) {
            return;
        }
        s3.createBucket(request -> request.bucket(config.bucket()));
        Log.infof("created bucket %s", config.bucket());
    }

    /** Whether the bucket exists and is reachable with our credentials. */
    public boolean bucketExists() {
        try {
            s3.headBucket(request -> request.bucket(config.bucket()));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    public String bucket() {
        return config.bucket();
    }

    /**
     * Writes (or overwrites) one object.
     *
     * @throws SdkException when the write still fails after the retries
     */
    public void put(String key, byte[] content, String contentType) {
        retries.get(() -> s3.putObject(request -> request.bucket(config.bucket()).key(key).contentType(contentType)
                .contentLength((long) content.length), RequestBody.fromBytes(content)), PutObjectResponse.class);
    }

    /**
     * Deletes objects in one request, without retries: used to clean up after a canceled job, where a leftover
     * object only costs storage (it is overwritten by a rerun and removed with its user's prefix).
     *
     * @return how many keys could not be deleted
     */
    public int delete(Collection<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        Delete delete = Delete.builder().quiet(true)
                .objects(keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList())
                .build();
        DeleteObjectsResponse response = s3.deleteObjects(request -> request.bucket(config.bucket()).delete(delete));
        response.errors().forEach(error -> Log.warnf("deleting %s from bucket %s failed: %s %s", error.key(),
                config.bucket(), error.code(), error.message()));
        return response.errors().size();
    }

    private static boolean isTransient(Throwable failure) {
        if (failure instanceof S3Exception s3Failure) {
            int status = s3Failure.statusCode();
            return status == TOO_MANY_REQUESTS || status >= SERVER_ERROR;
        }
        return failure instanceof SdkClientException;
    }
}
