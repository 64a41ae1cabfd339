package dev.atelier.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event carries (DESIGN.md §3): a unique id consumers deduplicate on, a schema version, when it
 * happened, and the user it belongs to (also the record key).
 */
public interface Event {
    UUID eventId();

    int version();

    Instant occurredAt();

    UUID userId();

    /** The value of the {@code event-type} header; equal to the topic the event is published on. */
    String eventType();
}
