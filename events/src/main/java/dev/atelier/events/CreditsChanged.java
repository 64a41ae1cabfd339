package dev.atelier.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * image-service → auth-service (stats projection): the user's credit account after a change. A snapshot, not a
 * delta, so a consumer keeps the latest one per user ({@code sequence} grows with every change of one account;
 * an older sequence than the one kept is stale). {@code reason} is the usage-log kind that caused it
 * ({@code hold}, {@code charge}, {@code release}, {@code grant}, …); {@code jobId} is set when a job caused it.
 * {@code generations} counts the jobs the user ever submitted.
 */
public record CreditsChanged(
        UUID eventId,
        int version,
        Instant occurredAt,
        UUID userId,
        long sequence,
        String tier,
        int total,
        int used,
        int held,
        int remaining,
        long generations,
        String reason,
        UUID jobId) implements Event {

    public static final int VERSION = 1;

    @Override
    @JsonIgnore
    public String eventType() {
        return Topics.CREDITS_CHANGED;
    }
}
