package dev.atelier.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * gallery-service → image-service, auth-service: an image now belongs to the user's library (generated or
 * uploaded). {@code bytes} counts every stored variant, so projections can sum storage.
 */
public record ImageStored(
        UUID eventId,
        int version,
        Instant occurredAt,
        UUID userId,
        UUID imageId,
        UUID jobId,
        String source,
        String style,
        String emotion,
        String format,
        long bytes) implements Event {

    public static final int VERSION = 1;

    @Override
    @JsonIgnore
    public String eventType() {
        return Topics.IMAGE_STORED;
    }
}
