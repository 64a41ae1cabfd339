package dev.atelier.events;

/**
 * Reactive Messaging channel names. Channels use dashes (topics use dots, which would need quoting in
 * configuration keys); each service maps a channel to its topic with {@code mp.messaging.*.<channel>.topic}.
 */
public final class Channels {
    public static final String GENERATION_REQUESTED = "generation-requested";
    public static final String GENERATION_PROGRESS = "generation-progress";
    public static final String GENERATION_COMPLETED = "generation-completed";
    public static final String GENERATION_FAILED = "generation-failed";
    public static final String GENERATION_CANCELED = "generation-canceled";
    public static final String IMAGE_STORED = "image-stored";
    public static final String IMAGE_DELETED = "image-deleted";
    public static final String IMAGE_DOWNLOADED = "image-downloaded";
    public static final String USER_DELETED = "user-deleted";
    public static final String CREDITS_CHANGED = "credits-changed";
    public static final String PROVIDER_STATUS = "provider-status";
    public static final String TIER_CHANGED = "tier-changed";
    public static final String CREDITS_GRANTED = "credits-granted";

    private Channels() {
    }
}
