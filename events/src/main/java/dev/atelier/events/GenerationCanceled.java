package dev.atelier.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * image-service → generation-worker: the user canceled the job (or it was given up). A worker that has not finished
 * it stops and publishes nothing more for it; its credits are already released by image-service.
 */
public record GenerationCanceled(
        UUID eventId,
        int version,
        Instant occurredAt,
        UUID userId,
        UUID jobId,
        String reason) implements Event {

    public static final int VERSION = 1;

    @Override
    @JsonIgnore
    public String eventType() {
        return Topics.GENERATION_CANCELED;
    }
}
