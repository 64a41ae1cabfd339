package dev.atelier.auth.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A user's figures as the stats projection knows them: live images (not deleted for good) and their bytes, per
 * style; the newest credit snapshot ({@code null} before the first one); when the projection last changed for this
 * user ({@code null} before any event).
 */
public record UserStats(long images, long storageBytes, Map<String, Long> byStyle, CreditSnapshot credits,
        Instant updatedAt) {

    /** The key under which images without a style (uploads without one) are counted, as gallery-service does. */
    public static final String UNLABELLED = "none";
}
