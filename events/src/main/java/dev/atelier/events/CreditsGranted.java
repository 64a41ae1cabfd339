package dev.atelier.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * auth-service → image-service: an admin granted {@code amount} (> 0) extra credits to the user for the current
 * period, with a free-text {@code reason} for the usage log. The grant is applied once per {@code eventId}.
 */
public record CreditsGranted(
        UUID eventId,
        int version,
        Instant occurredAt,
        UUID userId,
        int amount,
        String reason,
        UUID adminId) implements Event {

    public static final int VERSION = 1;

    @Override
    @JsonIgnore
    public String eventType() {
        return Topics.CREDITS_GRANTED;
    }
}
