package dev.atelier.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** generation-worker → image-service: the job is running, {@code percent} done (0–100). */
public record GenerationProgress(
        UUID eventId,
        int version,
        Instant occurredAt,
        UUID userId,
        UUID jobId,
        int percent) implements Event {

    public static final int VERSION = 1;

    @Override
    @JsonIgnore
    public String eventType() {
        return Topics.GENERATION_PROGRESS;
    }
}
