package dev.atelier.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * auth-service → image-service: an admin moved the user to another tier. image-service applies the new tier's
 * monthly credits and limits to the user's credit account at once (the access token's {@code tier} claim follows at
 * the next refresh). {@code adminId} is who did it (audited in auth-service).
 */
public record TierChanged(
        UUID eventId,
        int version,
        Instant occurredAt,
        UUID userId,
        String tier,
        String previousTier,
        UUID adminId) implements Event {

    public static final int VERSION = 1;

    @Override
    @JsonIgnore
    public String eventType() {
        return Topics.TIER_CHANGED;
    }
}
