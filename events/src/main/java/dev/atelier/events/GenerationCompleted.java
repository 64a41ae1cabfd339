package dev.atelier.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * generation-worker → image-service, gallery-service: every image of the job is in S3. Carries the request's
 * descriptive fields so the gallery can build its rows without asking image-service.
 */
public record GenerationCompleted(
        UUID eventId,
        int version,
        Instant occurredAt,
        UUID userId,
        UUID jobId,
        String prompt,
        String style,
        String name,
        String emotion,
        long seed,
        String provider,
        String model,
        List<GeneratedImage> images) implements Event {

    public static final int VERSION = 1;

    @Override
    @JsonIgnore
    public String eventType() {
        return Topics.GENERATION_COMPLETED;
    }
}
