package dev.atelier.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * generation-worker → image-service: one worker's view of its providers, published on every change and
 * periodically as a heartbeat (so a silent worker's report goes stale). Keyed by {@code workerId}, not by a user.
 * {@code providers} maps a provider name to {@link #UP}, {@link #DOWN} or {@link #CIRCUIT_OPEN}.
 */
public record ProviderStatus(
        UUID eventId,
        int version,
        Instant occurredAt,
        String workerId,
        Map<String, String> providers) {

    public static final int VERSION = 1;
    public static final String UP = "up";
    public static final String DOWN = "down";
    public static final String CIRCUIT_OPEN = "circuit-open";

    @JsonIgnore
    public String eventType() {
        return Topics.PROVIDER_STATUS;
    }
}
