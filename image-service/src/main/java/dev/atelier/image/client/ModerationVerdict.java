package dev.atelier.image.client;

/** A moderation provider's answer: flagged, and then the category that weighed most (e.g. {@code violence}). */
public record ModerationVerdict(boolean flagged, String category) {
    public static final String UNSPECIFIED_CATEGORY = "flagged";

    public static ModerationVerdict clean() {
        return new ModerationVerdict(false, null);
    }
}
