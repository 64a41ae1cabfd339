package dev.atelier.worker.domain;

/**
 * A job that cannot finish; becomes a {@code generation.failed} event. {@code code} is machine-readable and
 * {@code retryable} tells image-service whether queueing the job again may succeed.
 */
public class GenerationException extends RuntimeException {
    public static final String UNKNOWN_PROVIDER = "unknown-provider";
    public static final String INVALID_REQUEST = "invalid-request";
    public static final String RENDER_FAILED = "render-failed";
    public static final String STORAGE_UNAVAILABLE = "storage-unavailable";

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
