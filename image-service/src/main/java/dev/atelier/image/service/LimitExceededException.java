package dev.atelier.image.service;

/** A tier limit refuses the submit for now: 429 with {@code Retry-After}, nothing stored. */
public class LimitExceededException extends RuntimeException {
    /** The limit's config key, e.g. {@code submits-per-minute}. */
    private final String limit;
    private final int allowed;
    private final long retryAfterSeconds;

    public LimitExceededException(String limit, int allowed, long retryAfterSeconds, String detail) {
        super(detail, null, false, false);
        this.limit = limit;
        this.allowed = allowed;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String limit() {
        return limit;
    }

    public int allowed() {
        return allowed;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
