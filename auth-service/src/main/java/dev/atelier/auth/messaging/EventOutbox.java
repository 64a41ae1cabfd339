package dev.atelier.auth.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.Event;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes events to the {@code outbox} table in the caller's transaction (the account change and its event commit
 * together or not at all); {@link AuthOutboxRelay} publishes them to Kafka afterwards. Keyed by the user id, like
 * every Atelier event.
 */
@ApplicationScoped
public class EventOutbox {
    /**
     * The payload is bound as text and then cast: bound straight to a jsonb parameter, the reactive client would
     * encode the Java string as a JSON string value, not as the document it contains.
     */
    private static final String INSERT = """
            insert into outbox (aggregate_id, topic, message_key, event_type, payload)
            values (?1, ?2, ?3, ?4, cast(cast(?5 as text) as jsonb))""";

    private final ObjectMapper mapper;

    public EventOutbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Must run inside a transaction ({@code @WithTransaction} on the caller). */
    public Uni<Void> add(Event event) {
        String payload;
        try {
            payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Cannot serialise event " + event.eventId(), e));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter(1, event.userId())
                .setParameter(2, event.eventType())
                .setParameter(3, event.userId().toString())
                .setParameter(4, event.eventType())
                .setParameter(5, payload)
                .executeUpdate())
                .replaceWithVoid();
    }
}
