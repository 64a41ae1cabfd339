package dev.atelier.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.EventMessages;
import dev.atelier.events.Topics;
import dev.atelier.events.UserDeleted;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

class OutboxPublishersTest {
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    /** What the relay hands a Kafka emitter; SmallRye's own emitter needs a running application. */
    static final class RecordingEmitter<T> implements MutinyEmitter<T> {
        final List<Message<? extends T>> messages = new ArrayList<>();

        @Override
        public <M extends Message<? extends T>> Uni<Void> sendMessage(M message) {
            messages.add(message);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> send(T payload) {
            throw new UnsupportedOperationException("the outbox always sends a keyed message");
        }

        @Override
        public void sendAndAwait(T payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Cancellable sendAndForget(T payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends T>> void send(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends T>> void sendMessageAndAwait(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends T>> Cancellable sendMessageAndForget(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }

    @Test
    void sendsTheEventReadFromThePayloadKeyedByItsUserWithItsTypeHeader() throws Exception {
        RecordingEmitter<UserDeleted> emitter = new RecordingEmitter<>();
        UserDeleted event = new UserDeleted(UUID.randomUUID(), UserDeleted.VERSION,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), UUID.randomUUID());
        Function<String, Uni<Void>> publisher = new OutboxPublishers(mapper)
                .add(Topics.USER_DELETED, UserDeleted.class, emitter)
                .build().get(Topics.USER_DELETED);

        publisher.apply(mapper.writeValueAsString(event)).await().indefinitely();

        assertEquals(1, emitter.messages.size());
        Message<? extends UserDeleted> message = emitter.messages.get(0);
        assertEquals(event, message.getPayload());
        @SuppressWarnings("unchecked")
        OutgoingKafkaRecordMetadata<String> metadata = message.getMetadata(OutgoingKafkaRecordMetadata.class)
                .orElseThrow();
        assertEquals(event.userId().toString(), metadata.getKey());
        assertEquals(Topics.USER_DELETED, new String(
                metadata.getHeaders().lastHeader(EventMessages.EVENT_TYPE_HEADER).value(), StandardCharsets.UTF_8));
    }

    @Test
    void aPayloadThatIsNotItsEventIsUnreadable() {
        Function<String, Uni<Void>> publisher = new OutboxPublishers(mapper)
                .add(Topics.USER_DELETED, UserDeleted.class, new RecordingEmitter<>())
                .build().get(Topics.USER_DELETED);

        assertThrows(UnreadablePayloadException.class, () -> publisher.apply("{\"userId\": \"not a uuid\"}"));
    }

    @Test
    void aTopicHasOnePublisher() {
        OutboxPublishers publishers = new OutboxPublishers(mapper)
                .add(Topics.USER_DELETED, UserDeleted.class, new RecordingEmitter<>());

        assertThrows(IllegalArgumentException.class,
                () -> publishers.add(Topics.USER_DELETED, UserDeleted.class, new RecordingEmitter<>()));
    }
}
