package dev.atelier.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** auth-service → image-service, gallery-service: the account is gone; delete every row and object of the user. */
public record UserDeleted(
        UUID eventId,
        int version,
        Instant occurredAt,
        UUID userId) implements Event {

    public static final int VERSION = 1;

    @Override
    @JsonIgnore
    public String eventType() {
        return Topics.USER_DELETED;
    }
}
