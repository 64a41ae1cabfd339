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
        return keyed(event, event.userId().toString(), event.eventType());
    }

    /** A worker's provider report, keyed by the worker so each worker's reports stay in order. */
    public static Message<ProviderStatus> of(ProviderStatus status) {
        return keyed(status, status.workerId(), status.eventType());
    }

    private static <T> Message<T> keyed(T payload, String key, String eventType) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EVENT_TYPE_HEADER, eventType.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withHeaders(headers)
                .build();
        return Message.of(payload).addMetadata(metadata);
    }
}
