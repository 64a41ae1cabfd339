package dev.atelier.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** generation-worker → image-service: the job could not be rendered. {@code code} is machine-readable. */
public record GenerationFailed(
        UUID eventId,
        int version,
        Instant occurredAt,
        UUID userId,
        UUID jobId,
        String code,
        String message,
        boolean retryable) implements Event {

    public static final int VERSION = 1;

    @Override
    @JsonIgnore
    public String eventType() {
        return Topics.GENERATION_FAILED;
    }
}
