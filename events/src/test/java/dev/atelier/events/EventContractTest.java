package dev.atelier.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class EventContractTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void completedEventSurvivesAJsonRoundTripWithoutLeakingItsType() throws Exception {
        UUID user = UUID.randomUUID();
        UUID image = UUID.randomUUID();
        GenerationCompleted event = new GenerationCompleted(UUID.randomUUID(), GenerationCompleted.VERSION,
                Instant.parse("2026-11-23T10:00:00Z"), user, UUID.randomUUID(), "a lighthouse", "minimal", null, "calm",
                42L, "local", "local-procedural-1",
                List.of(new GeneratedImage(image, 0, "png", 512, 512, 1234, "ab",
                        Map.of(StorageKeys.ORIGINAL, StorageKeys.image(user, image, StorageKeys.ORIGINAL, "png")))));

        String json = mapper.writeValueAsString(event);

        assertFalse(json.contains("eventType"), json);
        assertEquals(event, mapper.readValue(json, GenerationCompleted.class));
    }

    @Test
    void storageKeysFollowTheLayoutAndAcceptOnlyKnownVariants() {
        UUID user = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID image = UUID.fromString("00000000-0000-0000-0000-000000000002");

        assertEquals("users/00000000-0000-0000-0000-000000000001/images/00000000-0000-0000-0000-000000000002/thumb.png",
                StorageKeys.image(user, image, StorageKeys.THUMB, "png"));
        assertThrows(IllegalArgumentException.class, () -> StorageKeys.image(user, image, "../../etc", "png"));
        assertThrows(IllegalArgumentException.class, () -> StorageKeys.image(user, image, StorageKeys.THUMB, "p/ng"));
    }

    @Test
    void messagesAreKeyedByUserAndCarryTheEventType() {
        UUID user = UUID.randomUUID();
        var event = new GenerationFailed(UUID.randomUUID(), 1, Instant.now(), user, UUID.randomUUID(), "x", "y", false);

        var metadata = EventMessages.of(event)
                .getMetadata(io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.class).orElseThrow();

        assertEquals(user.toString(), metadata.getKey());
        assertEquals(Topics.GENERATION_FAILED,
                new String(metadata.getHeaders().lastHeader(EventMessages.EVENT_TYPE_HEADER).value()));
    }

    @Test
    void providerReportsAreKeyedByWorker() {
        var status = new ProviderStatus(UUID.randomUUID(), ProviderStatus.VERSION, Instant.now(), "worker-1",
                Map.of("local", ProviderStatus.UP));

        var metadata = EventMessages.of(status)
                .getMetadata(io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.class).orElseThrow();

        assertEquals("worker-1", metadata.getKey());
        assertEquals(Topics.PROVIDER_STATUS,
                new String(metadata.getHeaders().lastHeader(EventMessages.EVENT_TYPE_HEADER).value()));
    }
}
