package dev.atelier.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** gallery-service → image-service: the user downloaded an image (usage log). {@code variant} as in StorageKeys. */
public record ImageDownloaded(
        UUID eventId,
        int version,
        Instant occurredAt,
        UUID userId,
        UUID imageId,
        String variant) implements Event {

    public static final int VERSION = 1;

    @Override
    @JsonIgnore
    public String eventType() {
        return Topics.IMAGE_DOWNLOADED;
    }
}
