package dev.atelier.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * gallery-service → image-service, auth-service: an image and its objects are gone for good (permanent delete,
 * trash retention, account deletion). Moving to the trash is not a deletion. {@code bytes} is what it occupied.
 */
public record ImageDeleted(
        UUID eventId,
        int version,
        Instant occurredAt,
        UUID userId,
        UUID imageId,
        String style,
        long bytes,
        String reason) implements Event {

    public static final int VERSION = 1;
    public static final String REASON_PERMANENT = "permanent";
    public static final String REASON_TRASH_EXPIRED = "trash-expired";
    public static final String REASON_USER_DELETED = "user-deleted";

    @Override
    @JsonIgnore
    public String eventType() {
        return Topics.IMAGE_DELETED;
    }
}
