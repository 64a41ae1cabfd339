package dev.atelier.outbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.Event;
import dev.atelier.events.EventMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Builds an {@link OutboxRelay}'s publishers from Kafka emitters: each reads the row's JSON payload as its event
 * type and sends {@link EventMessages#of(Event)} (key = user id, header {@code event-type}), completing on the
 * broker's acknowledgement.
 *
 * <pre>{@code
 * new OutboxPublishers(mapper)
 *         .add(Topics.USER_DELETED, UserDeleted.class, userDeleted)
 *         .build();
 * }</pre>
 */
public final class OutboxPublishers {
    private final ObjectMapper mapper;
    private final Map<String, Function<String, Uni<Void>>> publishers = new LinkedHashMap<>();

    /** {@code mapper} must read what the service wrote into the outbox (the application's ObjectMapper). */
    public OutboxPublishers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Rows of {@code topic} are {@code type} events, sent through {@code emitter}. */
    public <E extends Event> OutboxPublishers add(String topic, Class<E> type, MutinyEmitter<E> emitter) {
        if (publishers.putIfAbsent(topic, payload -> emitter.sendMessage(EventMessages.of(read(payload, type))))
                != null) {
            throw new IllegalArgumentException("two publishers for topic " + topic);
        }
        return this;
    }

    public Map<String, Function<String, Uni<Void>>> build() {
        return Map.copyOf(publishers);
    }

    private <E> E read(String payload, Class<E> type) {
        try {
            return mapper.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new UnreadablePayloadException("outbox payload is not a " + type.getSimpleName(), e);
        }
    }
}
