package dev.atelier.events;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Builds the one correct Kafka message for an event: key = user id, header {@code event-type}. */
public final class EventMessages {
    public static final String EVENT_TYPE_HEADER = "event-type";

    private EventMessages() {
    }

    public static <E extends Event> Message<E> of(E event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EVENT_TYPE_HEADER, event.eventType().getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.userId().toString())
                .withHeaders(headers)
                .build();
        return Message.of(event).addMetadata(metadata);
    }
}
