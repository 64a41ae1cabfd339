package dev.atelier.worker.domain;

/**
 * A job that cannot finish; becomes a {@code generation.failed} event. {@code code} is machine-readable and
 * {@code retryable} tells image-service whether queueing the job again may succeed.
 */
public class GenerationException extends RuntimeException {
    public static final String UNKNOWN_PROVIDER = "unknown_provider";
    public static final String INVALID_REQUEST = "invalid_request";
    public static final String RENDER_FAILED = "render_failed";
    public static final String STORAGE_UNAVAILABLE = "storage_unavailable";
    /** Every provider in the failover order failed with an error worth retrying later (5xx, 429, circuit open). */
    public static final String PROVIDER_UNAVAILABLE = "provider_unavailable";
    /** A provider call took longer than its timeout. */
    public static final String TIMEOUT = "timeout";
    /** The provider or the image moderation hook refused the content. */
    public static final String CONTENT_BLOCKED = "content_blocked";
    /** The provider answered with something that is not a valid image of the requested size. */
    public static final String INVALID_IMAGE = "invalid_image";

    private final String code;
    private final boolean retryable;

    public GenerationException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public static GenerationException unknownProvider(String provider) {
        return new GenerationException(UNKNOWN_PROVIDER, "unknown provider '" + provider + "'", false, null);
    }

    public static GenerationException invalidRequest(String message) {
        return new GenerationException(INVALID_REQUEST, message, false, null);
    }

    public static GenerationException renderFailed(String message, boolean retryable, Throwable cause) {
        return new GenerationException(RENDER_FAILED, message, retryable, cause);
    }

    public static GenerationException storageUnavailable(String message, Throwable cause) {
        return new GenerationException(STORAGE_UNAVAILABLE, message, true, cause);
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
