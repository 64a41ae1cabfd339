package dev.atelier.events;

/** Kafka topic names (DESIGN.md §3). Every record is keyed by the user id, so one user's events stay ordered. */
public final class Topics {
    public static final String GENERATION_REQUESTED = "generation.requested";
    public static final String GENERATION_PROGRESS = "generation.progress";
    public static final String GENERATION_COMPLETED = "generation.completed";
    public static final String GENERATION_FAILED = "generation.failed";
    public static final String GENERATION_CANCELED = "generation.canceled";
    public static final String IMAGE_STORED = "image.stored";
    public static final String IMAGE_DELETED = "image.deleted";
    public static final String IMAGE_DOWNLOADED = "image.downloaded";
    public static final String USER_DELETED = "user.deleted";
    public static final String CREDITS_CHANGED = "credits.changed";
    public static final String PROVIDER_STATUS = "provider.status";
    public static final String TIER_CHANGED = "user.tier-changed";
    public static final String CREDITS_GRANTED = "credits.granted";

    /** Suffix of the dead-letter topic of each consumed topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
